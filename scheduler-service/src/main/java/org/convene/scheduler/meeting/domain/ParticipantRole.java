package org.convene.scheduler.meeting.domain;

/** How a person takes part in a meeting. */
public enum ParticipantRole {
  /** Presides; a meeting has exactly one. */
  CHAIR,
  VOTING,
  OPTIONAL,
  /** Attends and may speak when asked; does not vote. */
  NON_VOTING,
  /** Receives the invitation for information only. */
  INFORMATION
}
