package org.convene.scheduler.outbox;

import java.time.Instant;
import java.util.List;
import org.convene.events.AgendaChanged;
import org.convene.events.AgendaItem;
import org.convene.events.AgendaItemChange;
import org.convene.events.AgendaItemChange.Kind;
import org.convene.events.AnswerChannel;
import org.convene.events.AttendeeAnswered;
import org.convene.events.EventId;
import org.convene.events.FieldChange;
import org.convene.events.MeetingCancelled;
import org.convene.events.MeetingDetailsChanged;
import org.convene.events.MeetingEvent;
import org.convene.events.MeetingRescheduled;
import org.convene.events.MeetingScheduled;
import org.convene.events.MeetingSnapshot;
import org.convene.events.MeetingStatus;
import org.convene.events.MeetingTime;
import org.convene.events.Participant;
import org.convene.events.ParticipantRole;
import org.convene.events.ParticipantsChanged;
import org.convene.events.Person;
import org.convene.events.Quorum;
import org.convene.events.QuorumChanged;
import org.convene.events.QuorumRule;
import org.convene.events.QuorumRuleChanged;
import org.convene.events.QuorumState;
import org.convene.events.ReferenceDocument;
import org.convene.events.RoleChange;
import org.convene.events.RoleTally;
import org.convene.scheduler.answer.domain.AnswerOutcome;
import org.convene.scheduler.answer.domain.QuorumMoved;
import org.convene.scheduler.answer.domain.QuorumStatus;
import org.convene.scheduler.meeting.domain.AgendaItemChange.Added;
import org.convene.scheduler.meeting.domain.AgendaItemChange.Moved;
import org.convene.scheduler.meeting.domain.AgendaItemChange.NotesChanged;
import org.convene.scheduler.meeting.domain.AgendaItemChange.PresenterChanged;
import org.convene.scheduler.meeting.domain.AgendaItemChange.Removed;
import org.convene.scheduler.meeting.domain.AgendaItemChange.Retimed;
import org.convene.scheduler.meeting.domain.AgendaItemChange.Retitled;
import org.convene.scheduler.meeting.domain.Mailbox;
import org.convene.scheduler.meeting.domain.Meeting;
import org.convene.scheduler.meeting.domain.MeetingChange;

/**
 * The one place where the scheduler's meeting model becomes the published contract: what the
 * notifier and other readers rely on changes only through a decision made here.
 */
final class ContractMapping {

  private ContractMapping() {}

  static MeetingEvent event(
      EventId eventId,
      long revision,
      Instant occurredAt,
      Meeting after,
      org.convene.scheduler.meeting.domain.QuorumRule quorumRule,
      MeetingChange change) {
    MeetingSnapshot meeting = snapshot(after, quorumRule);
    return switch (change) {
      case MeetingChange.Scheduled scheduled ->
          new MeetingScheduled(eventId, after.id(), revision, occurredAt, meeting);
      case MeetingChange.DetailsChanged details ->
          new MeetingDetailsChanged(
              eventId,
              after.id(),
              revision,
              occurredAt,
              meeting,
              details.changes().stream()
                  .map(c -> new FieldChange(c.field(), c.before(), c.after()))
                  .toList());
      case MeetingChange.Rescheduled rescheduled ->
          new MeetingRescheduled(
              eventId, after.id(), revision, occurredAt, meeting, time(rescheduled.previous()));
      case MeetingChange.AgendaChanged agenda ->
          new AgendaChanged(
              eventId,
              after.id(),
              revision,
              occurredAt,
              meeting,
              agenda.changes().stream().map(ContractMapping::itemChange).toList());
      case MeetingChange.ParticipantsChanged participants ->
          new ParticipantsChanged(
              eventId,
              after.id(),
              revision,
              occurredAt,
              meeting,
              participants(participants.added()),
              participants(participants.removed()),
              participants.roleChanges().stream()
                  .map(
                      r ->
                          new RoleChange(
                              r.mailbox().address(), r.name(), role(r.before()), role(r.after())))
                  .toList());
      case MeetingChange.Cancelled cancelled ->
          new MeetingCancelled(
              eventId, after.id(), revision, occurredAt, meeting, cancelled.reason());
    };
  }

  /**
   * The event of a recorded answer. It keeps the meeting's current revision: an answer does not
   * revise the meeting, so calendars' SEQUENCE does not move.
   */
  static AttendeeAnswered answered(
      EventId eventId, Instant occurredAt, AnswerOutcome.Recorded recorded) {
    var answer = recorded.answer();
    var participant = recorded.participant();
    return new AttendeeAnswered(
        eventId,
        recorded.meeting().id(),
        recorded.revision(),
        occurredAt,
        snapshot(recorded.meeting(), recorded.quorumAfter().rule()),
        participant.mailbox().address(),
        participant.name(),
        role(participant.role()),
        org.convene.events.Answer.valueOf(answer.status().name()),
        address(answer.delegatedTo()),
        answer.revision(),
        AnswerChannel.valueOf(answer.channel().name()),
        answer.comment(),
        answer.answeredAt(),
        recorded.previous() == null
            ? null
            : org.convene.events.Answer.valueOf(recorded.previous().status().name()),
        recorded.tallies().stream()
            .map(
                t ->
                    new RoleTally(
                        role(t.role()),
                        t.invited(),
                        t.accepted(),
                        t.tentative(),
                        t.declined(),
                        t.delegated(),
                        t.pending()))
            .toList(),
        quorum(recorded.quorumAfter()));
  }

