package org.convene.notifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.NewTopic;
import org.convene.notifier.testing.Mails;
import org.convene.notifier.testing.MeetingStory;
import org.convene.notifier.testing.ScriptedSmtpServer;
import org.convene.notifier.testing.TestSmtp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * Failures on the way to the inbox: the SMTP server down for a while, the notifier restarted while
 * it retries, two notifiers sharing the work, the database lost in the middle of a batch. Every
 * message arrives, once, but for the one in flight on each SMTP connection when the database went.
 */
// Stops the mail server the tests that run beside others send to.
@ResourceLock(value = TestSmtp.LOCK, mode = ResourceAccessMode.READ_WRITE)
class DeliveryResilienceIntegrationTests extends NotifierTestSupport {

  /** How long the SMTP server stays down: long enough for it to be probed several times. */
  static final Duration OUTAGE = Duration.ofSeconds(2);

  @AfterEach
  void smtpBackUp() {
    TestSmtp.restart();
  }

  @Test
  void theSmtpServerDownForAWhileDelaysMessagesThatThenArriveOnce() {
    MeetingStory story = new MeetingStory(MeetingStory.uniqueDomain("outage"));
    TestSmtp.stop();

    publish(story.scheduled());

    await()
        .atMost(DELIVERY)
        .until(
            () ->
                attemptsAndErrors(jdbc, story).size() == 5
                    && attemptsAndErrors(jdbc, story).stream()
                        .allMatch(
                            row ->
                                row.startsWith("PENDING ") && row.contains("Connection refused")));
    // Probed again and again meanwhile; none of it is an attempt at a message of its own.
    await()
        .pollDelay(OUTAGE)
        .atMost(OUTAGE.plusSeconds(5))
        .until(
            () ->
                attemptsAndErrors(jdbc, story).stream()
                    .allMatch(row -> row.startsWith("PENDING 0 ")));
    TestSmtp.restart();

    await().atMost(DELIVERY).until(() -> TestSmtp.receivedFor(story.domain()).size() == 5);
    await()
        .during(Duration.ofMillis(1500))
        .atMost(Duration.ofSeconds(5))
        .until(() -> TestSmtp.receivedFor(story.domain()).size() == 5);
    assertThat(TestSmtp.receivedFor(story.domain()))
        .extracting(TestSmtp::recipient)
        .doesNotHaveDuplicates();
    awaitLedger(
        story.meetingId(),
        rows -> assertThat(rows).hasSize(5).allMatch(row -> row.endsWith(" 1 INVITATION SENT")));
    assertThat(
            jdbc.sql("select distinct attempts from delivery where meeting_id = :id")
                .param("id", story.meetingId().value())
                .query(Integer.class)
                .list())
        .as("the attempt that reached the server, not the probes of the outage")
        .containsExactly(1);
  }

  @Test
  void aNotifierRestartedWhileRetryingStillDeliversEverythingOnce() {
    String topic = "restart-" + UUID.randomUUID();
    broker.addTopics(new NewTopic(topic, 1, (short) 1));
    MeetingStory story = new MeetingStory(MeetingStory.uniqueDomain("restart"));
    TestSmtp.stop();
    JdbcClient ledger;
    try (NotifierInstance first =
        NotifierInstance.start(broker.getBrokersAsString(), topic, "restart", "notifier_restart")) {
      ledger = first.bean(JdbcClient.class);
      publish(topic, story.scheduled(), story.suggestionsMovedUp());
      await().atMost(DELIVERY).until(() -> waitingForTheServer(ledger, story) == 5);
    }
    TestSmtp.restart();

    try (NotifierInstance second =
        NotifierInstance.start(broker.getBrokersAsString(), topic, "restart", "notifier_restart")) {
      await().atMost(DELIVERY).until(() -> TestSmtp.receivedFor(story.domain()).size() == 5);
      await()
          .during(Duration.ofMillis(1500))
          .atMost(Duration.ofSeconds(5))
          .until(() -> TestSmtp.receivedFor(story.domain()).size() == 5);
      assertThat(TestSmtp.receivedFor(story.domain()))
          .allSatisfy(message -> assertThat(Mails.summary(message).sequence()).isEqualTo(2));
      assertThat(ledger(second.bean(JdbcClient.class), story.meetingId()))
          .hasSize(10)
          .filteredOn(row -> row.endsWith(" SENT"))
          .hasSize(5)
          .allMatch(row -> row.contains(" 2 UPDATE "));
    }
  }

