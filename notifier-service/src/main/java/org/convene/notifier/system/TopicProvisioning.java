package org.convene.notifier.system;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.convene.events.DeliveryReported;
import org.convene.notifier.NotifierProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.util.backoff.BackOffExecution;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * Creates the topics the notifier writes to, in the background, once the broker answers: the
 * dead-letter topic with as many partitions as the topic read (so that a dead letter's copy lands
 * in the partition its record came from), and the delivery-report topic.
 *
 * <p>Not as {@code NewTopic} beans: Spring's admin creates those while the context starts, and with
 * no broker every start waited for the look-up's and the admin's time-outs (12 s by default) before
 * sending what its ledger owes, which needs no broker, and then never created the topics at all.
 * Here a start without a broker goes on at once, and the topics are made as soon as the broker is
 * back, trying again 1 s, 2 s, 4 s... up to every 30 s.
 */
class TopicProvisioning implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(TopicProvisioning.class);

  static final int DELIVERY_REPORT_PARTITIONS = 3;
  static final Duration FIRST_RETRY = Duration.ofSeconds(1);
  static final Duration MAX_RETRY_INTERVAL = Duration.ofSeconds(30);

  private final KafkaAdmin admin;
  private final Duration timeout;
  private final String topic;
  private final String deadLetterTopic;
  private volatile Thread worker;

  TopicProvisioning(KafkaAdmin springAdmin, NotifierProperties properties) {
    this.admin = boundedAdmin(springAdmin);
    this.timeout = Duration.ofSeconds(springAdmin.getOperationTimeout());
    this.topic = properties.topic();
    this.deadLetterTopic = properties.deadLetterTopic();
  }

  /**
   * An admin of its own whose calls end within the admin's operation time-out: Spring's admin
   * closes its client without a limit, which with no broker waits for Kafka's 60 s API time-out.
   */
  private static KafkaAdmin boundedAdmin(KafkaAdmin springAdmin) {
    int timeout = (int) Duration.ofSeconds(springAdmin.getOperationTimeout()).toMillis();
    Map<String, Object> config = new HashMap<>(springAdmin.getConfigurationProperties());
    config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeout);
    config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, timeout);
    KafkaAdmin admin = new KafkaAdmin(config);
    admin.setOperationTimeout(springAdmin.getOperationTimeout());
    return admin;
  }

  @Override
  public void start() {
    worker = Thread.ofVirtual().name("notifier-topics").start(this::provisionUntilDone);
  }

  @Override
  public void stop() {
    Thread running = worker;
    worker = null;
    if (running != null) {
      running.interrupt();
    }
  }

  @Override
  public boolean isRunning() {
    return worker != null;
  }

  private void provisionUntilDone() {
    ExponentialBackOff backOff = new ExponentialBackOff(FIRST_RETRY.toMillis(), 2.0);
    backOff.setMaxInterval(MAX_RETRY_INTERVAL.toMillis());
    BackOffExecution retries = backOff.start();
    boolean warned = false;
    while (!Thread.currentThread().isInterrupted()) {
      try {
        provision();
        log.info("Topics {} and {} are in place", deadLetterTopic, DeliveryReported.DEFAULT_TOPIC);
        return;
      } catch (RuntimeException e) {
        if (Thread.currentThread().isInterrupted()) {
          return;
        }
        if (!warned) {
          log.warn(
              "Cannot create the topics {} and {} yet ({}); trying again until the broker answers",
              deadLetterTopic,
              DeliveryReported.DEFAULT_TOPIC,
              reason(e));
          warned = true;
        } else {
          log.debug("Cannot create the topics yet", e);
        }
      }
      try {
        Thread.sleep(retries.nextBackOff());
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private void provision() {
    admin.createOrModifyTopics(
        TopicBuilder.name(deadLetterTopic).partitions(partitionsOfTopicRead()).build(),
        TopicBuilder.name(DeliveryReported.DEFAULT_TOPIC)
            .partitions(DELIVERY_REPORT_PARTITIONS)
            .build());
  }

  /** As many as the topic read has; one while that topic does not exist yet. */
  private int partitionsOfTopicRead() {
    try {
      return admin.describeTopics(topic).get(topic).partitions().size();
    } catch (RuntimeException e) {
      if (causedByUnknownTopic(e)) {
        return 1;
      }
      throw e;
    }
  }

  private String reason(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    if (root instanceof java.util.concurrent.TimeoutException
        || root instanceof org.apache.kafka.common.errors.TimeoutException) {
      return "no answer from the broker within " + timeout.toSeconds() + " s";
    }
    return root.toString();
  }

  private static boolean causedByUnknownTopic(Throwable e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof UnknownTopicOrPartitionException) {
        return true;
      }
      if (cause.getCause() == cause) {
        return false;
      }
    }
    return false;
  }
}
