package org.convene.notifier.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serializer;
import org.convene.events.CloudEventHeaders;
import org.convene.events.SampleEvents;
import org.convene.notifier.ReceivedEvent;
import org.junit.jupiter.api.Test;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.kafka.support.KafkaUtils;
import org.springframework.kafka.support.serializer.ErrorHandlingDeserializer;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.util.backoff.BackOffExecution;
import tools.jackson.databind.json.JsonMapper;

class KafkaConfigurationTests {

  private static final String TOPIC = "convene.meeting-events";

  private final JsonMapper json = JsonMapper.builder().build();

  @Test
  void theGoldenJsonReadsAsTheEventWithoutTypeHeaders() throws IOException {
    try (ErrorHandlingDeserializer<ReceivedEvent> deserializer =
        KafkaConfiguration.meetingEventDeserializer(json)) {
      deserializer.configure(Map.of(), false);

      ReceivedEvent received = deserializer.deserialize(TOPIC, new RecordHeaders(), golden());
      assertThat(received.event()).isEqualTo(SampleEvents.meetingScheduled());
      assertThat(received.json()).isEqualTo(new String(golden(), StandardCharsets.UTF_8));
    }
  }

  @Test
  void typeHeadersAreIgnored() throws IOException {
    try (ErrorHandlingDeserializer<ReceivedEvent> deserializer =
        KafkaConfiguration.meetingEventDeserializer(json)) {
      deserializer.configure(Map.of(), false);
      RecordHeaders headers = new RecordHeaders();
      headers.add("__TypeId__", "java.lang.ProcessBuilder".getBytes(StandardCharsets.UTF_8));

      assertThat(deserializer.deserialize(TOPIC, headers, golden()).event())
          .isEqualTo(SampleEvents.meetingScheduled());
    }
  }

  @Test
  void aConsumerLeavesTheTypesItSkipsUnreadAndReadsTheOthers() throws IOException {
    try (ErrorHandlingDeserializer<ReceivedEvent> deserializer =
        KafkaConfiguration.meetingEventDeserializer(json)) {
      deserializer.configure(
          Map.of(
              ReceivedEvent.SKIPPED_TYPES,
              CloudEventHeaders.ATTENDEE_ANSWERED + ", " + CloudEventHeaders.QUORUM_CHANGED),
          false);
      RecordHeaders skipped = typed(CloudEventHeaders.QUORUM_CHANGED);

      // Not JSON at all: parsing it would have failed, so it was not parsed.
      assertThat(
              deserializer.deserialize(
                  TOPIC, skipped, "{not json".getBytes(StandardCharsets.UTF_8)))
          .isNull();
      assertThat(skipped.lastHeader(KafkaUtils.VALUE_DESERIALIZER_EXCEPTION_HEADER)).isNull();
      assertThat(
              deserializer.deserialize(TOPIC, typed(CloudEventHeaders.SCHEDULED), golden()).event())
          .isEqualTo(SampleEvents.meetingScheduled());
      // Without the header the type is unknown: read, as any other.
      assertThat(deserializer.deserialize(TOPIC, new RecordHeaders(), golden()).event())
          .isEqualTo(SampleEvents.meetingScheduled());
    }
  }

  private static RecordHeaders typed(String type) {
    RecordHeaders headers = new RecordHeaders();
    headers.add(CloudEventHeaders.TYPE, type.getBytes(StandardCharsets.UTF_8));
    return headers;
  }

  @Test
  void unreadableValueBecomesNullWithTheFailureInAHeaderInsteadOfAnException() {
    try (ErrorHandlingDeserializer<ReceivedEvent> deserializer =
        KafkaConfiguration.meetingEventDeserializer(json)) {
      deserializer.configure(Map.of(), false);
      RecordHeaders headers = new RecordHeaders();

      assertThat(
              deserializer.deserialize(
                  TOPIC, headers, "{not json".getBytes(StandardCharsets.UTF_8)))
          .isNull();
      assertThat(headers.lastHeader(KafkaUtils.VALUE_DESERIALIZER_EXCEPTION_HEADER)).isNotNull();
    }
  }

  @Test
  void deadLettersAreTheOriginalBytesOrTheContractsJsonWithoutTypeHeaders() throws IOException {
    try (Serializer<Object> serializer = KafkaConfiguration.deadLetterValueSerializer(json)) {
      serializer.configure(Map.of(), false);
      RecordHeaders headers = new RecordHeaders();
      byte[] poison = {'{', 0, (byte) 0xff};

      assertThat(serializer.serialize(TOPIC, headers, poison)).isEqualTo(poison);
      byte[] written = serializer.serialize(TOPIC, headers, SampleEvents.meetingScheduled());
      assertThat(json.readValue(written, Map.class)).isEqualTo(json.readValue(golden(), Map.class));
      assertThat(headers.toArray()).isEmpty();
      byte[] asReceived = " {\"as\": \"received\"}".getBytes(StandardCharsets.UTF_8);
      assertThat(
              serializer.serialize(
                  TOPIC,
                  headers,
                  new ReceivedEvent(
                      SampleEvents.meetingScheduled(),
                      new String(asReceived, StandardCharsets.UTF_8))))
          .isEqualTo(asReceived);
    }
  }

  @Test
  void aDatabaseOutageIsWaitedOutWhileOtherFailuresGoToTheDeadLetterTopicAfterThreeRetries() {
    Exception outage =
        new ListenerExecutionFailedException(
            "listener failed",
            new CannotGetJdbcConnectionException(
                "Failed to obtain JDBC Connection", new SQLException("Connection refused")));
    Exception bug =
        new ListenerExecutionFailedException("listener failed", new IllegalStateException("bug"));

    assertThat(KafkaConfiguration.isDatabaseOutage(outage)).isTrue();
    assertThat(
            KafkaConfiguration.isDatabaseOutage(
                new ListenerExecutionFailedException("x", new QueryTimeoutException("slow"))))
        .isTrue();
    assertThat(
            KafkaConfiguration.isDatabaseOutage(
                new ListenerExecutionFailedException(
                    "x",
                    new CannotCreateTransactionException(
                        "Could not open JDBC Connection for transaction",
                        new SQLTransientConnectionException("timed out")))))
        .isTrue();
    assertThat(KafkaConfiguration.isDatabaseOutage(bug)).isFalse();
    BackOffExecution execution = KafkaConfiguration.databaseOutageBackOff().start();
    List<Long> waits =
        java.util.stream.IntStream.range(0, 12).mapToObj(i -> execution.nextBackOff()).toList();
    assertThat(waits)
        .startsWith(1000L, 2000L, 4000L)
        .endsWith(30_000L, 30_000L)
        .doesNotContain(BackOffExecution.STOP);
  }

  private static byte[] golden() throws IOException {
    try (InputStream in =
        KafkaConfigurationTests.class.getResourceAsStream("/golden/MeetingScheduled.v1.json")) {
      assertThat(in).isNotNull();
      return in.readAllBytes();
    }
  }
}
