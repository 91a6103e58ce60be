package org.convene.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The golden samples pin the wire format: reading them must give the sample events (old readers
 * keep working), and writing the sample events must give them back (a change to the records that
 * alters the JSON fails here first). Samples written by earlier versions of the contract live in
 * {@code golden/compat} and must still be read.
 */
class GoldenSampleTests {

  private final JsonMapper json = JsonMapper.builder().build();

  static Stream<Arguments> samples() {
    return SampleEvents.byGoldenFile().entrySet().stream()
        .map(e -> Arguments.of(e.getKey(), e.getValue()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("samples")
  void goldenJsonReadsAsTheSampleEvent(String file, MeetingEvent sample) throws IOException {
    assertThat(json.readValue(golden(file), MeetingEvent.class)).isEqualTo(sample);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("samples")
  void sampleEventWritesAsTheGoldenJson(String file, MeetingEvent sample) throws IOException {
    String wire = json.writeValueAsString(sample);

    // Compared as maps: property order is not part of the contract.
    assertThat(json.readValue(wire, Map.class)).isEqualTo(json.readValue(golden(file), Map.class));
    assertThat(json.readTree(wire).get("type").asString())
        .isEqualTo(file.substring(0, file.indexOf('.')));
    assertThat(json.readTree(wire).get("schemaVersion").asInt())
        .isEqualTo(MeetingEvent.SCHEMA_VERSION);
  }

  @Test
  void everyEventTypeHasAGoldenSample() {
    assertThat(SampleEvents.byGoldenFile().values())
        .<Class<?>>extracting(e -> e.getClass())
        .containsExactlyInAnyOrderElementsOf(eventRecords(MeetingEvent.class).toList());
  }

  /** The records of a sealed hierarchy, through its sealed sub-interfaces. */
  private static Stream<Class<?>> eventRecords(Class<?> type) {
    return type.isSealed()
        ? Stream.of(type.getPermittedSubclasses()).flatMap(GoldenSampleTests::eventRecords)
        : Stream.of(type);
  }

  @Test
  void replyReceivedGoldenJsonReadsAsTheSampleAndBack() throws IOException {
    String golden = golden("ReplyReceived.v1.json");

    assertThat(json.readValue(golden, ReplyReceived.class)).isEqualTo(SampleEvents.replyReceived());
    String wire = json.writeValueAsString(SampleEvents.replyReceived());
    assertThat(json.readValue(wire, Map.class)).isEqualTo(json.readValue(golden, Map.class));
    assertThat(json.readTree(wire).get("schemaVersion").asInt())
        .isEqualTo(ReplyReceived.SCHEMA_VERSION);
  }

  @Test
  void deliveryReportedGoldenJsonReadsAsTheSampleAndBack() throws IOException {
    String golden = golden("DeliveryReported.v1.json");

    assertThat(json.readValue(golden, DeliveryReported.class))
        .isEqualTo(SampleEvents.deliveryReported());
    String wire = json.writeValueAsString(SampleEvents.deliveryReported());
    assertThat(json.readValue(wire, Map.class)).isEqualTo(json.readValue(golden, Map.class));
    assertThat(json.readTree(wire).get("schemaVersion").asInt())
        .isEqualTo(DeliveryReported.SCHEMA_VERSION);
    String withExtra = golden.replaceFirst("\\{", "{\"addedLater\": 1,");
    assertThat(json.readValue(withExtra, DeliveryReported.class))
        .isEqualTo(SampleEvents.deliveryReported());
  }

  @Test
  void replyReceivedReadersIgnorePropertiesAddedByNewerWriters() throws IOException {
    String withExtra = golden("ReplyReceived.v1.json").replaceFirst("\\{", "{\"addedLater\": 1,");

    assertThat(json.readValue(withExtra, ReplyReceived.class))
        .isEqualTo(SampleEvents.replyReceived());
  }

  @Test
  void aReplyWrittenBeforeCounterProposalsReadsAsAReply() throws IOException {
    String before =
        golden("ReplyReceived.v1.json")
            .replace("\"method\" : \"REPLY\",", "")
            .replace("\"proposedStart\" : null,", "")
            .replace("\"proposedEnd\" : null,", "");

    ReplyReceived read = json.readValue(before, ReplyReceived.class);

    assertThat(before).doesNotContain("method");
    assertThat(read).isEqualTo(SampleEvents.replyReceived());
    assertThat(read.isCounter()).isFalse();
  }

  @Test
  void aCounterProposalTravelsWithItsProposedTimes() throws IOException {
    ReplyReceived reply = SampleEvents.replyReceived();
    ReplyReceived counter =
        new ReplyReceived(
            reply.messageId(),
            reply.from(),
            reply.attendee(),
            "TENTATIVE",
            reply.sequence(),
            reply.dtStamp(),
            reply.uid(),
            "Could we meet in the afternoon?",
            null,
            reply.receivedAt(),
            ReplyReceived.COUNTER,
            Instant.parse("2026-12-28T06:00:00Z"),
            Instant.parse("2026-12-28T08:30:00Z"));

    String wire = json.writeValueAsString(counter);

    assertThat(json.readValue(wire, ReplyReceived.class)).isEqualTo(counter);
    assertThat(json.readValue(wire, ReplyReceived.class).isCounter()).isTrue();
    assertThat(json.readTree(wire).has("counter")).isFalse();
  }

  @Test
  void answerEventsKeepTheMeetingsRevisionAndNameTheRevisionAnswered() {
    AttendeeAnswered answered = SampleEvents.attendeeAnswered();

    assertThat(answered).isInstanceOf(AnswerEvent.class);
    assertThat(answered.revision()).isEqualTo(5);
    assertThat(answered.answeredRevision()).isEqualTo(5);
    assertThatThrownBy(
            () ->
                new AttendeeAnswered(
                    answered.eventId(),
                    answered.meetingId(),
                    5,
                    answered.occurredAt(),
                    answered.meeting(),
                    answered.attendee(),
                    answered.name(),
                    answered.role(),
                    answered.answer(),
                    null,
                    6,
                    answered.channel(),
                    null,
                    answered.answeredAt(),
                    null,
                    answered.tallies(),
                    answered.quorum()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("answeredRevision");
  }

  @Test
  void meetingScheduledWrittenBeforeItemIdsAndGroupsStillReads() throws IOException {
    MeetingEvent read =
        json.readValue(
            golden("compat/MeetingScheduled.v1.before-item-ids.json"), MeetingEvent.class);

    MeetingSnapshot sample = SampleEvents.theoryDiscussingMeeting();
    assertThat(read.meeting().title()).isEqualTo(sample.title());
    assertThat(read.meeting().agenda())
        .extracting(AgendaItem::title)
        .containsExactlyElementsOf(sample.agenda().stream().map(AgendaItem::title).toList());
    assertThat(read.meeting().agenda()).extracting(AgendaItem::id).containsOnlyNulls();
    assertThat(read.meeting().participants()).extracting(Participant::group).containsOnlyNulls();
    assertThat(read.meeting().reminderMinutesBefore()).isEmpty();
    assertThat(read.meeting().quorumRule())
        .as("written before snapshots carried the rule: the default")
        .isEqualTo(new QuorumRule(QuorumRule.Kind.MAJORITY, null, true));
  }

  @Test
  void aSnapshotCarriesItsQuorumRuleThereAndBack() throws IOException {
    QuorumRule fixedThree = new QuorumRule(QuorumRule.Kind.FIXED, 3, false);
    MeetingScheduled scheduled = SampleEvents.meetingScheduled();
    MeetingScheduled withRule =
        new MeetingScheduled(
            scheduled.eventId(),
            scheduled.meetingId(),
            scheduled.revision(),
            scheduled.occurredAt(),
            scheduled.meeting().withQuorumRule(fixedThree));

    String wire = json.writeValueAsString(withRule);

    assertThat(json.readTree(wire).get("meeting").get("quorumRule").get("kind").asString())
        .isEqualTo("FIXED");
    assertThat(json.readValue(wire, MeetingEvent.class).meeting().quorumRule())
        .isEqualTo(fixedThree);
    assertThat(json.readValue(wire, MeetingEvent.class)).isEqualTo(withRule);
  }

  @Test
  void aSnapshotWithoutAQuorumRuleReadsAsTheDefaultRule() throws IOException {
    String withoutRule =
        golden("MeetingScheduled.v1.json").replaceFirst(",\\s*\"quorumRule\" : \\{[^}]*\\}", "");
    String withNullRule =
        golden("MeetingScheduled.v1.json")
            .replaceFirst("\"quorumRule\" : \\{[^}]*\\}", "\"quorumRule\" : null");

    assertThat(withoutRule).doesNotContain("quorumRule");
    assertThat(json.readValue(withoutRule, MeetingEvent.class).meeting().quorumRule())
        .isEqualTo(QuorumRule.DEFAULT);
    assertThat(json.readValue(withoutRule, MeetingEvent.class))
        .isEqualTo(SampleEvents.meetingScheduled());
    assertThat(withNullRule).contains("\"quorumRule\" : null");
    assertThat(json.readValue(withNullRule, MeetingEvent.class).meeting().quorumRule())
        .isEqualTo(QuorumRule.DEFAULT);
  }

  @Test
  void aSnapshotBuiltWithoutARuleHasTheDefaultRule() {
    MeetingSnapshot sample = SampleEvents.theoryDiscussingMeeting();
    MeetingSnapshot withoutReminders =
        new MeetingSnapshot(
            sample.title(),
            sample.description(),
            sample.organiser(),
            sample.start(),
            sample.end(),
            sample.timeZone(),
            sample.location(),
            sample.onlineLink(),
            sample.documents(),
            sample.participants(),
            sample.agenda(),
            sample.status());

    assertThat(sample.quorumRule()).isEqualTo(QuorumRule.DEFAULT);
    assertThat(withoutReminders.quorumRule()).isEqualTo(QuorumRule.DEFAULT);
  }

  @Test
  void aRuleChangeNamesADifferentRuleAndTheMeetingsRuleAsTheQuorums() {
    QuorumRuleChanged changed = SampleEvents.quorumRuleChanged();

    assertThat(changed).isInstanceOf(AnswerEvent.class);
    assertThat(changed.quorum().rule()).isEqualTo(changed.meeting().quorumRule());
    assertThatThrownBy(
            () ->
                new QuorumRuleChanged(
                    changed.eventId(),
                    changed.meetingId(),
                    changed.revision(),
                    changed.occurredAt(),
                    changed.meeting(),
                    changed.quorum().rule(),
                    changed.quorum()))
        .as("the same rule again is no change")
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("different rule");
    assertThatThrownBy(
            () ->
                new QuorumRuleChanged(
                    changed.eventId(),
                    changed.meetingId(),
                    changed.revision(),
                    changed.occurredAt(),
                    changed.meeting().withQuorumRule(QuorumRule.DEFAULT),
                    QuorumRule.DEFAULT,
                    changed.quorum()))
        .as("the quorum is worked out under the meeting's rule")
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("is not the meeting's rule");
  }

  @Test
  void readersIgnorePropertiesAddedByNewerWriters() throws IOException {
    String withExtra =
        golden("MeetingScheduled.v1.json").replaceFirst("\\{", "{\"addedLater\": {\"x\": 1},");

    assertThat(json.readValue(withExtra, MeetingEvent.class))
        .isEqualTo(SampleEvents.meetingScheduled());
  }

  @Test
  void unknownEventTypeIsRefused() throws IOException {
    String unknown =
        golden("MeetingScheduled.v1.json").replace("\"MeetingScheduled\"", "\"MeetingTeleported\"");

    assertThatThrownBy(() -> json.readValue(unknown, MeetingEvent.class))
        .isInstanceOf(DatabindException.class)
        .hasMessageContaining("MeetingTeleported");
  }

  @Test
  void eventWithoutMeetingIdIsRefused() throws IOException {
    String broken =
        golden("MeetingScheduled.v1.json").replace("\"meetingId\"", "\"meetingIdentifier\"");

    assertThatThrownBy(() -> json.readValue(broken, MeetingEvent.class))
        .hasStackTraceContaining("meetingId");
  }

  @Test
  void cloudEventTypesNameTheEventAndTheSchemaVersion() {
    assertThat(
            List.of(
                SampleEvents.meetingScheduled(),
                SampleEvents.meetingDetailsChanged(),
                SampleEvents.meetingRescheduled(),
                SampleEvents.agendaChanged(),
                SampleEvents.participantsChanged(),
                SampleEvents.meetingCancelled(),
                SampleEvents.attendeeAnswered(),
                SampleEvents.quorumChanged(),
                SampleEvents.quorumRuleChanged()))
        .extracting(MeetingEvent::cloudEventType)
        .containsExactly(
            "org.convene.meeting.scheduled.v1",
            "org.convene.meeting.details-changed.v1",
            "org.convene.meeting.rescheduled.v1",
            "org.convene.meeting.agenda-changed.v1",
            "org.convene.meeting.participants-changed.v1",
            "org.convene.meeting.cancelled.v1",
            "org.convene.meeting.attendee-answered.v1",
            "org.convene.meeting.quorum-changed.v1",
            "org.convene.meeting.quorum-rule-changed.v1");
  }

  static String golden(String name) throws IOException {
    try (InputStream in = GoldenSampleTests.class.getResourceAsStream("/golden/" + name)) {
      assertThat(in).as("golden sample %s", name).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
