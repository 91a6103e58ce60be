package org.convene.notifier.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.convene.notifier.deadletter.FailedRecord;
import org.convene.notifier.deadletter.RecordHeader;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.kafka.support.serializer.DeserializationException;

class DeadLetterRecoveryTests {

  @Test
  void anUnreadableRecordIsKeptAsItsOriginalBytesWithoutTheDeserializersOwnHeaders() {
    byte[] poison = "{ not json".getBytes(StandardCharsets.UTF_8);
    RecordHeaders headers = new RecordHeaders();
    headers.add("ce_id", "event-1".getBytes(StandardCharsets.UTF_8));
    headers.add("springDeserializerExceptionValue", new byte[] {1, 2, 3});
    ConsumerRecord<String, Object> record =
        new ConsumerRecord<>(
            "convene.meeting-events",
            2,
            41,
            1_700_000_000_000L,
            TimestampType.CREATE_TIME,
            0,
            poison.length,
            "meeting-key",
            null,
            headers,
            Optional.empty());

    FailedRecord failed =
        DeadLetterRecovery.failed(
            record,
            new ListenerExecutionFailedException(
                "listener failed",
                new DeserializationException("failed to deserialize", poison, false, null)));

    assertThat(failed.source()).isEqualTo("convene.meeting-events-2@41");
    assertThat(failed.key()).isEqualTo("meeting-key");
    assertThat(failed.value()).isEqualTo(poison);
    assertThat(failed.headers())
        .containsExactly(new RecordHeader("ce_id", "event-1".getBytes(StandardCharsets.UTF_8)));
    assertThat(failed.exception()).isEqualTo(DeserializationException.class.getName());
    assertThat(failed.reason()).isEqualTo("DeserializationException");
    assertThat(failed.message()).isEqualTo("failed to deserialize");
  }
}
