package org.convene.events;

/** Where a meeting is in its life. */
public enum MeetingStatus {
  /** Planned; invitations are valid. */
  SCHEDULED,
  /** Called off; invitations were withdrawn. */
  CANCELLED
}
