package org.convene.notifier.delivery;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.convene.events.MeetingCancelled;
import org.convene.events.MeetingEvent;
import org.convene.events.MeetingId;
import org.convene.events.MeetingStatus;
import org.convene.events.Participant;
import org.convene.notifier.delivery.DeliveryKey.RecipientKey;
import org.convene.notifier.delivery.RecipientDecision.Superseded;
import org.convene.notifier.invitation.Notice;
import org.convene.notifier.invitation.NoticeKind;
import org.convene.notifier.reminder.ReminderNotices;
import org.convene.notifier.reminder.ReminderNotices.OwedReminder;
import org.springframework.stereotype.Component;

/**
 * Decides what every recipient of a batch gets, in one place: from their ledger rows, which owed
 * message is sent and as what notice (invitation, update, cancellation, withdrawal, reminder), and
 * which rows are superseded or given up without being sent. The ledger's {@link DeliveryKind} (what
 * a revision owes) becomes the message's {@link NoticeKind} (what it tells) here and nowhere else.
 */
@Component
class BatchPlanner {

  private final BatchEvents events;
  private final ReminderNotices reminders;
  private final AnswerNoticePlanner answerNotices;

  BatchPlanner(BatchEvents events, ReminderNotices reminders, AnswerNoticePlanner answerNotices) {
    this.events = events;
    this.reminders = reminders;
    this.answerNotices = answerNotices;
  }

  /** A message to send: the row it settles, and what it says. */
  record Send(LedgerRow row, Notice notice) {}

  /** A row given up without being sent, and why. */
  record Failure(LedgerRow row, String reason) {}

  /** What a batch does, recipient by recipient, in the order claimed. */
  record Plan(List<Send> sends, List<Superseded> superseded, List<Failure> failures) {}

  /** Plans for these recipients, given all their rows. */
  Plan plan(List<RecipientKey> claimed, List<LedgerRow> allRows) {
    Map<RecipientKey, List<LedgerRow>> rows = new LinkedHashMap<>();
    claimed.forEach(key -> rows.put(key, new ArrayList<>()));
    for (LedgerRow row : allRows) {
      rows.get(row.key().recipientKey()).add(row);
    }
    List<Superseded> superseded = new ArrayList<>();
    List<RecipientDecision> decisions = new ArrayList<>();
    List<LedgerRow> reminderRows = new ArrayList<>();
    List<LedgerRow> answerRows = new ArrayList<>();
    for (Map.Entry<RecipientKey, List<LedgerRow>> entry : rows.entrySet()) {
      // Reminders, confirmations, quorum alerts and nudges neither supersede the invitations and
      // updates nor are superseded by them.
      RecipientDecision decision =
          RecipientDecision.of(
              entry.getKey(),
              entry.getValue().stream().filter(row -> row.kind().calendar()).toList());
      superseded.addAll(decision.superseded());
      if (decision.send() != null) {
        decisions.add(decision);
      }
      LedgerRow reminder = newestReminder(entry.getValue(), superseded);
      if (reminder != null) {
        reminderRows.add(reminder);
      }
      entry.getValue().stream()
          .filter(row -> row.aboutAnswers() && row.status() == DeliveryStatus.PENDING)
          .forEach(answerRows::add);
    }
    Set<MeetingId> newestOf = meetingsOf(reminderRows);
    newestOf.addAll(meetingsOf(answerRows));
    BatchEvents.Events loaded = events.load(revisions(decisions), newestOf);
    List<Send> sends = new ArrayList<>();
    List<Failure> failures = new ArrayList<>();
    for (RecipientDecision decision : decisions) {
      planMessage(decision, loaded, sends, failures);
    }
    // Whoever declined or delegated since a reminder was handed over gets none: asked once a batch.
    Map<MeetingId, Set<String>> absent = reminders.absent(meetingsOf(reminderRows));
    for (LedgerRow row : reminderRows) {
      MeetingId meetingId = row.key().meetingId();
      switch (reminders.decide(
          owedReminder(row), loaded.newest(meetingId), absent.getOrDefault(meetingId, Set.of()))) {
        case ReminderNotices.Decision.Send send -> sends.add(new Send(row, send.notice()));
        case ReminderNotices.Decision.Supersede supersede ->
            superseded.add(new Superseded(row, supersede.by()));
        case ReminderNotices.Decision.Fail fail -> failures.add(new Failure(row, fail.reason()));
      }
    }
    if (!answerRows.isEmpty()) {
      answerNotices.plan(answerRows, loaded, sends, superseded, failures);
    }
    return new Plan(List.copyOf(sends), List.copyOf(superseded), List.copyOf(failures));
  }