  /** The event of a quorum state that moved; call only when it moved. */
  static QuorumChanged quorumChanged(EventId eventId, Instant occurredAt, QuorumMoved moved) {
    return new QuorumChanged(
        eventId,
        moved.meeting().id(),
        moved.revision(),
        occurredAt,
        snapshot(moved.meeting(), moved.after().rule()),
        QuorumState.valueOf(moved.before().state().name()),
        QuorumState.valueOf(moved.after().state().name()),
        quorum(moved.after()));
  }

  /**
   * The event of a new quorum rule, whether or not it moved the state; call only when the rule
   * changed.
   */
  static QuorumRuleChanged quorumRuleChanged(
      EventId eventId, Instant occurredAt, QuorumMoved moved) {
    return new QuorumRuleChanged(
        eventId,
        moved.meeting().id(),
        moved.revision(),
        occurredAt,
        snapshot(moved.meeting(), moved.after().rule()),
        rule(moved.before().rule()),
        quorum(moved.after()));
  }

  private static Quorum quorum(QuorumStatus status) {
    return new Quorum(
        rule(status.rule()),
        status.voters(),
        status.required(),
        status.accepted(),
        status.tentative(),
        status.pending(),
        QuorumState.valueOf(status.state().name()));
  }

  private static QuorumRule rule(org.convene.scheduler.meeting.domain.QuorumRule rule) {
    return new QuorumRule(
        QuorumRule.Kind.valueOf(rule.kind().name()), rule.value(), rule.chairCounts());
  }

  /**
   * The meeting as it stands under its quorum rule, which the scheduler keeps apart from the
   * meeting (every event's snapshot carries it, so that a reader knows the rule before anybody
   * answered).
   */
  static MeetingSnapshot snapshot(
      Meeting meeting, org.convene.scheduler.meeting.domain.QuorumRule quorumRule) {
    return new MeetingSnapshot(
        meeting.title(),
        meeting.description(),
        new Person(meeting.organiser().name(), meeting.organiser().mailbox().address()),
        meeting.time().start(),
        meeting.time().end(),
        meeting.time().zone().getId(),
        meeting.location(),
        meeting.onlineLink(),
        meeting.documents().stream().map(d -> new ReferenceDocument(d.title(), d.url())).toList(),
        participants(meeting.participants()),
        meeting.agenda().stream()
            .map(
                a ->
                    new AgendaItem(
                        a.title(),
                        address(a.presenter()),
                        a.durationMinutes(),
                        a.notes(),
                        a.id().value()))
            .toList(),
        MeetingStatus.valueOf(meeting.status().name()),
        meeting.reminderMinutesBefore(),
        rule(quorumRule));
  }

  private static MeetingTime time(org.convene.scheduler.meeting.domain.MeetingTime time) {
    return new MeetingTime(time.start(), time.end(), time.zone().getId());
  }

  private static List<Participant> participants(
      List<org.convene.scheduler.meeting.domain.Participant> participants) {
    return participants.stream()
        .map(
            p ->
                new Participant(
                    p.name(),
                    p.mailbox().address(),
                    role(p.role()),
                    p.language(),
                    p.timeZone(),
                    p.group()))
        .toList();
  }

  private static ParticipantRole role(org.convene.scheduler.meeting.domain.ParticipantRole role) {
    return ParticipantRole.valueOf(role.name());
  }

  private static AgendaItemChange itemChange(
      org.convene.scheduler.meeting.domain.AgendaItemChange change) {
    String id = change.itemId().value();
    return switch (change) {
      case Added a ->
          new AgendaItemChange(
              Kind.ADDED,
              id,
              a.title(),
              null,
              null,
              a.position(),
              null,
              a.start(),
              null,
              a.durationMinutes(),
              null,
              address(a.presenter()));
      case Moved m ->
          new AgendaItemChange(
              Kind.MOVED,
              id,
              m.title(),
              null,
              m.positionBefore(),
              m.positionAfter(),
              m.startBefore(),
              m.startAfter(),
              null,
              null,
              null,
              null);
      case Retitled r ->
          new AgendaItemChange(
              Kind.RETITLED,
              id,
              r.title(),
              r.titleBefore(),
              null,
              null,
              null,
              null,
              null,
              null,
              null,
              null);
      case Retimed r ->
          new AgendaItemChange(
              Kind.RETIMED,
              id,
              r.title(),
              null,
              null,
              null,
              null,
              null,
              r.durationBefore(),
              r.durationAfter(),
              null,
              null);
      case PresenterChanged p ->
          new AgendaItemChange(
              Kind.PRESENTER_CHANGED,
              id,
              p.title(),
              null,
              null,
              null,
              null,
              null,
              null,
              null,
              address(p.presenterBefore()),
              address(p.presenterAfter()));
      case NotesChanged n ->
          new AgendaItemChange(
              Kind.NOTES_CHANGED,
              id,
              n.title(),
              null,
              null,
              null,
              null,
              null,
              null,
              null,
              null,
              null);
      case Removed r ->
          new AgendaItemChange(
              Kind.REMOVED,
              id,
              r.title(),
              null,
              r.position(),
              null,
              r.start(),
              null,
              null,
              null,
              address(r.presenter()),
              null);
    };
  }

  private static String address(Mailbox mailbox) {
    return mailbox == null ? null : mailbox.address();
  }
}
