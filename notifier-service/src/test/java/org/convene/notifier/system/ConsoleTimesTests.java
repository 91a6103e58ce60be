package org.convene.notifier.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** How the console's pages show times: the viewer's zone, to the second, and how long ago. */
class ConsoleTimesTests {

  static final Instant NOW = Instant.parse("2026-12-01T03:00:00.123456789Z");

  final ConsoleTimes shanghai =
      new ConsoleTimes(ZoneId.of("Asia/Shanghai"), Locale.ENGLISH, NOW, ConsoleMessages.create());

  @Test
  void anInstantIsShownInTheViewersZoneToTheSecond() {
    assertThat(shanghai.at(NOW)).isEqualTo("2026-12-01 11:00:00");
    assertThat(
            new ConsoleTimes(ZoneOffset.UTC, Locale.ENGLISH, NOW, ConsoleMessages.create()).at(NOW))
        .isEqualTo("2026-12-01 03:00:00");
    assertThat(shanghai.at(null)).isEqualTo("-");
  }

  @Test
  void agesAreInTheLargestWholeUnitWithProperPlurals() {
    assertThat(shanghai.ago(NOW)).isEqualTo("just now");
    assertThat(shanghai.ago(NOW.minusSeconds(1))).isEqualTo("1 second ago");
    assertThat(shanghai.ago(NOW.minusSeconds(59))).isEqualTo("59 seconds ago");
    assertThat(shanghai.ago(NOW.minus(Duration.ofMinutes(3)).minusSeconds(20)))
        .isEqualTo("3 min ago");
    assertThat(shanghai.ago(NOW.minus(Duration.ofHours(1)))).isEqualTo("1 hour ago");
    assertThat(shanghai.ago(NOW.minus(Duration.ofDays(2)))).isEqualTo("2 days ago");
    assertThat(shanghai.ago(NOW.plus(Duration.ofMinutes(1)))).isEqualTo("in 1 min");
    assertThat(shanghai.atAndAgo(NOW.plus(Duration.ofMinutes(42))))
        .isEqualTo("2026-12-01 11:42:00 (in 42 min)");
  }

  @Test
  void chineseViewersReadTheSameAgesInChinese() {
    ConsoleTimes chinese =
        new ConsoleTimes(
            ZoneId.of("Asia/Shanghai"), Locale.SIMPLIFIED_CHINESE, NOW, ConsoleMessages.create());

    assertThat(chinese.ago(NOW.minus(Duration.ofMinutes(3)))).isEqualTo("3 分钟前");
    assertThat(chinese.ago(NOW.plus(Duration.ofHours(2)))).isEqualTo("2 小时后");
    assertThat(chinese.before(1440)).isEqualTo("提前 1 天");
  }

  @Test
  void aReminderOffsetIsSaidInDaysHoursOrMinutes() {
    assertThat(shanghai.before(1440)).isEqualTo("1 day before");
    assertThat(shanghai.before(2880)).isEqualTo("2 days before");
    assertThat(shanghai.before(120)).isEqualTo("2 hours before");
    assertThat(shanghai.before(90)).isEqualTo("90 min before");
    assertThat(shanghai.before(1)).isEqualTo("1 min before");
    assertThat(shanghai.before(0)).isEqualTo("at the start");
  }
}
