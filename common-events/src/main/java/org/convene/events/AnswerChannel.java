package org.convene.events;

/** How an answer reached the scheduler. */
public enum AnswerChannel {
  /** An iTIP {@code REPLY} sent by the attendee's calendar to the organiser's mailbox. */
  CALENDAR_REPLY,
  /** The attendee's own signed link in an invitation, answered on Convene's page. */
  LINK
}
