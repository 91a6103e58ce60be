package org.convene.notifier.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.convene.events.EventId;
import org.convene.events.MeetingEvent;
import org.convene.events.MeetingId;
import org.convene.events.SampleEvents;
import org.convene.notifier.delivery.DeliveryKey.RecipientKey;
import org.convene.notifier.invitation.NoticeKind;
import org.convene.notifier.reminder.ReminderNotices;
import org.convene.notifier.reminder.ReminderProperties;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * What each recipient of a batch gets, decided in one place from their ledger rows and the recorded
 * events: invitation, update (with what changed since their last message), cancellation,
 * withdrawal, reminder; or nothing, superseded or failed.
 */
class BatchPlannerTests {

  static final MeetingId MEETING = SampleEvents.MEETING_ID;
  static final String LI_NA = "li.na@bast.example.org";
  static final String ARCHIVE = "archive@bast.example.org";

  private final JsonMapper json = JsonMapper.builder().build();
  private final Map<Long, String> recorded = new HashMap<>();
  private final List<Long> loaded = new ArrayList<>();

  /** Whose latest answer is a decline or a delegation, as the answers table has it. */
  private Map<MeetingId, Set<String>> absent = Map.of();

  /**
   * The 60-minute reminder of the sample meeting is due at this instant: "now" for the reminder
   * tests.
   */
  private final Instant reminderDue =
      SampleEvents.meetingScheduled()
          .meeting()
          .start()
          .atZone(ZoneId.of(SampleEvents.meetingScheduled().meeting().timeZone()))
          .toInstant()
          .minus(Duration.ofMinutes(60));

  @Test
  void aFirstMessageInvites() {
    record(SampleEvents.meetingScheduled());

    BatchPlanner.Plan plan =
        plan(LI_NA, row(LI_NA, 1, DeliveryKind.INVITATION, DeliveryStatus.PENDING));

    assertThat(plan.sends())
        .singleElement()
        .satisfies(send -> assertThat(send.notice().kind()).isEqualTo(NoticeKind.INVITATION));
  }

  @Test
  void
      aChangeAfterAnInvitationIsAnUpdateAgainstTheMeetingAsLastSentAndTheOlderOwedMessagesSuperseded() {
    record(
        SampleEvents.meetingScheduled(),
        SampleEvents.meetingDetailsChanged(),
        SampleEvents.meetingRescheduled());

    BatchPlanner.Plan plan =
        plan(
            LI_NA,
            row(LI_NA, 1, DeliveryKind.INVITATION, DeliveryStatus.SENT),
            row(LI_NA, 2, DeliveryKind.UPDATE, DeliveryStatus.PENDING),
            row(LI_NA, 3, DeliveryKind.UPDATE, DeliveryStatus.PENDING));

    assertThat(plan.sends())
        .singleElement()
        .satisfies(
            send -> {
              assertThat(send.row().revision()).isEqualTo(3);
              assertThat(send.notice().kind()).isEqualTo(NoticeKind.UPDATE);
              assertThat(send.notice().lastSent())
                  .isEqualTo(SampleEvents.meetingScheduled().meeting());
            });
    assertThat(plan.superseded())
        .singleElement()
        .satisfies(superseded -> assertThat(superseded.row().revision()).isEqualTo(2));
  }

  @Test
  void anUpdateReadsOnlyTheRevisionLastSentAndItsOwnNotThoseInBetween() {
    record(
        SampleEvents.meetingScheduled(),
        SampleEvents.meetingDetailsChanged(),
        SampleEvents.meetingRescheduled());

    BatchPlanner.Plan plan =
        plan(
            LI_NA,
            row(LI_NA, 1, DeliveryKind.INVITATION, DeliveryStatus.SENT),
            row(LI_NA, 3, DeliveryKind.UPDATE, DeliveryStatus.PENDING));

    assertThat(loaded).containsExactlyInAnyOrder(1L, 3L);
    assertThat(plan.sends())
        .singleElement()
        .satisfies(
            send -> {
              assertThat(send.notice().lastSent())
                  .isEqualTo(SampleEvents.meetingScheduled().meeting());
              assertThat(send.notice().event()).isEqualTo(SampleEvents.meetingRescheduled());
            });
  }

  @Test
  void aCancelledMeetingCancelsAndARemovedParticipantIsWithdrawn() {
    record(
        SampleEvents.meetingScheduled(),
        SampleEvents.participantsChanged(),
        SampleEvents.meetingCancelled());

    BatchPlanner.Plan removed =
        plan(
            ARCHIVE,
            row(ARCHIVE, 1, DeliveryKind.INVITATION, DeliveryStatus.SENT),
            row(ARCHIVE, 5, DeliveryKind.CANCELLATION, DeliveryStatus.PENDING));
    BatchPlanner.Plan cancelled =
        plan(
            LI_NA,
            row(LI_NA, 1, DeliveryKind.INVITATION, DeliveryStatus.SENT),
            row(LI_NA, 6, DeliveryKind.CANCELLATION, DeliveryStatus.PENDING));

    assertThat(removed.sends())
        .singleElement()
        .satisfies(send -> assertThat(send.notice().kind()).isEqualTo(NoticeKind.WITHDRAWAL));
    assertThat(cancelled.sends())
        .singleElement()
        .satisfies(send -> assertThat(send.notice().kind()).isEqualTo(NoticeKind.CANCELLATION));
  }

