package org.convene.scheduler.answer.domain;

/** How an answer arrived. */
public enum Channel {
  CALENDAR_REPLY,
  LINK
}
