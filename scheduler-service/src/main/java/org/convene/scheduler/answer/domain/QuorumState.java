package org.convene.scheduler.answer.domain;

/** Whether the meeting will be quorate, projected from the answers. */
public enum QuorumState {
  /** accepted ≥ required. */
  MET,
  /** accepted < required ≤ accepted + tentative + not answered. */
  AT_RISK,
  /** Too few even if every tentative and unanswered voting member accepted. */
  UNREACHABLE
}
