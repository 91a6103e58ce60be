package org.convene.scheduler.meeting.domain;

/** Where a meeting is in its life. */
public enum MeetingStatus {
  SCHEDULED,
  CANCELLED
}
