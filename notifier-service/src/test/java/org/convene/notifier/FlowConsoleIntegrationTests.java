package org.convene.notifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.convene.events.MeetingRescheduled;
import org.convene.events.MeetingSnapshot;
import org.convene.events.Participant;
import org.convene.events.ParticipantRole;
import org.convene.notifier.reminder.ReminderSink;
import org.convene.notifier.testing.MeetingStory;
import org.convene.notifier.testing.TestSmtp;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * The flow on the ops console's JSON API answers "did R get revision N of meeting M, when, and if
 * not, why?": for a participant removed at one revision, and for a delivery that failed, which an
 * operator then retries.
 */
class FlowConsoleIntegrationTests extends NotifierTestSupport {

  @LocalServerPort int port;

  @Autowired ReminderSink reminders;

  @Test
  void aRemovedParticipantGotTheirCancellationAndIsShownRemovedForLaterRevisions() {
    MeetingStory story = new MeetingStory(MeetingStory.uniqueDomain("removed"));
    String removed = story.mailbox("li.na");
    publish(story.scheduled());
    await().atMost(DELIVERY).until(() -> TestSmtp.receivedFor(story.domain()).size() == 5);
    publish(story.removed("li.na"));
    await().atMost(DELIVERY).until(() -> TestSmtp.inbox(removed).size() == 2);
    MeetingRescheduled moved = story.rescheduledTo(story.meeting().start().plusHours(2));
    publish(moved);
    await()
        .atMost(DELIVERY)
        .until(
            () ->
                ledger(story.meetingId()).stream()
                        .filter(row -> row.contains(" 3 UPDATE SENT"))
                        .count()
                    == 4);

    OpsSession ops = new OpsSession(port);
    JsonNode meeting =
        ops.get("/ops/api/flow?q=" + story.meetingId() + "&recipient=" + removed).get("meeting");

    assertThat(meeting.get("events").values())
        .extracting(e -> e.get("revision").asLong() + " " + e.get("type").asString())
        .containsExactly("1 MeetingScheduled", "2 ParticipantsChanged", "3 MeetingRescheduled");
    assertThat(meeting.get("events").values())
        .allSatisfy(
            e -> {
              assertThat(e.get("partition").asInt()).isZero();
              assertThat(e.get("offset").isNumber()).isTrue();
            });
    JsonNode steps = meeting.get("recipients").get(0).get("steps");
    assertThat(meeting.get("recipients").values()).hasSize(1);
    assertThat(steps.values())
        .extracting(s -> s.get("revision").asLong() + " " + s.get("state").asString())
        .containsExactly("1 SENT", "2 SENT", "3 REMOVED");
    assertThat(steps.get(0).get("answer").asString())
        .startsWith("Yes: invitation sent at")
        .contains("Message-ID <" + story.meetingId(), "mail server: 250");
    assertThat(steps.get(1).get("answer").asString()).startsWith("Yes: cancellation sent at");
    assertThat(steps.get(2).get("answer").asString())
        .isEqualTo(
            "No: removed from the meeting at revision 2, and told so by a cancellation; nothing is"
                + " owed to them since");

    // The same meeting from the id of its last event, and from the removed person's address.
    assertThat(
            ops.get("/ops/api/flow?q=" + moved.eventId())
                .get("meeting")
                .get("meetingId")
                .asString())
        .isEqualTo(story.meetingId().toString());
    assertThat(
            ops.get("/ops/api/flow?q=" + removed.toUpperCase(java.util.Locale.ROOT))
                .get("meetings")
                .values())
        .singleElement()
        .satisfies(
            m -> {
              assertThat(m.get("meetingId").asString()).isEqualTo(story.meetingId().toString());
              assertThat(m.get("lastRevision").asLong()).isEqualTo(2);
            });
  }

