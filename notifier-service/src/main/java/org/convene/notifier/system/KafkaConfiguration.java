package org.convene.notifier.system;

import java.nio.charset.StandardCharsets;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.convene.events.CloudEventHeaders;
import org.convene.events.MeetingEvent;
import org.convene.notifier.InvalidMeetingEventException;
import org.convene.notifier.NotifierProperties;
import org.convene.notifier.ReceivedEvent;
import org.convene.notifier.deadletter.DeadLetters;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaConsumerFactoryCustomizer;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaProducerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.ConsumerRecordRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.ExponentialBackOffWithMaxRetries;
import org.springframework.kafka.support.serializer.DelegatingByTypeSerializer;
import org.springframework.kafka.support.serializer.ErrorHandlingDeserializer;
import org.springframework.kafka.support.serializer.JacksonJsonDeserializer;
import org.springframework.kafka.support.serializer.JacksonJsonSerializer;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.ExponentialBackOff;
import tools.jackson.databind.json.JsonMapper;

/**
 * How the notifier reads and dead-letters meeting events.
 *
 * <p>Values are the contract's JSON, whose {@code "type"} property picks the record class, so
 * Spring's {@code __TypeId__} headers are neither needed nor trusted. A value that cannot be read
 * goes to the dead-letter topic at once and consumption goes on; a listener failure is retried (and
 * then dead-lettered as the JSON it was received as) with an exponential back-off, then
 * dead-lettered, except the database being unreachable, which is waited out.
 */
@Configuration(proxyBeanMethods = false)
class KafkaConfiguration {

  static final String EVENTS_PACKAGE = MeetingEvent.class.getPackageName();

  /** Retries after the first attempt: 1 s, 2 s, 4 s, then the dead-letter topic. */
  static final int MAX_RETRIES = 3;

  static final Duration FIRST_RETRY = Duration.ofSeconds(1);
  static final Duration MAX_RETRY_INTERVAL = Duration.ofSeconds(10);

  /** The longest wait between attempts to record an event while the database is unreachable. */
  static final Duration DATABASE_OUTAGE_MAX_INTERVAL = Duration.ofSeconds(30);

  @Bean
  DefaultKafkaConsumerFactoryCustomizer meetingEventValues(JsonMapper jsonMapper) {
    return factory ->
        meetingEvents(factory)
            .setValueDeserializerSupplier(() -> meetingEventDeserializer(jsonMapper));
  }

  /**
   * What the dead-letter publisher writes: a value that could not be read is published as the
   * original bytes; an event whose processing failed as the contract's JSON, again without type
   * headers.
   */
  @Bean
  DefaultKafkaProducerFactoryCustomizer deadLetterValues(JsonMapper jsonMapper) {
    return factory ->
        anyValues(factory).setValueSerializerSupplier(() -> deadLetterValueSerializer(jsonMapper));
  }

  @Bean
  DefaultErrorHandler kafkaErrorHandler(
      KafkaOperations<?, ?> kafkaTemplate, NotifierProperties properties, DeadLetters deadLetters) {
    ConsumerRecordRecoverer recoverer =
        new DeadLetterRecovery(deadLetters, kafkaTemplate, properties.deadLetterTopic());
    ExponentialBackOffWithMaxRetries backOff = new ExponentialBackOffWithMaxRetries(MAX_RETRIES);
    backOff.setInitialInterval(FIRST_RETRY.toMillis());
    backOff.setMultiplier(2.0);
    backOff.setMaxInterval(MAX_RETRY_INTERVAL.toMillis());
    DefaultErrorHandler handler = new DefaultErrorHandler(recoverer, backOff);
    // An event that breaks the contract breaks it on every attempt: dead-letter it at once.
    handler.addNotRetryableExceptions(InvalidMeetingEventException.class);
    // The listener only writes to the ledger: while the database is unreachable no event can be
    // recorded, and dead-lettering them all would only leave operators to replay them. Wait for it
    // instead, holding the partition, with the back-off capped below the poll interval.
    handler.setBackOffFunction(
        (record, exception) -> isDatabaseOutage(exception) ? databaseOutageBackOff() : null);
    return handler;
  }

  /**
   * Whether the failure is the database being unreachable or overloaded, which passes: no
   * connection for the listener's transaction, a connection lost, a time-out.
   */
  static boolean isDatabaseOutage(Throwable exception) {
    for (Throwable cause = exception;
        cause != null;
        cause = cause.getCause() == cause ? null : cause.getCause()) {
      if (cause instanceof TransientDataAccessException
          || cause instanceof DataAccessResourceFailureException
          || cause instanceof CannotCreateTransactionException
          || cause instanceof SQLTransientException
          || cause instanceof SQLRecoverableException
          || cause instanceof SQLNonTransientConnectionException) {
        return true;
      }
    }
    return false;
  }

