package org.convene.notifier.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RetryBackOffTests {

  private final DeliveryProperties.Retry exact =
      new DeliveryProperties.Retry(Duration.ofSeconds(2), 2.0, Duration.ofMinutes(1), 0.0, 5);

  @Test
  void delaysGrowExponentiallyUpToTheMaximum() {
    RetryBackOff backOff = new RetryBackOff(exact, new SplittableRandom(1));

    assertThat(backOff.delayAfter(1)).isEqualTo(Duration.ofSeconds(2));
    assertThat(backOff.delayAfter(2)).isEqualTo(Duration.ofSeconds(4));
    assertThat(backOff.delayAfter(5)).isEqualTo(Duration.ofSeconds(32));
    assertThat(backOff.delayAfter(6)).isEqualTo(Duration.ofMinutes(1));
    assertThat(backOff.delayAfter(60)).isEqualTo(Duration.ofMinutes(1));
  }

  @Test
  void jitterSpreadsDelaysWithinItsShare() {
    RetryBackOff backOff =
        new RetryBackOff(
            new DeliveryProperties.Retry(
                Duration.ofSeconds(10), 2.0, Duration.ofMinutes(1), 0.2, 5),
            new SplittableRandom(7));

    var delays =
        java.util.stream.IntStream.range(0, 200)
            .mapToObj(i -> backOff.delayAfter(1).toMillis())
            .toList();

    assertThat(delays).allMatch(ms -> ms >= 8_000 && ms <= 12_000);
    assertThat(delays.stream().distinct().count()).isGreaterThan(100);
  }

  @Test
  void aMeetingStartingSoonCapsTheDelayAtAQuarterOfTheTimeLeftButNotBelowTheFirstInterval() {
    RetryBackOff backOff = new RetryBackOff(exact, new SplittableRandom(1));

    assertThat(backOff.delayAfter(6, Duration.ofHours(2))).isEqualTo(Duration.ofMinutes(1));
    assertThat(backOff.delayAfter(6, Duration.ofMinutes(2))).isEqualTo(Duration.ofSeconds(30));
    assertThat(backOff.delayAfter(2, Duration.ofMinutes(2))).isEqualTo(Duration.ofSeconds(4));
    assertThat(backOff.delayAfter(6, Duration.ofSeconds(4))).isEqualTo(Duration.ofSeconds(2));
    assertThat(backOff.delayAfter(6, Duration.ofMinutes(-5))).isEqualTo(Duration.ofSeconds(2));
  }

  @Test
  void givesUpAfterTheConfiguredAttempts() {
    RetryBackOff backOff = new RetryBackOff(exact, new SplittableRandom(1));

    assertThat(backOff.givesUpAfter(4)).isFalse();
    assertThat(backOff.givesUpAfter(5)).isTrue();
  }
}
