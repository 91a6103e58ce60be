package org.convene.notifier.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class RelayAllowanceReservationTests {

  @Test
  void atARealRelaysRateEachMessageReservesItsOwnSlotJustBeforeItGoes() {
    assertThat(allowance(0.5, 0).reservation(100)).isEqualTo(1);
    assertThat(allowance(50, 0).reservation(100)).isEqualTo(1);
  }

  @Test
  void atAHighRateOneReservationCoversTheSlotsOfAShortSpanNotMoreThanTheBatchNeeds() {
    assertThat(allowance(1000, 0).reservation(100)).isEqualTo(20);
    assertThat(allowance(1000, 0).reservation(7)).isEqualTo(7);
    assertThat(allowance(200, 0).reservation(100)).isEqualTo(4);
  }

  @Test
  void withOnlyADailyLimitTheBatchReservesItsPlaceInTheDaysCountAtOnce() {
    assertThat(allowance(0, 10_000).reservation(100)).isEqualTo(100);
  }

  private static RelayAllowance allowance(double perSecond, int perDay) {
    RelayLimitProperties limits =
        new RelayLimitProperties(
            perSecond,
            perDay,
            ZoneOffset.UTC,
            0.5,
            0,
            Duration.ofSeconds(30),
            Duration.ofSeconds(1));
    return new RelayAllowance(
        limits, "relay:25", new RelayLedger(null), Clock.systemUTC(), new SimpleMeterRegistry());
  }
}
