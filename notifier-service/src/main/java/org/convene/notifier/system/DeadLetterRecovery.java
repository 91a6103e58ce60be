package org.convene.notifier.system;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.RecordBatch;
import org.convene.notifier.ReceivedEvent;
import org.convene.notifier.deadletter.DeadLetters;
import org.convene.notifier.deadletter.FailedRecord;
import org.convene.notifier.deadletter.RecordHeader;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.ConsumerRecordRecoverer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer.HeaderNames.HeadersToAdd;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.kafka.support.KafkaUtils;
import org.springframework.kafka.support.serializer.DeserializationException;

/**
 * What the consumer groups' error handlers do with a record they give up on: hand it to {@link
 * DeadLetters}, which keeps one dead letter per record with every group that failed on it and has
 * its one copy published to the dead-letter topic here. The copy goes to the partition the record
 * was read from, where the topic has it; its original partition, offset and timestamp headers are
 * text (Spring writes them as binary numbers, which command-line tools show as garbage).
 */
final class DeadLetterRecovery implements ConsumerRecordRecoverer {

  /**
   * The headers older Spring versions' error-handling deserializer adds about its failure (the
   * constants naming them are deprecated): not the record's own.
   */
  static final String DESERIALIZER_EXCEPTION_HEADERS = "springDeserializerException";

  private final DeadLetters deadLetters;
  private final DeadLetterPublishingRecoverer publisher;

  DeadLetterRecovery(DeadLetters deadLetters, KafkaOperations<?, ?> template, String topic) {
    this.deadLetters = deadLetters;
    this.publisher =
        new DeadLetterPublishingRecoverer(
            template, (record, exception) -> samePartition(template, topic, record));
    publisher.excludeHeader(HeadersToAdd.PARTITION, HeadersToAdd.OFFSET, HeadersToAdd.TS);
    publisher.addHeadersFunction((record, exception) -> textPositionHeaders(record));
  }

  @Override
  public void accept(ConsumerRecord<?, ?> record, Exception exception) {
    deadLetters.record(
        failed(record, exception), exception, () -> publisher.accept(record, exception));
  }

  static FailedRecord failed(ConsumerRecord<?, ?> record, Exception exception) {
    Throwable failure = failure(exception);
    String group = KafkaUtils.getConsumerGroupId();
    return new FailedRecord(
        record.topic(),
        record.partition(),
        record.offset(),
        record.key() == null ? null : record.key().toString(),
        value(record, exception),
        headers(record.headers()),
        record.timestamp() == RecordBatch.NO_TIMESTAMP
            ? null
            : Instant.ofEpochMilli(record.timestamp()),
        group == null ? "unknown" : group,
        failure.getClass().getName(),
        failure.getMessage());
  }

  /** What failed: not the listener's wrapper around it. */
  static Throwable failure(Throwable exception) {
    return exception instanceof ListenerExecutionFailedException && exception.getCause() != null
        ? exception.getCause()
        : exception;
  }

  /**
   * The value as it was read: the bytes that could not be read, or the event's JSON as received.
   */
  private static byte[] value(ConsumerRecord<?, ?> record, Exception exception) {
    for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
      if (cause instanceof DeserializationException unreadable && !unreadable.isKey()) {
        return unreadable.getData();
      }
      if (cause.getCause() == cause) {
        break;
      }
    }
    return switch (record.value()) {
      case null -> null;
      case ReceivedEvent received -> received.json().getBytes(StandardCharsets.UTF_8);
      case byte[] bytes -> bytes;
      case Object other -> other.toString().getBytes(StandardCharsets.UTF_8);
    };
  }

  /** The record's own headers: not those the deserializer added about its failure. */
  private static List<RecordHeader> headers(Headers headers) {
    List<RecordHeader> kept = new ArrayList<>();
    for (Header header : headers) {
      if (!header.key().startsWith(DESERIALIZER_EXCEPTION_HEADERS)) {
        kept.add(new RecordHeader(header.key(), header.value()));
      }
    }
    return kept;
  }

  private static Headers textPositionHeaders(ConsumerRecord<?, ?> record) {
    Headers headers = new RecordHeaders();
    headers.add(KafkaHeaders.DLT_ORIGINAL_PARTITION, text(record.partition()));
    headers.add(KafkaHeaders.DLT_ORIGINAL_OFFSET, text(record.offset()));
    headers.add(KafkaHeaders.DLT_ORIGINAL_TIMESTAMP, text(record.timestamp()));
    return headers;
  }

  private static byte[] text(long number) {
    return Long.toString(number).getBytes(StandardCharsets.UTF_8);
  }

  /**
   * The partition the record was read from, so that the dead-letter topic mirrors the source; where
   * the dead-letter topic has fewer partitions (made by hand, say), the key picks one.
   */
  private static TopicPartition samePartition(
      KafkaOperations<?, ?> template, String topic, ConsumerRecord<?, ?> record) {
    int partitions = template.partitionsFor(topic).size();
    return new TopicPartition(topic, record.partition() < partitions ? record.partition() : -1);
  }
}