  @Test
  void twoNotifiersShareTheWorkAndSendEveryMessageOnce() {
    String topic = "shared-" + UUID.randomUUID();
    broker.addTopics(new NewTopic(topic, 2, (short) 1));
    List<MeetingStory> stories = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      stories.add(new MeetingStory(MeetingStory.uniqueDomain("shared" + i)));
    }
    // A quiet period a loaded machine cannot overrun between a meeting's two events, which are to
    // go
    // out as one message per recipient.
    String[] settings = {
      "convene.notifier.delivery.batch-size=3",
      "convene.notifier.delivery.threads=2",
      "convene.notifier.delivery.quiet-period=2s"
    };
    try (NotifierInstance one =
            NotifierInstance.start(
                broker.getBrokersAsString(), topic, "shared", "notifier_shared", settings);
        NotifierInstance two =
            NotifierInstance.start(
                broker.getBrokersAsString(), topic, "shared", "notifier_shared", settings)) {
      // Each holds its partition before anything is published: a rebalance between a meeting's two
      // events would hold the second back beyond the quiet period, and the first would go out
      // alone.
      await().atMost(DELIVERY).until(() -> assigned(one) == 1 && assigned(two) == 1);
      for (MeetingStory story : stories) {
        publish(topic, story.scheduled(), story.suggestionsMovedUp());
      }

      await()
          .atMost(DELIVERY)
          .until(
              () ->
                  stories.stream()
                      .allMatch(story -> TestSmtp.receivedFor(story.domain()).size() >= 5));
      await()
          .during(Duration.ofMillis(1000))
          .atMost(Duration.ofSeconds(5))
          .until(
              () ->
                  stories.stream()
                      .allMatch(story -> TestSmtp.receivedFor(story.domain()).size() == 5));
      for (MeetingStory story : stories) {
        assertThat(TestSmtp.receivedFor(story.domain()))
            .extracting(TestSmtp::recipient)
            .doesNotHaveDuplicates();
      }
      double sent = sent(one) + sent(two);
      assertThat(sent).isEqualTo(60);
    }
  }

  /**
   * Both dispatcher threads are in the middle of a batch, each with a message handed to the mail
   * server, when every database connection of the notifier is cut. Only those two messages, whose
   * outcomes can no longer be recorded, go out again once the database is back, flagged; nothing
   * else is sent twice, nothing is lost.
   */
  @Test
  void theDatabaseLostMidBatchResendsOnlyTheMessageInFlightOnEachConnectionFlagged()
      throws Exception {
    String topic = "lost-database-" + UUID.randomUUID();
    broker.addTopics(new NewTopic(topic, 1, (short) 1));
    String database = "notifier_lost_database";
    List<MeetingStory> stories = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      stories.add(new MeetingStory(MeetingStory.uniqueDomain("lost-database" + i)));
    }
    int threads = 2;
    int sentBeforeTheCut = 8;
    AtomicInteger recipientsNamed = new AtomicInteger();
    AtomicInteger held = new AtomicInteger();
    CountDownLatch cut = new CountDownLatch(1);
    // The mail server holds every message after the first few at RCPT until the database is cut:
    // each dispatcher thread then has one message in flight.
    ScriptedSmtpServer smtp =
        new ScriptedSmtpServer(
            address -> {
              if (recipientsNamed.incrementAndGet() > sentBeforeTheCut && cut.getCount() > 0) {
                held.incrementAndGet();
                try {
                  cut.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              }
              return "250 2.1.5 ok";
            });
    String[] settings = {
      "convene.notifier.delivery.batch-size=10", "convene.notifier.delivery.threads=" + threads
    };
    try (smtp;
        NotifierInstance notifier =
            NotifierInstance.start(
                smtp.port(),
                broker.getBrokersAsString(),
                topic,
                "lost-database",
                database,
                settings)) {
      for (MeetingStory story : stories) {
        publish(topic, story.scheduled());
      }
      await().atMost(DELIVERY).until(() -> held.get() == threads);

      int terminated =
          jdbc.sql(
                  "select count(pg_terminate_backend(pid)) from pg_stat_activity where datname = :database")
              .param("database", database)
              .query(Integer.class)
              .single();
      assertThat(terminated).isPositive();
      cut.countDown();

      int messages = stories.size() * 5;
      await().atMost(DELIVERY).until(() -> new HashSet<>(smtp.accepted()).size() == messages);
      await()
          .during(Duration.ofMillis(1500))
          .atMost(Duration.ofSeconds(10))
          .until(() -> smtp.accepted().size() == messages + threads);
      Map<String, Long> copies =
          smtp.accepted().stream()
              .collect(Collectors.groupingBy(recipient -> recipient, Collectors.counting()));
      List<String> twice =
          copies.entrySet().stream()
              .filter(entry -> entry.getValue() > 1)
              .map(Map.Entry::getKey)
              .sorted()
              .toList();
      assertThat(copies.values()).allMatch(count -> count <= 2);
      assertThat(twice).hasSize(threads);

      JdbcClient ledger = notifier.bean(JdbcClient.class);
      assertThat(
              ledger
                  .sql("select recipient from delivery where possible_duplicate order by recipient")
                  .query(String.class)
                  .list())
          .isEqualTo(twice);
      assertThat(
              ledger
                  .sql("select count(*) from delivery where status = 'SENT'")
                  .query(Long.class)
                  .single())
          .isEqualTo(messages);
      assertThat(
              notifier
                  .bean(MeterRegistry.class)
                  .find("convene.notifier.deliveries.possible.duplicates")
                  .counters()
                  .stream()
                  .mapToDouble(counter -> counter.count())
                  .sum())
          .isEqualTo(threads);
    }
  }

  private static int assigned(NotifierInstance instance) {
    MessageListenerContainer container =
        instance.bean(KafkaListenerEndpointRegistry.class).getListenerContainer("invitations");
    return container == null || container.getAssignedPartitions() == null
        ? 0
        : container.getAssignedPartitions().size();
  }

  private static double sent(NotifierInstance instance) {
    return instance
        .bean(MeterRegistry.class)
        .find("convene.notifier.deliveries")
        .tag("outcome", "sent")
        .counters()
        .stream()
        .mapToDouble(counter -> counter.count())
        .sum();
  }

  private static List<String> attemptsAndErrors(JdbcClient jdbc, MeetingStory story) {
    return jdbc.sql(
            "select status || ' ' || attempts || ' ' || coalesce(last_error, '') from delivery where meeting_id = :id")
        .param("id", story.meetingId().value())
        .query(String.class)
        .list();
  }

  /**
   * How many of the story's owed messages wait for the mail server to be back, if every one of them
   * was tried; else 0.
   */
  private static long waitingForTheServer(JdbcClient jdbc, MeetingStory story) {
    return jdbc.sql(
            """
            select case when bool_and(coalesce(last_error, '') like '%Connection refused%')
                        then count(*) else 0 end
            from delivery where meeting_id = :id and status = 'PENDING'
            """)
        .param("id", story.meetingId().value())
        .query(Long.class)
        .single();
  }
}
