package org.convene.scheduler.answer.domain;

/** What a proposal of another time came to. */
public sealed interface ProposalOutcome {

  /** Kept for the organiser, unless the person already made a newer proposal. */
  record Kept(Proposal proposal) implements ProposalOutcome {}

  /** The proposal cannot be taken; the reason is kept for ops. */
  record Refused(String reason) implements ProposalOutcome {}
}
