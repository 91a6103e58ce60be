package org.convene.events;

/**
 * How a person takes part in a meeting. Each role maps to an iCalendar {@code ROLE} parameter (RFC
 * 5545, section 3.2.16).
 */
public enum ParticipantRole {
  /** Presides over the meeting ({@code ROLE=CHAIR}). */
  CHAIR,
  /** Voting member, a required attendee counted for quorum ({@code ROLE=REQ-PARTICIPANT}). */
  VOTING,
  /** Optional attendee ({@code ROLE=OPT-PARTICIPANT}). */
  OPTIONAL,
  /**
   * Non-voting attendee ("列席"): attends and may speak when asked, does not vote and is not counted
   * for quorum. iCalendar has no such role; it is sent as {@code ROLE=OPT-PARTICIPANT}.
   */
  NON_VOTING,
  /**
   * Receives the invitation for information only ({@code ROLE=NON-PARTICIPANT}, no reply expected).
   */
  INFORMATION;

  /** Whether this participant is expected to answer the invitation (iCalendar {@code RSVP}). */
  public boolean expectsReply() {
    return this != INFORMATION;
  }

  /** Whether this participant counts for quorum. */
  public boolean votes() {
    return this == CHAIR || this == VOTING;
  }
}