  private static void planMessage(
      RecipientDecision decision,
      BatchEvents.Events loaded,
      List<Send> sends,
      List<Failure> failures) {
    LedgerRow row = decision.send();
    MeetingId meetingId = row.key().meetingId();
    MeetingEvent event = loaded.at(meetingId, row.revision());
    if (event == null) {
      failures.add(
          new Failure(
              row,
              "The event of revision "
                  + row.revision()
                  + " is not recorded or cannot be read: replay it from the topic or its dead letters"));
      return;
    }
    Participant recipient = OwedMessages.recipient(event, row.key().recipient());
    if (recipient == null) {
      failures.add(
          new Failure(
              row,
              "Revision "
                  + row.revision()
                  + " neither lists nor removes "
                  + row.key().recipient()));
      return;
    }
    NoticeKind kind = noticeKind(decision, event);
    if (kind != NoticeKind.UPDATE) {
      sends.add(new Send(row, new Notice(kind, event, recipient)));
      return;
    }
    // Worded as the difference between the meeting as the recipient last got it and as it stands,
    // so a revision in between that never arrived (lost, or dead-lettered) is still described. Only
    // if the revision they last got is itself unreadable does the update say that some changes are
    // not.
    MeetingEvent lastSent = loaded.at(meetingId, decision.lastSentRevision());
    sends.add(
        new Send(
            row, Notice.update(event, recipient, lastSent == null ? null : lastSent.meeting())));
  }

  /**
   * What the message to send tells: the one mapping of what a revision owes to what its message
   * says.
   */
  static NoticeKind noticeKind(RecipientDecision decision, MeetingEvent event) {
    return switch (decision.send().kind()) {
      case CANCELLATION ->
          event instanceof MeetingCancelled || event.meeting().status() == MeetingStatus.CANCELLED
              ? NoticeKind.CANCELLATION
              : NoticeKind.WITHDRAWAL;
      case INVITATION, UPDATE -> decision.invites() ? NoticeKind.INVITATION : NoticeKind.UPDATE;
      case REMINDER -> NoticeKind.REMINDER;
      case CONFIRMATION, QUORUM_ALERT, NUDGE ->
          throw new IllegalArgumentException(
              "Messages about answers are planned on their own: " + decision.send().kind());
    };
  }

  /**
   * The revisions each message needs: its own and, for one that may be an update, the one its
   * recipient last got, which the update is worded against. Only those two: the update is the
   * difference of their snapshots, whatever came in between.
   */
  private static List<BatchEvents.Revision> revisions(List<RecipientDecision> decisions) {
    List<BatchEvents.Revision> revisions = new ArrayList<>();
    for (RecipientDecision decision : decisions) {
      LedgerRow row = decision.send();
      MeetingId meetingId = row.key().meetingId();
      revisions.add(new BatchEvents.Revision(meetingId, row.revision()));
      boolean update = !decision.invites() && row.kind() != DeliveryKind.CANCELLATION;
      if (update && decision.lastSentRevision() >= 1) {
        revisions.add(new BatchEvents.Revision(meetingId, decision.lastSentRevision()));
      }
    }
    return revisions;
  }

  private static Set<MeetingId> meetingsOf(List<LedgerRow> rows) {
    Set<MeetingId> meetings = new LinkedHashSet<>();
    rows.forEach(row -> meetings.add(row.key().meetingId()));
    return meetings;
  }

  /**
   * The one owed reminder of a recipient to send, if any; the reminder feature picks it, the others
   * are superseded by it.
   */
  private LedgerRow newestReminder(List<LedgerRow> rows, List<Superseded> superseded) {
    Map<OwedReminder, LedgerRow> owed = new LinkedHashMap<>();
    for (LedgerRow row : rows) {
      if (row.reminder() && row.status() == DeliveryStatus.PENDING) {
        owed.put(owedReminder(row), row);
      }
    }
    if (owed.isEmpty()) {
      return null;
    }
    LedgerRow newest = owed.get(reminders.newest(List.copyOf(owed.keySet())));
    owed.values().stream()
        .filter(row -> row != newest)
        .forEach(row -> superseded.add(new Superseded(row, newest.revision())));
    return newest;
  }

  private static OwedReminder owedReminder(LedgerRow row) {
    return new OwedReminder(
        row.key().recipient(), row.revision(), row.key().reminderMinutes(), row.reminderDueAt());
  }
}
