package org.convene.notifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.admin.NewTopic;
import org.convene.notifier.testing.MeetingStory;
import org.convene.notifier.testing.ScriptedSmtpServer;
import org.convene.notifier.testing.TestSmtp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The mail server down as a whole is waited out, probed every few seconds, and the backlog goes out
 * as soon as it is back; a temporary refusal of one recipient backs off that recipient only. With
 * the production back-off (2 s doubling), which is what an outage used to push out.
 */
// Stops the mail server the tests that run beside others send to.
@ResourceLock(value = TestSmtp.LOCK, mode = ResourceAccessMode.READ_WRITE)
class RelayOutageIntegrationTests extends NotifierTestSupport {

  /**
   * Long enough that a doubling back-off would leave the messages waiting well beyond the server's
   * return: its attempts 2, 6, 14 and 30 s after the first, so the one after a return at 15 s comes
   * 15 s later, three times {@link #RESUMED_WITHIN}.
   */
  static final Duration OUTAGE = Duration.ofSeconds(15);

  static final Duration RESUMED_WITHIN = Duration.ofSeconds(5);

  static final String[] PRODUCTION_RETRIES = {
    "convene.notifier.delivery.retry.initial-interval=2s",
    "convene.notifier.delivery.retry.max-interval=10m",
    "convene.notifier.delivery.retry.max-attempts=30",
    "convene.notifier.delivery.relay-probe-interval=2s",
    "convene.notifier.delivery.quiet-period=0s"
  };

  @AfterEach
  void smtpBackUp() {
    TestSmtp.restart();
  }

  @Test
  void aMailServerOutageIsWaitedOutAndEverythingArrivesWithinFiveSecondsOfItsReturn() {
    String topic = "relay-outage-" + UUID.randomUUID();
    broker.addTopics(new NewTopic(topic, 1, (short) 1));
    List<MeetingStory> stories = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      stories.add(new MeetingStory(MeetingStory.uniqueDomain("relay-outage" + i)));
    }
    TestSmtp.stop();
    try (NotifierInstance notifier =
        NotifierInstance.start(
            broker.getBrokersAsString(),
            topic,
            "relay-outage",
            "notifier_relay_outage",
            PRODUCTION_RETRIES)) {
      JdbcClient ledger = notifier.bean(JdbcClient.class);
      for (MeetingStory story : stories) {
        publish(topic, story.scheduled());
      }
      await().atMost(DELIVERY).until(() -> waitingForTheServer(ledger, stories) == 20);
      await().pollDelay(OUTAGE).atMost(OUTAGE.plusSeconds(5)).until(() -> true);
      assertThat(stories)
          .allSatisfy(story -> assertThat(TestSmtp.receivedFor(story.domain())).isEmpty());

      TestSmtp.restart();
      long back = System.nanoTime();
      await()
          .atMost(RESUMED_WITHIN)
          .until(
              () ->
                  stories.stream()
                      .allMatch(story -> TestSmtp.receivedFor(story.domain()).size() == 5));
      System.out.printf(
          "Relay outage of %d s: all %d messages received %d ms after the mail server's return%n",
          OUTAGE.toSeconds(), 20, Duration.ofNanos(System.nanoTime() - back).toMillis());

      assertThat(stories)
          .allSatisfy(
              story ->
                  assertThat(TestSmtp.receivedFor(story.domain()))
                      .extracting(TestSmtp::recipient)
                      .doesNotHaveDuplicates());
      // Probed every 2 s through the outage, each message was tried once: when it was taken.
      assertThat(
              ledger
                  .sql("select status || ' ' || attempts from delivery")
                  .query(String.class)
                  .list())
          .hasSize(20)
          .containsOnly("SENT 1");
    }
  }

  @Test
  void aTemporaryRefusalOfOneRecipientBacksOffThatRecipientOnlyAndIsLoggedAsDeferred()
      throws Exception {
    String topic = "busy-recipient-" + UUID.randomUUID();
    broker.addTopics(new NewTopic(topic, 1, (short) 1));
    AtomicBoolean busy = new AtomicBoolean(true);
    ScriptedSmtpServer smtp =
        new ScriptedSmtpServer(
            address ->
                address.startsWith("li.na@") && busy.get()
                    ? "451 4.2.1 mailbox busy, try later"
                    : "250 2.1.5 ok");
    MeetingStory first = new MeetingStory(MeetingStory.uniqueDomain("busy-recipient"));
    MeetingStory second = new MeetingStory(MeetingStory.uniqueDomain("busy-recipient-next"));
    try (smtp;
        NotifierInstance notifier =
            NotifierInstance.start(
                smtp.port(),
                broker.getBrokersAsString(),
                topic,
                "busy-recipient",
                "notifier_busy_recipient",
                PRODUCTION_RETRIES)) {
      JdbcClient ledger = notifier.bean(JdbcClient.class);
      publish(topic, first.scheduled());
      await()
          .atMost(DELIVERY)
          .until(
              () -> smtp.accepted().size() == 4 && attemptsOf(ledger, first.mailbox("li.na")) >= 2);

      // The server is not taken for down: another meeting's messages go out at once.
      publish(topic, second.scheduled());
      await()
          .atMost(RESUMED_WITHIN)
          .until(
              () ->
                  smtp.accepted().stream()
                          .filter(address -> address.endsWith("@" + second.domain()))
                          .count()
                      == 4);
      assertThat(smtp.accepted()).noneMatch(address -> address.startsWith("li.na@"));
      assertThat(
              ledger
                  .sql(
                      "select status || ' ' || last_error from delivery where recipient = :recipient")
                  .param("recipient", first.mailbox("li.na"))
                  .query(String.class)
                  .single())
          .startsWith("PENDING ")
          .contains("451 4.2.1 mailbox busy", first.mailbox("li.na"))
          .doesNotContain("Invalid Addresses");
      assertThat(
              ledger
                  .sql("select count(*) from delivery where status = 'SENT'")
                  .query(Long.class)
                  .single())
          .isEqualTo(8);

      busy.set(false);
      await()
          .atMost(DELIVERY)
          .until(
              () ->
                  smtp.accepted().stream().filter(address -> address.startsWith("li.na@")).count()
                      == 2);
      assertThat(smtp.accepted()).hasSize(10).doesNotHaveDuplicates();
    }
  }

  /** Messages found waiting for the mail server: tried, none of it counted as an attempt. */
  private static long waitingForTheServer(JdbcClient ledger, List<MeetingStory> stories) {
    return stories.stream()
        .mapToLong(
            story ->
                ledger
                    .sql(
                        "select count(*) from delivery where meeting_id = :id and status = 'PENDING'"
                            + " and attempts = 0 and last_error like '%Cannot connect%'")
                    .param("id", story.meetingId().value())
                    .query(Long.class)
                    .single())
        .sum();
  }

  private static int attemptsOf(JdbcClient ledger, String recipient) {
    return ledger
        .sql("select coalesce(max(attempts), 0) from delivery where recipient = :recipient")
        .param("recipient", recipient)
        .query(Integer.class)
        .single();
  }
}
