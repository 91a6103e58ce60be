package org.convene.scheduler.answer.domain;

import org.convene.scheduler.meeting.domain.Meeting;

/** The quorum's projected state moved, by an answer or by a new rule. */
public record QuorumMoved(Meeting meeting, long revision, QuorumStatus before, QuorumStatus after) {

  public boolean stateChanged() {
    return before.state() != after.state();
  }
}