  @Test
  void aFailedDeliveryShowsItsReasonAndAnOperatorsRetryIsAudited() {
    MeetingStory story = new MeetingStory(MeetingStory.uniqueDomain("failed-flow"));
    MeetingSnapshot meeting = story.meeting();
    story.with(
        new MeetingSnapshot(
            meeting.title(),
            meeting.description(),
            meeting.organiser(),
            meeting.start(),
            meeting.end(),
            meeting.timeZone(),
            meeting.location(),
            null,
            List.of(),
            List.of(
                new Participant(
                    "Reachable", story.mailbox("reachable"), ParticipantRole.CHAIR, "en", null),
                new Participant(
                    "Unreachable", "not a mailbox", ParticipantRole.VOTING, "en", null)),
            List.of(),
            meeting.status()));
    publish(story.scheduled());
    await()
        .atMost(DELIVERY)
        .until(
            () ->
                ledger(story.meetingId())
                    .equals(
                        List.of(
                            "not a mailbox 1 INVITATION FAILED", "reachable 1 INVITATION SENT")));

    OpsSession ops = new OpsSession(port);
    JsonNode recipients =
        ops.get("/ops/api/flow?q=" + story.meetingId()).get("meeting").get("recipients");
    assertThat(recipients.values())
        .extracting(r -> r.get("recipient").asString())
        .containsExactly("not a mailbox", story.mailbox("reachable"));
    JsonNode failed = recipients.get(0).get("steps").get(0);
    assertThat(failed.get("state").asString()).isEqualTo("FAILED");
    assertThat(failed.get("answer").asString())
        .startsWith("No: invitation failed after 1 attempt(s): ")
        .contains("Not a valid mailbox: 'not a mailbox'");

    JsonNode retried =
        ops.write(
            "/ops/api/deliveries/retry",
            "{\"meetingId\": \"" + story.meetingId() + "\", \"recipient\": \"not a mailbox\"}");
    assertThat(retried.get("retried").asInt()).isEqualTo(1);
    assertThat(ops.get("/ops/api/audit").values())
        .anySatisfy(
            entry -> {
              assertThat(entry.get("action").asString()).isEqualTo("deliveries.retry");
              assertThat(entry.get("target").asString())
                  .isEqualTo("meeting " + story.meetingId() + ", recipient not a mailbox");
              assertThat(entry.get("affected").asInt()).isEqualTo(1);
              assertThat(entry.get("actor").asString()).isEqualTo(OpsSession.USER);
            });
    assertThat(
            ops.postWithoutCsrf(
                    "/ops/api/deliveries/retry", "{\"meetingId\": \"" + story.meetingId() + "\"}")
                .statusCode())
        .isEqualTo(403);
    assertThat(
            ops.postAnonymously(
                    "/ops/api/deliveries/retry", "{\"meetingId\": \"" + story.meetingId() + "\"}")
                .statusCode())
        .isIn(302, 401);
  }

  @Test
  void theTimelineShowsRemindersPlannedFiredAndMissedAndWhoWasSkippedForDeclining() {
    MeetingStory story = new MeetingStory(MeetingStory.uniqueDomain("reminder-flow"));
    MeetingSnapshot meeting = story.meeting();
    story.with(
        new MeetingSnapshot(
            meeting.title(),
            meeting.description(),
            meeting.organiser(),
            meeting.start(),
            meeting.end(),
            meeting.timeZone(),
            meeting.location(),
            meeting.onlineLink(),
            meeting.documents(),
            meeting.participants(),
            meeting.agenda(),
            meeting.status(),
            List.of(1440, 120, 60)));
    String declined = story.mailbox("chen.weicheng");
    publish(story.scheduled());
    jdbc.sql(
            """
            insert into attendee_answer (meeting_id, recipient, answer, recorded_at)
            values (:id, :recipient, 'DECLINED', now())
            """)
        .param("id", story.meetingId().value())
        .param("recipient", declined)
        .update();
    OpsSession ops = new OpsSession(port);
    // Planned by the planner's group, and recorded by the ledger's (a reminder hands over the
    // meeting as the ledger has it).
    await()
        .atMost(DELIVERY)
        .until(
            () ->
                ops.get("/ops/api/flow?q=" + story.meetingId())
                            .get("reminders")
                            .get("reminders")
                            .size()
                        == 3
                    && !ledger(story.meetingId()).isEmpty());

    // As the triggers hand reminders over: the day-before one fired too late, the two-hour one in
    // time; the hour-before one still waits for its trigger.
    Instant start = meeting.start().atZone(java.time.ZoneId.of(meeting.timeZone())).toInstant();
    Instant dayBefore = start.minus(Duration.ofDays(1));
    reminders.missed(story.meetingId(), 1, 1440, dayBefore, dayBefore.plus(Duration.ofMinutes(30)));
    reminders.due(story.meetingId(), 1, 120, start.minus(Duration.ofHours(2)));
    await()
        .atMost(DELIVERY)
        .until(
            () -> ledger(story.meetingId()).stream().filter(r -> r.contains(" REMINDER ")).toList(),
            rows ->
                !rows.isEmpty()
                    && rows.stream()
                        .allMatch(
                            r -> r.endsWith(" REMINDER SENT") || r.endsWith(" REMINDER MISSED"))
                    && rows.stream().anyMatch(r -> r.endsWith(" REMINDER SENT")));

    JsonNode found = ops.get("/ops/api/flow?q=" + story.meetingId());
    JsonNode timeline = found.get("reminders");
    assertThat(timeline.get("plannedRevision").asLong()).isEqualTo(1);
    assertThat(timeline.get("reminders").values())
        .extracting(r -> r.get("minutesBefore").asInt() + " " + r.get("state").asString())
        .containsExactly("1440 MISSED", "120 FIRED", "60 PLANNED");
    JsonNode missed = timeline.get("reminders").get(0);
    assertThat(missed.get("explanation").asString())
        .startsWith("Missed: due at " + dayBefore)
        .contains("later than the grace of 30 s allows"); // the tests' grace
    assertThat(missed.get("missed").asLong()).isPositive();
    JsonNode fired = timeline.get("reminders").get(1);
    // The same people were owed both reminders: all of them got the one that fired in time.
    assertThat(fired.get("sent").asLong()).isEqualTo(missed.get("missed").asLong());
    assertThat(fired.get("explanation").asString())
        .startsWith("Fired at ")
        .endsWith(fired.get("sent").asLong() + " sent, 0 owed, 0 failed");
    assertThat(timeline.get("reminders").get(2).get("explanation").asString())
        .startsWith("Planned: due at " + start.minus(Duration.ofHours(1)));
    DateTimeFormatter second = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    assertThat(ops.page("/ops/flow?q=" + story.meetingId()))
        .as("the page says the same in the viewer's zone (UTC here), to the second")
        .contains(
            "Missed: due at " + second.format(dayBefore.atZone(ZoneOffset.UTC)) + ", fired at ",
            "Fired at ",
            " sent, 0 owed, 0 failed",
            "Planned: due at "
                + second.format(start.minus(Duration.ofHours(1)).atZone(ZoneOffset.UTC)));

    // Per recipient: the one who declined got no reminder, and the page says why.
    assertThat(timeline.get("skipped").propertyNames()).containsExactly(declined);
    assertThat(timeline.get("skipped").get(declined).values())
        .extracting(k -> k.get("minutesBefore").asInt() + " " + k.get("why").asString())
        .containsExactlyInAnyOrder(
            "1440 Skipped: they declined (or delegated), and reminders leave out whoever will not"
                + " attend",
            "120 Skipped: they declined (or delegated), and reminders leave out whoever will not"
                + " attend");
    assertThat(found.get("meeting").get("recipients").values())
        .filteredOn(r -> r.get("recipient").asString().equals(story.mailbox("shen.jie")))
        .singleElement()
        .satisfies(
            r ->
                assertThat(r.get("reminders").values())
                    .extracting(
                        m -> m.get("reminderMinutes").asInt() + " " + m.get("status").asString())
                    .containsExactly("120 SENT", "1440 MISSED"));
  }

