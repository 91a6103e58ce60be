package org.convene.notifier.system;

import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.convene.events.MeetingEvent;
import org.convene.notifier.NotifierProperties;
import org.convene.notifier.delivery.UndeliveredInvitationsException;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaConsumerFactoryCustomizer;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaProducerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.ExponentialBackOffWithMaxRetries;
import org.springframework.kafka.support.serializer.DelegatingByTypeSerializer;
import org.springframework.kafka.support.serializer.ErrorHandlingDeserializer;
import org.springframework.kafka.support.serializer.JacksonJsonDeserializer;
import org.springframework.kafka.support.serializer.JacksonJsonSerializer;
import tools.jackson.databind.json.JsonMapper;

/**
 * How the notifier reads and dead-letters meeting events.
 *
 * <p>Values are the contract's JSON, whose {@code "type"} property picks the record class, so
 * Spring's {@code __TypeId__} headers are neither needed nor trusted. A value that cannot be read
 * goes to the dead-letter topic at once and consumption goes on; a listener failure is retried
 * with an exponential back-off, then dead-lettered.
 */
@Configuration(proxyBeanMethods = false)
class KafkaConfiguration {

  static final String EVENTS_PACKAGE = MeetingEvent.class.getPackageName();

  /** Retries after the first attempt: 1 s, 2 s, 4 s, then the dead-letter topic. */
  static final int MAX_RETRIES = 3;

  static final Duration FIRST_RETRY = Duration.ofSeconds(1);
  static final Duration MAX_RETRY_INTERVAL = Duration.ofSeconds(10);

  @Bean
  DefaultKafkaConsumerFactoryCustomizer meetingEventValues(JsonMapper jsonMapper) {
    return factory -> meetingEvents(factory).setValueDeserializerSupplier(() -> meetingEventDeserializer(jsonMapper));
  }

  /**
   * What the dead-letter publisher writes: a value that could not be read is published as the
   * original bytes; an event whose processing failed as the contract's JSON, again without type
   * headers.
   */
  @Bean
  DefaultKafkaProducerFactoryCustomizer deadLetterValues(JsonMapper jsonMapper) {
    return factory -> anyValues(factory).setValueSerializerSupplier(() -> deadLetterValueSerializer(jsonMapper));
  }

  @Bean
  DefaultErrorHandler kafkaErrorHandler(KafkaOperations<?, ?> kafkaTemplate, NotifierProperties properties) {
    // Partition -1 lets the producer pick it from the key (the meeting id): the dead-letter topic
    // need not have as many partitions as the source, and one meeting's failures stay in order.
    String deadLetterTopic = properties.deadLetterTopic();
    DeadLetterPublishingRecoverer recoverer =
        new DeadLetterPublishingRecoverer(kafkaTemplate, (record, exception) -> new TopicPartition(deadLetterTopic, -1));
    recoverer.setLogRecoveryRecord(true);
    ExponentialBackOffWithMaxRetries backOff = new ExponentialBackOffWithMaxRetries(MAX_RETRIES);
    backOff.setInitialInterval(FIRST_RETRY.toMillis());
    backOff.setMultiplier(2.0);
    backOff.setMaxInterval(MAX_RETRY_INTERVAL.toMillis());
    DefaultErrorHandler handler = new DefaultErrorHandler(recoverer, backOff);
    handler.addNotRetryableExceptions(UndeliveredInvitationsException.class);
    return handler;
  }

  @Bean
  NewTopic deadLetterTopic(NotifierProperties properties) {
    return TopicBuilder.name(properties.deadLetterTopic()).partitions(1).build();
  }

  static ErrorHandlingDeserializer<MeetingEvent> meetingEventDeserializer(JsonMapper jsonMapper) {
    JacksonJsonDeserializer<MeetingEvent> json =
        new JacksonJsonDeserializer<MeetingEvent>(MeetingEvent.class, jsonMapper, false).trustedPackages(EVENTS_PACKAGE);
    return new ErrorHandlingDeserializer<>(json);
  }

  static Serializer<Object> deadLetterValueSerializer(JsonMapper jsonMapper) {
    JacksonJsonSerializer<Object> json = new JacksonJsonSerializer<>(jsonMapper).noTypeInfo();
    return new DelegatingByTypeSerializer(Map.of(byte[].class, new ByteArraySerializer(), MeetingEvent.class, json), true);
  }

  // Boot builds the factories with the spring.kafka.* settings and hands them over untyped; this
  // application reads meeting events only, and its one producer writes dead letters.
  @SuppressWarnings("unchecked")
  private static DefaultKafkaConsumerFactory<Object, MeetingEvent> meetingEvents(DefaultKafkaConsumerFactory<?, ?> factory) {
    return (DefaultKafkaConsumerFactory<Object, MeetingEvent>) factory;
  }

  @SuppressWarnings("unchecked")
  private static DefaultKafkaProducerFactory<Object, Object> anyValues(DefaultKafkaProducerFactory<?, ?> factory) {
    return (DefaultKafkaProducerFactory<Object, Object>) factory;
  }
}
