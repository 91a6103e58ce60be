package org.convene.scheduler.inbox;

import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.convene.events.DeliveryReported;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.ExponentialBackOffWithMaxRetries;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.util.backoff.ExponentialBackOff;
import tools.jackson.core.JacksonException;

/**
 * How the scheduler reads replies: String values parsed by the listener against the contract, a
 * failure retried 1 s, 2 s, 4 s and then published to the dead-letter topic (keyed as the original,
 * so one meeting's failures stay in order); a value that is not a reply goes there at once; the
 * database being unreachable is waited out, holding the partition, since no reply can be processed
 * without it.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(InboxProperties.class)
class InboxKafkaConfiguration {

  static final String CONTAINER_FACTORY = "repliesContainerFactory";
  static final String DELIVERY_CONTAINER_FACTORY = "deliveryOutcomesContainerFactory";

  /** Where a delivery report goes that cannot be read or keeps failing. */
  static final String DELIVERY_DEAD_LETTER_TOPIC = DeliveryReported.DEFAULT_TOPIC + ".DLT";

  /**
   * Replies handed to the listener at once, processed in one transaction: enough that a burst costs
   * a few commits, few enough that the meetings they lock are not held for long. Ten made the
   * answers benchmark's calendar replies slower (p99 2.7 and 3.1 s against 1.7 to 2.5 s with 50)
   * and cost more CPU per answer (18.7 and 18.9 ms against 16.3 to 17.5).
   */
  static final int REPLIES_PER_POLL = 50;

  static final int MAX_RETRIES = 3;
  static final Duration FIRST_RETRY = Duration.ofSeconds(1);
  static final Duration MAX_RETRY_INTERVAL = Duration.ofSeconds(10);
  static final Duration DATABASE_OUTAGE_MAX_INTERVAL = Duration.ofSeconds(30);

  @Bean(CONTAINER_FACTORY)
  ConcurrentKafkaListenerContainerFactory<String, String> repliesContainerFactory(
      KafkaProperties kafka, KafkaOperations<String, String> template, InboxProperties properties) {
    Map<String, Object> consumer = kafka.buildConsumerProperties();
    consumer.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    consumer.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    consumer.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, REPLIES_PER_POLL);
    ConcurrentKafkaListenerContainerFactory<String, String> factory =
        new ConcurrentKafkaListenerContainerFactory<>();
    factory.setConsumerFactory(
        new DefaultKafkaConsumerFactory<>(
            consumer, new StringDeserializer(), new StringDeserializer()));
    factory.setBatchListener(true);
    // With several threads, each has partitions of its own: a reply that waits for its meeting's
    // row lock (an organiser's change, a link answer) holds up only the meetings of its partitions.
    factory.setConcurrency(properties.consumers());
    factory.setCommonErrorHandler(errorHandler(template, properties.deadLetterTopic()));
    return factory;
  }

  /**
   * The notifier's delivery reports, read as the replies are: the same retries and dead letters
   * (their own topic), the same patience with a database outage.
   */
  @Bean(DELIVERY_CONTAINER_FACTORY)
  ConcurrentKafkaListenerContainerFactory<String, String> deliveryOutcomesContainerFactory(
      KafkaProperties kafka, KafkaOperations<String, String> template) {
    Map<String, Object> consumer = kafka.buildConsumerProperties();
    consumer.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    consumer.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    ConcurrentKafkaListenerContainerFactory<String, String> factory =
        new ConcurrentKafkaListenerContainerFactory<>();
    factory.setConsumerFactory(
        new DefaultKafkaConsumerFactory<>(
            consumer, new StringDeserializer(), new StringDeserializer()));
    // A poll's reports are kept in one statement (up to Kafka's 500 records).
    factory.setBatchListener(true);
    factory.setCommonErrorHandler(errorHandler(template, DELIVERY_DEAD_LETTER_TOPIC));
    return factory;
  }

  @Bean
  NewTopic deliveryOutcomesTopic() {
    return TopicBuilder.name(DeliveryReported.DEFAULT_TOPIC).partitions(3).build();
  }

  @Bean
  NewTopic deliveryOutcomesDeadLetterTopic() {
    return TopicBuilder.name(DELIVERY_DEAD_LETTER_TOPIC).partitions(1).build();
  }

  static DefaultErrorHandler errorHandler(
      KafkaOperations<String, String> template, String deadLetterTopic) {
    DeadLetterPublishingRecoverer recoverer =
        new DeadLetterPublishingRecoverer(
            template, (record, exception) -> new TopicPartition(deadLetterTopic, -1));
    ExponentialBackOffWithMaxRetries backOff = new ExponentialBackOffWithMaxRetries(MAX_RETRIES);
    backOff.setInitialInterval(FIRST_RETRY.toMillis());
    backOff.setMultiplier(2.0);
    backOff.setMaxInterval(MAX_RETRY_INTERVAL.toMillis());
    DefaultErrorHandler handler = new DefaultErrorHandler(recoverer, backOff);
    // Not JSON, not a reply, or a reply missing what the contract requires: no retry will help.
    handler.addNotRetryableExceptions(
        JacksonException.class, IllegalArgumentException.class, NullPointerException.class);
    handler.setBackOffFunction(
        (record, exception) -> isDatabaseOutage(exception) ? databaseOutageBackOff() : null);
    return handler;
  }

  static boolean isDatabaseOutage(Throwable exception) {
    for (Throwable cause = exception;
        cause != null;
        cause = cause.getCause() == cause ? null : cause.getCause()) {
      if (cause instanceof TransientDataAccessException
          || cause instanceof DataAccessResourceFailureException
          || cause instanceof CannotCreateTransactionException
          || cause instanceof SQLTransientException
          || cause instanceof SQLRecoverableException) {
        return true;
      }
    }
    return false;
  }

  static ExponentialBackOff databaseOutageBackOff() {
    ExponentialBackOff backOff = new ExponentialBackOff(FIRST_RETRY.toMillis(), 2.0);
    backOff.setMaxInterval(DATABASE_OUTAGE_MAX_INTERVAL.toMillis());
    return backOff;
  }

  @Bean
  NewTopic repliesTopic(InboxProperties properties) {
    return TopicBuilder.name(properties.topic()).partitions(properties.topicPartitions()).build();
  }

  @Bean
  NewTopic repliesDeadLetterTopic(InboxProperties properties) {
    return TopicBuilder.name(properties.deadLetterTopic()).partitions(1).build();
  }
}