  @Test
  void aReminderWhoseTimeHadPassedWhenTheMeetingWasScheduledShowsAsNotPlannedAndWhy() {
    MeetingStory story = new MeetingStory(MeetingStory.uniqueDomain("unplanned-reminder"));
    MeetingSnapshot meeting = story.meeting();
    ZoneId zone = ZoneId.of(meeting.timeZone());
    // Three hours ahead: the day-before reminder was due 21 hours ago, the hour-before one is
    // ahead.
    LocalDateTime start = LocalDateTime.now(zone).plusHours(3).withNano(0);
    story.with(
        new MeetingSnapshot(
            meeting.title(),
            meeting.description(),
            meeting.organiser(),
            start,
            start.plus(Duration.between(meeting.start(), meeting.end())),
            meeting.timeZone(),
            meeting.location(),
            meeting.onlineLink(),
            meeting.documents(),
            meeting.participants(),
            meeting.agenda(),
            meeting.status(),
            List.of(1440, 60)));
    Instant dayBefore = start.atZone(zone).toInstant().minus(Duration.ofDays(1));
    Instant hourBefore = start.atZone(zone).toInstant().minus(Duration.ofHours(1));
    publish(story.scheduled());
    OpsSession ops = new OpsSession(port);

    await()
        .atMost(DELIVERY)
        .until(
            () ->
                ops.get("/ops/api/flow?q=" + story.meetingId())
                        .get("reminders")
                        .get("reminders")
                        .size()
                    == 2);
    JsonNode timeline = ops.get("/ops/api/flow?q=" + story.meetingId()).get("reminders");
    assertThat(timeline.get("reminders").values())
        .extracting(r -> r.get("minutesBefore").asInt() + " " + r.get("state").asString())
        .containsExactly("1440 NOT_PLANNED", "60 PLANNED");
    JsonNode notPlanned = timeline.get("reminders").get(0);
    Instant decidedAt = Instant.parse(notPlanned.get("notPlannedAt").asString());
    assertThat(decidedAt).isAfter(dayBefore);
    assertThat(notPlanned.get("explanation").asString())
        .isEqualTo(
            "Not planned: due at "
                + dayBefore
                + ", which had already passed (by more than the grace of 30 s) when revision 1 was"
                + " planned at "
                + decidedAt);

    // The page says it in the viewer's zone (UTC without the browser's zone cookie), to the second.
    String page = ops.page("/ops/flow?q=" + story.meetingId());
    DateTimeFormatter second = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    assertThat(page)
        .contains(
            "Not planned: its time ("
                + second.format(dayBefore.atZone(ZoneOffset.UTC))
                + ") had already passed when revision 1 of the meeting was planned at "
                + second.format(decidedAt.atZone(ZoneOffset.UTC)),
            ">1 day before<",
            "Planned: due at "
                + second.format(hourBefore.atZone(ZoneOffset.UTC))
                + ", its trigger fires at "
                + second.format(hourBefore.atZone(ZoneOffset.UTC))
                + " (in ",
            "Times in UTC");
  }
}
