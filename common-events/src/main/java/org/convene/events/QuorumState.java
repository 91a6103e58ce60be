package org.convene.events;

/** Whether a meeting will be quorate, projected from its voting members' answers. */
public enum QuorumState {
  /** Enough voting members accepted. */
  MET,
  /** Not yet enough acceptances, but the tentative and unanswered members could still make it. */
  AT_RISK,
  /** Even if every tentative and unanswered voting member accepted, there would be too few. */
  UNREACHABLE
}
