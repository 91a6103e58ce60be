package org.convene.scheduler.meeting;

import java.util.Optional;
import org.convene.events.MeetingId;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reads meetings for the features built on them (answers), without the organisers' access rules:
 * the caller decides who may see what.
 */
@Component
public class CurrentMeetings {

  private final MeetingRepository meetings;
  private final QuorumRules quorumRules;

  CurrentMeetings(MeetingRepository meetings, QuorumRules quorumRules) {
    this.meetings = meetings;
    this.quorumRules = quorumRules;
  }

  @Transactional(readOnly = true)
  public Optional<CurrentMeeting> find(MeetingId id) {
    return meetings
        .find(id)
        .map(stored -> new CurrentMeeting(stored.revision(), stored.meeting(), quorumRules.of(id)));
  }

  /**
   * Reads the meeting and holds its row lock until the transaction ends: what is decided from it
   * (answers, tallies, quorum) is not raced by a change of the meeting or by another answer.
   */
  @Transactional(propagation = Propagation.MANDATORY)
  public Optional<CurrentMeeting> findLocked(MeetingId id) {
    return meetings
        .findForUpdate(id)
        .map(stored -> new CurrentMeeting(stored.revision(), stored.meeting(), quorumRules.of(id)));
  }
}
