package org.convene.notifier.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.convene.notifier.reply.MailboxStatus;
import org.convene.notifier.system.ConsoleMessages;
import org.junit.jupiter.api.Test;
import org.springframework.context.MessageSource;
import tools.jackson.databind.json.JsonMapper;

/** How each figure is judged against its threshold, and what the page says about it. */
class FlowHealthReportTests {

  static final Instant NOW = Instant.parse("2026-12-01T03:00:00Z");

  static final MessageSource messages = ConsoleMessages.create();

  static final String MAILBOX = "meetings@example.org on imap.example.org:993";

  /** The replies mailbox read, looked into a moment ago. */
  static final FlowHealth.Mailbox READING =
      new FlowHealth.Mailbox(
          "READING", MAILBOX, NOW.minusSeconds(3600), null, NOW, Duration.ofMinutes(2), false);

  final FlowHealthReport report =
      new FlowHealthReport(
          null,
          null,
          null,
          null,
          HealthPropertiesTests.properties(HealthPropertiesTests.unconfigured()),
          null,
          messages);

  @Test
  void anOwedMessageDueLongerAgoThanTheThresholdIsHighButOneDueLaterIsNot() {
    FlowHealth.Owed late =
        report.owed(new HealthFigures.Owed(3, NOW.minus(Duration.ofMinutes(6))), NOW);
    FlowHealth.Owed ahead =
        report.owed(new HealthFigures.Owed(3, NOW.plus(Duration.ofMinutes(6))), NOW);
    FlowHealth.Owed within =
        report.owed(new HealthFigures.Owed(3, NOW.minus(Duration.ofMinutes(4))), NOW);

    assertThat(late.overdueSeconds()).isEqualTo(360);
    assertThat(late.high()).isTrue();
    assertThat(ahead.overdueSeconds()).isZero();
    assertThat(ahead.high()).isFalse();
    assertThat(within.high()).isFalse();
    assertThat(report.owed(new HealthFigures.Owed(0, null), NOW).high()).isFalse();
  }

  @Test
  void theSendRateIsPerMinuteOverTheWindowAndErrorsAboveTheThresholdAreHigh() {
    FlowHealth.Sends sends = report.sends(new HealthFigures.Attempts(600, 11));

    assertThat(sends.perMinute()).isEqualTo(120.0);
    assertThat(sends.high()).isTrue();
    assertThat(report.sends(new HealthFigures.Attempts(600, 10)).high()).isFalse();
  }

  @Test
  void problemsNameEachFigureBeyondItsThresholdAndNothingElse() {
    FlowHealth.Lag lag =
        new FlowHealth.Lag(
            null,
            List.of(
                new FlowHealth.PartitionLag(
                    "convene-notifier", "convene.meeting-events", 0, 900, true),
                new FlowHealth.PartitionLag(
                    "convene-reminders", "convene.meeting-events", 0, 3, false)),
            500);
    FlowHealth.Outbox outbox =
        new FlowHealth.Outbox(
            "UNREACHABLE", "http://scheduler: refused", null, null, Duration.ofMinutes(1), false);
    FlowHealth.Owed owed = report.owed(new HealthFigures.Owed(1, NOW.plusSeconds(60)), NOW);
    FlowHealth.Sends sends = report.sends(new HealthFigures.Attempts(5, 0));
    FlowHealth.DeadLetters deadLetters =
        new FlowHealth.DeadLetters(
            List.of(
                new FlowHealth.Reason(
                    "DeserializationException", "x.DeserializationException", 2)));

    assertThat(
            FlowHealthReport.problems(
                lag, outbox, owed, sends, deadLetters, READING, NOW, messages))
        .extracting(Problem::text)
        .containsExactly(
            "Group convene-notifier is 900 records behind on convene.meeting-events-0 (more than 500)",
            "Scheduler unreachable: http://scheduler: refused",
            "2 dead letters await an operator");
    assertThat(
            FlowHealthReport.problems(
                new FlowHealth.Lag(null, List.of(), 500),
                new FlowHealth.Outbox(
                    "NOT_CONFIGURED", "set it", null, null, Duration.ofMinutes(1), false),
                owed,
                sends,
                new FlowHealth.DeadLetters(List.of()),
                READING,
                NOW,
                messages))
        .as("not configured is said on the page, but is no problem")
        .isEmpty();
  }

