package org.convene.notifier.reminder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReminderTimesTests {

  static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
  static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  static final Duration GRACE = Duration.ofMinutes(10);
  static final Instant NOW = Instant.parse("2026-12-01T08:00:00Z");

  @Test
  void aReminderIsDueAtTheStartInTheMeetingsZoneMinusTheOffset() {
    LocalDateTime start = LocalDateTime.parse("2026-12-27T09:00");

    assertThat(ReminderTimes.dueAt(start, SHANGHAI, 60))
        .isEqualTo(Instant.parse("2026-12-27T00:00:00Z"));
    assertThat(ReminderTimes.dueAt(start, SHANGHAI, 1440))
        .isEqualTo(Instant.parse("2026-12-26T01:00:00Z"));
    assertThat(ReminderTimes.dueAt(start, SHANGHAI, 0))
        .isEqualTo(Instant.parse("2026-12-27T01:00:00Z"));
    assertThat(ReminderTimes.dueAt(start, BERLIN, 15))
        .isEqualTo(Instant.parse("2026-12-27T07:45:00Z"));
  }

  @Test
  void aDayBeforeIsTwentyFourHoursBeforeAcrossTheChangeToSummerTime() {
    // Berlin moves from CET (+01:00) to CEST (+02:00) at 02:00 on 29 March 2026.
    Instant due = ReminderTimes.dueAt(LocalDateTime.parse("2026-03-29T10:00"), BERLIN, 1440);

    assertThat(due).isEqualTo(Instant.parse("2026-03-28T08:00:00Z"));
    assertThat(due.atZone(BERLIN).toLocalDateTime())
        .isEqualTo(LocalDateTime.parse("2026-03-28T09:00"));
  }

  @Test
  void aDayBeforeIsTwentyFourHoursBeforeAcrossTheChangeBackToWinterTime() {
    // Berlin moves from CEST back to CET at 03:00 on 25 October 2026.
    Instant due = ReminderTimes.dueAt(LocalDateTime.parse("2026-10-25T10:00"), BERLIN, 1440);

    assertThat(due).isEqualTo(Instant.parse("2026-10-24T09:00:00Z"));
    assertThat(due.atZone(BERLIN).toLocalDateTime())
        .isEqualTo(LocalDateTime.parse("2026-10-24T11:00"));
  }

  @Test
  void aStartInTheSpringGapIsTheSameWallClockTimeAfterTheGap() {
    // 02:30 does not exist on 29 March 2026 in Berlin: it is read as 03:30 CEST (01:30Z).
    assertThat(ReminderTimes.dueAt(LocalDateTime.parse("2026-03-29T02:30"), BERLIN, 60))
        .isEqualTo(Instant.parse("2026-03-29T00:30:00Z"));
  }

  @Test
  void aStartInTheAutumnOverlapIsItsFirstOccurrence() {
    // 02:30 happens twice on 25 October 2026 in Berlin: first in CEST (00:30Z), then in CET
    // (01:30Z).
    assertThat(ReminderTimes.dueAt(LocalDateTime.parse("2026-10-25T02:30"), BERLIN, 60))
        .isEqualTo(Instant.parse("2026-10-24T23:30:00Z"));
  }

  @Test
  void aReminderAheadFiresWhenDue() {
    Instant due = NOW.plusSeconds(1);

    assertThat(ReminderTimes.fireAt(due, NOW, GRACE)).contains(due);
  }

  @Test
  void aReminderPastByNoMoreThanTheGraceFiresAtOnce() {
    assertThat(ReminderTimes.fireAt(NOW, NOW, GRACE)).contains(NOW);
    assertThat(ReminderTimes.fireAt(NOW.minusSeconds(1), NOW, GRACE)).contains(NOW);
    assertThat(ReminderTimes.fireAt(NOW.minus(GRACE), NOW, GRACE)).contains(NOW);
  }

  @Test
  void aReminderPastByMoreThanTheGraceIsSkipped() {
    assertThat(ReminderTimes.fireAt(NOW.minus(GRACE).minusMillis(1), NOW, GRACE)).isEmpty();
    assertThat(ReminderTimes.fireAt(NOW.minus(Duration.ofDays(1)), NOW, GRACE)).isEmpty();
  }

  @Test
  void withoutGraceOnlyRemindersAheadOrDueThisInstantFire() {
    assertThat(ReminderTimes.fireAt(NOW, NOW, Duration.ZERO)).contains(NOW);
    assertThat(ReminderTimes.fireAt(NOW.minusMillis(1), NOW, Duration.ZERO)).isEmpty();
  }

  @Test
  void aReminderFiredLaterThanTheGraceIsMissed() {
    Instant due = NOW;

    assertThat(ReminderTimes.missed(due, due, GRACE)).isFalse();
    assertThat(ReminderTimes.missed(due, due.plus(GRACE), GRACE)).isFalse();
    assertThat(ReminderTimes.missed(due, due.plus(GRACE).plusMillis(1), GRACE)).isTrue();
    // Fired early (a clock a little ahead of another node's): in time.
    assertThat(ReminderTimes.missed(due, due.minusSeconds(1), GRACE)).isFalse();
  }

  @Test
  void failedHandOversAreTriedAgainSeveralTimesWithinTheGrace() {
    assertThat(ReminderTimes.retryInterval(Duration.ofMinutes(10)))
        .isEqualTo(Duration.ofMinutes(1));
    assertThat(ReminderTimes.retryInterval(Duration.ofMinutes(2)))
        .isEqualTo(Duration.ofSeconds(24));
    assertThat(ReminderTimes.retryInterval(Duration.ofSeconds(2))).isEqualTo(Duration.ofSeconds(1));
    assertThat(ReminderTimes.retryInterval(Duration.ZERO)).isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void theMeetingsOwnOffsetsWinOverTheDefaultsLargestFirstAndEachOnce() {
    assertThat(ReminderTimes.minutesBefore(List.of(15, 1440, 60, 15), List.of(1440, 60)))
        .containsExactly(1440, 60, 15);
    assertThat(ReminderTimes.minutesBefore(List.of(), List.of(60, 1440))).containsExactly(1440, 60);
    assertThat(ReminderTimes.minutesBefore(List.of(0), List.of(1440))).containsExactly(0);
  }

  @Test
  void aNegativeOffsetIsRefusedNamingIt() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> ReminderTimes.minutesBefore(List.of(60, -5), List.of()))
        .withMessageContaining("-5");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> ReminderTimes.minutesBefore(Arrays.asList(60, null), List.of()))
        .withMessageContaining("null");
  }
}
