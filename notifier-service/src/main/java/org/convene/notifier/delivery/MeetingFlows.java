package org.convene.notifier.delivery;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.convene.events.MeetingId;
import org.convene.notifier.invitation.Recipients;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Follows meetings from their events to each inbox, for the ops console: which revision owed whom
 * what, and what became of it, including the revisions that owed someone nothing and why.
 */
@Component
public class MeetingFlows {

  /** The most meetings a search by recipient lists. */
  public static final int MAX_MEETINGS = 100;

  private final FlowLedger ledger;

  MeetingFlows(FlowLedger ledger) {
    this.ledger = ledger;
  }

  /**
   * The meeting's flow, of one recipient if given (their e-mail address, any case), or empty if the
   * notifier has recorded nothing of it.
   */
  public Optional<MeetingFlow> of(MeetingId meetingId, @Nullable String recipient) {
    List<MeetingFlow.Event> events = ledger.events(meetingId);
    String mailbox = mailbox(recipient);
    List<FlowLedger.Addressed> messages = ledger.messages(meetingId, mailbox);
    if (events.isEmpty() && messages.isEmpty()) {
      return Optional.empty();
    }
    Map<String, List<MeetingFlow.Message>> byRecipient = new LinkedHashMap<>();
    for (FlowLedger.Addressed addressed : messages) {
      byRecipient
          .computeIfAbsent(addressed.recipient(), r -> new ArrayList<>())
          .add(addressed.message());
    }
    List<MeetingFlow.Recipient> recipients = new ArrayList<>();
    byRecipient.forEach((address, theirs) -> recipients.add(recipient(address, theirs, events)));
    return Optional.of(new MeetingFlow(meetingId.toString(), events, recipients));
  }

  /** The meeting an event belongs to, if the notifier recorded it or a message of it. */
  public Optional<MeetingId> meetingOfEvent(UUID eventId) {
    return ledger.meetingOfEvent(eventId);
  }

  /** The meetings a recipient had messages of (their e-mail address, any case). */
  public List<MeetingFlow.RecipientMeeting> meetingsOf(String recipient) {
    return ledger.meetingsOf(mailbox(recipient), MAX_MEETINGS);
  }

  static MeetingFlow.Recipient recipient(
      String address, List<MeetingFlow.Message> theirs, List<MeetingFlow.Event> events) {
    // The calendar's messages make the revision steps; reminders, confirmations, quorum alerts and
    // nudges are listed beside them, off the revisions' track.
    List<MeetingFlow.Message> notices = theirs.stream().filter(MeetingFlows::calendar).toList();
    List<MeetingFlow.Message> reminders = theirs.stream().filter(m -> !calendar(m)).toList();
    List<MeetingFlow.Step> steps = new ArrayList<>();
    for (MeetingFlow.Event event : events) {
      steps.add(step(event.revision(), notices));
    }
    // Messages of revisions whose events are not recorded (should not happen): shown all the same.
    for (MeetingFlow.Message notice : notices) {
      if (events.stream().noneMatch(e -> e.revision() == notice.revision())) {
        steps.add(MeetingFlow.Step.of(notice.revision(), notice.status(), notice, null));
      }
    }
    steps.sort(java.util.Comparator.comparingLong(MeetingFlow.Step::revision));
    return new MeetingFlow.Recipient(address, steps, reminders);
  }

  private static boolean calendar(MeetingFlow.Message message) {
    return !message.kind().equals(DeliveryKind.REMINDER.name())
        && !message.kind().equals(DeliveryKind.CONFIRMATION.name())
        && !message.kind().equals(DeliveryKind.QUORUM_ALERT.name())
        && !message.kind().equals(DeliveryKind.NUDGE.name());
  }

  static MeetingFlow.Step step(long revision, List<MeetingFlow.Message> notices) {
    MeetingFlow.Message at = null;
    MeetingFlow.Message before = null;
    for (MeetingFlow.Message notice : notices) {
      if (notice.revision() == revision) {
        at = notice;
      } else if (notice.revision() < revision) {
        before = notice;
      }
    }
    if (at != null) {
      return MeetingFlow.Step.of(revision, at.status(), at, null);
    }
    if (before == null) {
      return MeetingFlow.Step.of(revision, "NOT_YET", null, null);
    }
    if (before.kind().equals(DeliveryKind.CANCELLATION.name())) {
      return MeetingFlow.Step.of(revision, "REMOVED", null, before.revision());
    }
    return MeetingFlow.Step.of(revision, "NOTHING", null, null);
  }

  private static @Nullable String mailbox(@Nullable String recipient) {
    return recipient == null || recipient.isBlank() ? null : Recipients.mailboxKey(recipient);
  }
}
