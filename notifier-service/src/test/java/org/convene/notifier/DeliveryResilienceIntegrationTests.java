package org.convene.notifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.admin.NewTopic;
import org.convene.notifier.testing.Mails;
import org.convene.notifier.testing.MeetingStory;
import org.convene.notifier.testing.TestSmtp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Failures on the way to the inbox: the SMTP server down for a while, the notifier restarted while
 * it retries, two notifiers sharing the work. Every message arrives once.
 */
class DeliveryResilienceIntegrationTests extends NotifierTestSupport {

  /** How long the SMTP server stays down: long enough for several failed attempts to be recorded. */
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

    await().atMost(DELIVERY).until(() -> attemptsAndErrors(jdbc, story).size() == 5
        && attemptsAndErrors(jdbc, story).stream().allMatch(row -> row.startsWith("PENDING ") && row.contains("Connection refused")));
    await().pollDelay(OUTAGE).atMost(OUTAGE.plusSeconds(5)).until(() -> minAttempts(jdbc, story) >= 2);
    TestSmtp.restart();

    await().atMost(DELIVERY).until(() -> TestSmtp.receivedFor(story.domain()).size() == 5);
    await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(5)).until(() -> TestSmtp.receivedFor(story.domain()).size() == 5);
    assertThat(TestSmtp.receivedFor(story.domain())).extracting(TestSmtp::recipient).doesNotHaveDuplicates();
    assertThat(ledger(story.meetingId())).hasSize(5).allMatch(row -> row.endsWith(" 1 INVITATION SENT"));
    assertThat(jdbc.sql("select min(attempts) from delivery where meeting_id = :id").param("id", story.meetingId().value()).query(Integer.class).single())
        .isGreaterThanOrEqualTo(3);
  }

  @Test
  void aNotifierRestartedWhileRetryingStillDeliversEverythingOnce() {
    String topic = "restart-" + UUID.randomUUID();
    broker.addTopics(new NewTopic(topic, 1, (short) 1));
    MeetingStory story = new MeetingStory(MeetingStory.uniqueDomain("restart"));
    TestSmtp.stop();
    JdbcClient ledger;
    try (NotifierInstance first = NotifierInstance.start(broker.getBrokersAsString(), topic, "restart", "notifier_restart")) {
      ledger = first.bean(JdbcClient.class);
      publish(topic, story.scheduled(), story.suggestionsMovedUp());
      await().atMost(DELIVERY).until(() -> minAttempts(ledger, story) >= 2);
    }
    TestSmtp.restart();

    try (NotifierInstance second = NotifierInstance.start(broker.getBrokersAsString(), topic, "restart", "notifier_restart")) {
      await().atMost(DELIVERY).until(() -> TestSmtp.receivedFor(story.domain()).size() == 5);
      await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(5)).until(() -> TestSmtp.receivedFor(story.domain()).size() == 5);
      assertThat(TestSmtp.receivedFor(story.domain())).allSatisfy(message -> assertThat(Mails.summary(message).sequence()).isEqualTo(2));
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
    String[] settings = {"convene.notifier.delivery.batch-size=3", "convene.notifier.delivery.threads=2"};
    try (NotifierInstance one = NotifierInstance.start(broker.getBrokersAsString(), topic, "shared", "notifier_shared", settings);
        NotifierInstance two = NotifierInstance.start(broker.getBrokersAsString(), topic, "shared", "notifier_shared", settings)) {
      for (MeetingStory story : stories) {
        publish(topic, story.scheduled(), story.suggestionsMovedUp());
      }

      await().atMost(DELIVERY).until(() -> stories.stream().allMatch(story -> TestSmtp.receivedFor(story.domain()).size() >= 5));
      await().during(Duration.ofMillis(1000)).atMost(Duration.ofSeconds(5))
          .until(() -> stories.stream().allMatch(story -> TestSmtp.receivedFor(story.domain()).size() == 5));
      for (MeetingStory story : stories) {
        assertThat(TestSmtp.receivedFor(story.domain())).extracting(TestSmtp::recipient).doesNotHaveDuplicates();
      }
      double sent = sent(one) + sent(two);
      assertThat(sent).isEqualTo(60);
    }
  }

  private static double sent(NotifierInstance instance) {
    return instance.bean(MeterRegistry.class).find("convene.notifier.deliveries").tag("outcome", "sent").counters().stream()
        .mapToDouble(counter -> counter.count()).sum();
  }

  private static List<String> attemptsAndErrors(JdbcClient jdbc, MeetingStory story) {
    return jdbc.sql("select status || ' ' || attempts || ' ' || coalesce(last_error, '') from delivery where meeting_id = :id")
        .param("id", story.meetingId().value())
        .query(String.class)
        .list();
  }

  private static int minAttempts(JdbcClient jdbc, MeetingStory story) {
    Integer attempts = jdbc.sql("select min(attempts) from delivery where meeting_id = :id and status = 'PENDING'")
        .param("id", story.meetingId().value())
        .query(Integer.class)
        .optional()
        .orElse(null);
    return attempts == null ? 0 : attempts;
  }
}