  @Test
  void aMessageWhoseEventIsNotRecordedFailsNamingTheRevision() {
    BatchPlanner.Plan plan =
        plan(LI_NA, row(LI_NA, 1, DeliveryKind.INVITATION, DeliveryStatus.PENDING));

    assertThat(plan.sends()).isEmpty();
    assertThat(plan.failures())
        .singleElement()
        .satisfies(failure -> assertThat(failure.reason()).contains("revision 1 is not recorded"));
  }

  @Test
  void aReminderIsSentBesideTheOtherMessagesAndOnlyTheNewestOfSeveral() {
    record(SampleEvents.meetingScheduled());
    LedgerRow dayBefore = reminder(LI_NA, 1440, reminderDue.minus(Duration.ofMinutes(1380)));
    LedgerRow hourBefore = reminder(LI_NA, 60, reminderDue);

    BatchPlanner.Plan plan =
        plan(
            LI_NA,
            row(LI_NA, 1, DeliveryKind.INVITATION, DeliveryStatus.SENT),
            dayBefore,
            hourBefore);

    assertThat(plan.sends())
        .singleElement()
        .satisfies(
            send -> {
              assertThat(send.row()).isEqualTo(hourBefore);
              assertThat(send.notice().kind()).isEqualTo(NoticeKind.REMINDER);
              assertThat(send.notice().reminder().minutesBefore()).isEqualTo(60);
            });
    assertThat(plan.superseded())
        .singleElement()
        .satisfies(superseded -> assertThat(superseded.row()).isEqualTo(dayBefore));
  }

  @Test
  void aReminderToSomeoneWhoDeclinedAfterItWasHandedOverIsSupersededNotSent() {
    record(SampleEvents.meetingScheduled());
    LedgerRow hourBefore = reminder(LI_NA, 60, reminderDue);
    absent = Map.of(MEETING, Set.of(LI_NA));

    BatchPlanner.Plan plan =
        plan(LI_NA, row(LI_NA, 1, DeliveryKind.INVITATION, DeliveryStatus.SENT), hourBefore);

    assertThat(plan.sends()).isEmpty();
    assertThat(plan.failures()).isEmpty();
    assertThat(plan.superseded())
        .singleElement()
        .satisfies(superseded -> assertThat(superseded.row()).isEqualTo(hourBefore));
  }

  private BatchPlanner.Plan plan(String recipient, LedgerRow... rows) {
    EventLedger ledger =
        new EventLedger(null, null) {
          @Override
          Map<Long, String> payloads(MeetingId meetingId, Collection<Long> revisions) {
            loaded.addAll(revisions);
            Map<Long, String> found = new LinkedHashMap<>();
            for (long revision : revisions) {
              if (recorded.containsKey(revision)) {
                found.put(revision, recorded.get(revision));
              }
            }
            return found;
          }

          @Override
          Map<MeetingId, String> latestPayloads(Collection<MeetingId> meetingIds) {
            return recorded.isEmpty()
                ? Map.of()
                : Map.of(
                    MEETING,
                    recorded.get(recorded.keySet().stream().max(Long::compare).orElseThrow()));
          }
        };
    ReminderProperties properties =
        new ReminderProperties(
            List.of(Duration.ofHours(1)), Duration.ofMinutes(10), false, Duration.ofDays(7));
    ReminderNotices reminders =
        new ReminderNotices(
            properties, Clock.fixed(reminderDue, ZoneOffset.UTC), meetingIds -> absent);
    // No rows about answers here: their planner is never asked.
    BatchPlanner planner = new BatchPlanner(new BatchEvents(ledger, json), reminders, null);
    return planner.plan(
        List.of(new RecipientKey(MEETING, recipient)), new ArrayList<>(List.of(rows)));
  }

  private void record(MeetingEvent... events) {
    for (MeetingEvent event : events) {
      recorded.put(event.revision(), json.writeValueAsString(event));
    }
  }

  private static LedgerRow row(
      String recipient, long revision, DeliveryKind kind, DeliveryStatus status) {
    return new LedgerRow(
        new DeliveryKey(MEETING, revision, recipient, kind), status, 0, EventId.random());
  }

  private static LedgerRow reminder(String recipient, int minutesBefore, Instant dueAt) {
    return new LedgerRow(
        new DeliveryKey(MEETING, 1, recipient, DeliveryKind.REMINDER, minutesBefore),
        DeliveryStatus.PENDING,
        0,
        EventId.random(),
        dueAt,
        null,
        false);
  }
}