  /** Retries without end, 1 s, 2 s, 4 s... and every 30 s from then on. */
  static BackOff databaseOutageBackOff() {
    ExponentialBackOff backOff = new ExponentialBackOff(FIRST_RETRY.toMillis(), 2.0);
    backOff.setMaxInterval(DATABASE_OUTAGE_MAX_INTERVAL.toMillis());
    return backOff;
  }

  /**
   * Readiness: the health contributor {@code kafkaConsumers}, fed by every container's rebalances.
   */
  @Bean
  ListenerAssignments kafkaConsumersHealthIndicator(
      ObjectProvider<KafkaListenerEndpointRegistry> registry) {
    return new ListenerAssignments(registry);
  }

  @Bean
  TopicProvisioning topicProvisioning(KafkaAdmin admin, NotifierProperties properties) {
    return new TopicProvisioning(admin, properties);
  }

  static ErrorHandlingDeserializer<ReceivedEvent> meetingEventDeserializer(JsonMapper jsonMapper) {
    JacksonJsonDeserializer<MeetingEvent> json =
        new JacksonJsonDeserializer<MeetingEvent>(MeetingEvent.class, jsonMapper, false)
            .trustedPackages(EVENTS_PACKAGE);
    return new ErrorHandlingDeserializer<>(new ReceivedEventDeserializer(json));
  }

  /**
   * Reads the event and keeps its JSON as received, for the ledger to store as it is. A consumer
   * that names types in {@value ReceivedEvent#SKIPPED_TYPES} gets {@code null} for records of those
   * types ({@code ce_type} header) without their value being parsed: each consumer group reads
   * every event on the topic, and the meeting's whole snapshot in each is most of the reading's
   * cost.
   */
  private static final class ReceivedEventDeserializer implements Deserializer<ReceivedEvent> {

    private final Deserializer<MeetingEvent> json;
    private Set<String> skippedTypes = Set.of();

    ReceivedEventDeserializer(Deserializer<MeetingEvent> json) {
      this.json = json;
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
      json.configure(configs, isKey);
      if (configs.get(ReceivedEvent.SKIPPED_TYPES) instanceof String types) {
        skippedTypes =
            Arrays.stream(types.split(","))
                .map(String::strip)
                .filter(type -> !type.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
      }
    }

    @Override
    public ReceivedEvent deserialize(String topic, byte[] data) {
      return received(json.deserialize(topic, data), data);
    }

    @Override
    public ReceivedEvent deserialize(String topic, Headers headers, byte[] data) {
      String type = typeOf(headers);
      if (type != null && skippedTypes.contains(type)) {
        return null;
      }
      return received(json.deserialize(topic, headers, data), data);
    }

    @Override
    public void close() {
      json.close();
    }

    private static String typeOf(Headers headers) {
      Header type = headers.lastHeader(CloudEventHeaders.TYPE);
      return type == null ? null : new String(type.value(), StandardCharsets.UTF_8);
    }

    private static ReceivedEvent received(MeetingEvent event, byte[] data) {
      return event == null
          ? null
          : new ReceivedEvent(event, new String(data, StandardCharsets.UTF_8));
    }
  }

  static Serializer<Object> deadLetterValueSerializer(JsonMapper jsonMapper) {
    JacksonJsonSerializer<Object> json = new JacksonJsonSerializer<>(jsonMapper).noTypeInfo();
    Serializer<ReceivedEvent> asReceived =
        (topic, event) -> event == null ? null : event.json().getBytes(StandardCharsets.UTF_8);
    return new DelegatingByTypeSerializer(
        Map.of(
            byte[].class,
            new ByteArraySerializer(),
            ReceivedEvent.class,
            asReceived,
            MeetingEvent.class,
            json),
        true);
  }

  // Boot builds the factories with the spring.kafka.* settings and hands them over untyped; this
  // application reads meeting events only, and its one producer writes dead letters.
  @SuppressWarnings("unchecked")
  private static DefaultKafkaConsumerFactory<Object, ReceivedEvent> meetingEvents(
      DefaultKafkaConsumerFactory<?, ?> factory) {
    return (DefaultKafkaConsumerFactory<Object, ReceivedEvent>) factory;
  }

  @SuppressWarnings("unchecked")
  private static DefaultKafkaProducerFactory<Object, Object> anyValues(
      DefaultKafkaProducerFactory<?, ?> factory) {
    return (DefaultKafkaProducerFactory<Object, Object>) factory;
  }
}