  @Test
  void problemsCountInProperPluralsAndAreSaidInTheViewersLanguageFromTheSameKey() {
    FlowHealth.Lag none = new FlowHealth.Lag(null, List.of(), 500);
    FlowHealth.Outbox outbox =
        new FlowHealth.Outbox("OK", null, 0L, 0L, Duration.ofMinutes(1), false);
    FlowHealth.Owed owed = report.owed(new HealthFigures.Owed(0, null), NOW);
    FlowHealth.Sends oneFailed = new FlowHealth.Sends(Duration.ofMinutes(5), 3, 1, 0.6, 0, true);

    List<Problem> one =
        FlowHealthReport.problems(
            none,
            outbox,
            owed,
            oneFailed,
            new FlowHealth.DeadLetters(
                List.of(new FlowHealth.Reason("KafkaException", "x.KafkaException", 1))),
            READING,
            NOW,
            messages);

    assertThat(one)
        .extracting(Problem::text)
        .containsExactly(
            "1 message failed its latest attempt in the last 5 min (more than 0)",
            "1 dead letter awaits an operator");
    assertThat(one)
        .extracting(problem -> messages.getMessage(problem, Locale.SIMPLIFIED_CHINESE))
        .containsExactly("最近 5 分钟内有 1 封邮件最近一次尝试失败（超过 0 封）", "1 封死信等待运维人员处理");
  }

  @Test
  void theRepliesMailboxIsAProblemOnlyOnceUnavailableOrNotLookedIntoForLongerThanTheThreshold() {
    MailboxStatus.Snapshot downLong =
        new MailboxStatus.Snapshot(
            MailboxStatus.State.UNAVAILABLE,
            MAILBOX,
            NOW.minusSeconds(150),
            "java.net.ConnectException: Connection refused",
            NOW.minusSeconds(160));
    MailboxStatus.Snapshot downBriefly =
        new MailboxStatus.Snapshot(
            MailboxStatus.State.UNAVAILABLE,
            MAILBOX,
            NOW.minusSeconds(30),
            "java.net.ConnectException: Connection refused",
            NOW.minusSeconds(40));
    MailboxStatus.Snapshot stalled =
        new MailboxStatus.Snapshot(
            MailboxStatus.State.READING,
            MAILBOX,
            NOW.minusSeconds(3600),
            null,
            NOW.minusSeconds(130));
    MailboxStatus.Snapshot lookedJustNow =
        new MailboxStatus.Snapshot(
            MailboxStatus.State.READING,
            MAILBOX,
            NOW.minusSeconds(3600),
            null,
            NOW.minusSeconds(25));
    MailboxStatus.Snapshot neverConnected =
        new MailboxStatus.Snapshot(
            MailboxStatus.State.CONNECTING, MAILBOX, NOW.minusSeconds(121), null, null);
    MailboxStatus.Snapshot disabled =
        new MailboxStatus.Snapshot(MailboxStatus.State.DISABLED, null, null, null, null);

    assertThat(report.mailbox(downLong, NOW).high()).isTrue();
    assertThat(report.mailbox(downBriefly, NOW).high()).as("a server restart").isFalse();
    assertThat(report.mailbox(stalled, NOW).high()).isTrue();
    assertThat(report.mailbox(lookedJustNow, NOW).high()).isFalse();
    assertThat(report.mailbox(neverConnected, NOW).high()).isTrue();
    assertThat(report.mailbox(disabled, NOW).high()).isFalse();

    assertThat(problemsOf(report.mailbox(downLong, NOW)))
        .containsExactly(
            "The replies mailbox meetings@example.org on imap.example.org:993 has been unavailable"
                + " for 150 s (more than 120 s): java.net.ConnectException: Connection refused;"
                + " answers from calendars wait there until it is read again");
    assertThat(problemsOf(report.mailbox(stalled, NOW)))
        .containsExactly(
            "The replies reader has not looked into meetings@example.org on"
                + " imap.example.org:993 for 130 s (more than 120 s)");
    assertThat(problemsOf(report.mailbox(downBriefly, NOW))).isEmpty();
    assertThat(problemsOf(report.mailbox(disabled, NOW))).isEmpty();
  }

  private static List<String> problemsOf(FlowHealth.Mailbox mailbox) {
    return FlowHealthReport.problems(
            new FlowHealth.Lag(null, List.of(), 500),
            new FlowHealth.Outbox("OK", null, 0L, 0L, Duration.ofMinutes(1), false),
            new FlowHealth.Owed(0, null, 0, Duration.ofMinutes(5), false),
            new FlowHealth.Sends(Duration.ofMinutes(5), 0, 0, 0, 10, false),
            new FlowHealth.DeadLetters(List.of()),
            mailbox,
            NOW,
            messages)
        .stream()
        .map(Problem::text)
        .toList();
  }

  @Test
  void theJsonCarriesEachProblemAsItsEnglishSentenceForScripts() {
    Problem problem =
        new Problem("health.problem.deadLetters", List.of(3L), "3 dead letters await an operator");

    assertThat(JsonMapper.builder().build().writeValueAsString(List.of(problem)))
        .isEqualTo("[\"3 dead letters await an operator\"]");
  }
}
