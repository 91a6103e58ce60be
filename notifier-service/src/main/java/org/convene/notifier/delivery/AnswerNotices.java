package org.convene.notifier.delivery;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.convene.events.AnswerEvent;
import org.convene.events.AttendeeAnswered;
import org.convene.events.MeetingScheduled;
import org.convene.events.MeetingSnapshot;
import org.convene.events.Participant;
import org.convene.events.ParticipantRole;
import org.convene.events.Quorum;
import org.convene.events.QuorumChanged;
import org.convene.events.QuorumRuleChanged;
import org.convene.events.QuorumState;
import org.convene.notifier.invitation.Recipients;

/**
 * Who is owed what about the answers: the person whose answer was recorded a confirmation; the
 * organiser and the chair an alert when the quorum becomes unreachable, or is still at risk at a
 * lead time; the voting members who have not answered then a nudge.
 */
final class AnswerNotices {

  private AnswerNotices() {}

  /** What an answer event owes, to whom (mailbox keys); nothing for most. */
  record Owed(DeliveryKind kind, List<String> recipients) {}

  static List<Owed> of(AnswerEvent event) {
    return switch (event) {
      case AttendeeAnswered answered ->
          List.of(
              new Owed(
                  DeliveryKind.CONFIRMATION, List.of(Recipients.mailboxKey(answered.attendee()))));
      case QuorumChanged changed ->
          changed.to() == QuorumState.UNREACHABLE
              ? List.of(new Owed(DeliveryKind.QUORUM_ALERT, alerted(changed.meeting())))
              : List.of();
      // Only its figures matter (the next check reads them): a new rule that moved the state is
      // followed by its QuorumChanged, which owes the alert, once.
      case QuorumRuleChanged ignored -> List.of();
    };
  }

  /**
   * What scheduling a meeting owes about its quorum: when its rule puts the quorum out of reach
   * before anybody answered, the alert a change into that state brings, to the same people; nothing
   * otherwise. The scheduler accepts such a rule (voting members are often invited later), so the
   * organiser and the chair hear of it at once rather than at the first check, which stays silent
   * about a quorum no longer at risk.
   */
  static List<Owed> ofScheduled(MeetingScheduled scheduled) {
    return QuorumArithmetic.nobodyAnswered(scheduled.meeting()).state() == QuorumState.UNREACHABLE
        ? List.of(new Owed(DeliveryKind.QUORUM_ALERT, alerted(scheduled.meeting())))
        : List.of();
  }

  /** Who hears of the quorum: the organiser and the chair, each once. */
  static List<String> alerted(MeetingSnapshot meeting) {
    Set<String> keys = new LinkedHashSet<>();
    keys.add(Recipients.mailboxKey(meeting.organiser().email()));
    meeting.participants().stream()
        .filter(p -> p.role() == ParticipantRole.CHAIR)
        .forEach(p -> keys.add(Recipients.mailboxKey(p.email())));
    return List.copyOf(keys);
  }

  /**
   * Who is nudged to answer: the voting members (the chair too, if the rule counts the chair) who
   * have not answered at all.
   *
   * @param answered the mailbox keys of everybody who answered
   */
  static List<String> nudged(MeetingSnapshot meeting, Quorum quorum, Set<String> answered) {
    List<String> keys = new ArrayList<>();
    for (Participant participant : Recipients.of(meeting)) {
      boolean votes = QuorumArithmetic.counts(quorum.rule(), participant.role());
      String key = Recipients.mailboxKey(participant.email());
      if (votes && !answered.contains(key)) {
        keys.add(key);
      }
    }
    return List.copyOf(keys);
  }

  /**
   * The person with this mailbox key: a participant of the meeting, else its organiser (who need
   * not be one, and is then written to in the default language and the meeting's zone); {@code
   * null} if neither.
   */
  static Participant person(MeetingSnapshot meeting, String mailboxKey) {
    for (Participant participant : meeting.participants()) {
      if (Recipients.mailboxKey(participant.email()).equals(mailboxKey)) {
        return participant;
      }
    }
    if (Recipients.mailboxKey(meeting.organiser().email()).equals(mailboxKey)) {
      return new Participant(
          meeting.organiser().name(),
          meeting.organiser().email(),
          ParticipantRole.INFORMATION,
          null,
          null);
    }
    return null;
  }
}
