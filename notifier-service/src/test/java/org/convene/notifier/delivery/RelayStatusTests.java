package org.convene.notifier.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RelayStatusTests {

  private static final Duration INTERVAL = Duration.ofMillis(300);

  // Its own time, moved on by the test: a loaded machine cannot stretch an interval under it.
  private final AtomicLong now = new AtomicLong(123_456_789L);
  private final RelayStatus relay =
      new RelayStatus(DeliveryTestProperties.withRelayProbeInterval(INTERVAL), now::get);

  @Test
  void everyThreadMayDispatchWhileTheServerIsAvailable() {
    assertThat(relay.mayDispatch()).isTrue();
    assertThat(relay.mayDispatch()).isTrue();
    assertThat(relay.isDown()).isFalse();
  }

  @Test
  void whileTheServerIsDownOneThreadPerIntervalProbesIt() {
    relay.unavailable("Connection refused");

    assertThat(relay.isDown()).isTrue();
    assertThat(relay.mayDispatch()).as("not before the interval").isFalse();
    now.addAndGet(INTERVAL.toNanos() - 1);
    assertThat(relay.mayDispatch()).as("not before the interval").isFalse();
    now.addAndGet(1);
    assertThat(relay.mayDispatch()).as("once the interval has passed").isTrue();
    assertThat(relay.mayDispatch()).as("one probe per interval").isFalse();
    now.addAndGet(INTERVAL.toNanos());
    assertThat(relay.mayDispatch()).as("the next interval's probe").isTrue();

    relay.available();

    assertThat(relay.isDown()).isFalse();
    assertThat(relay.mayDispatch()).isTrue();
    assertThat(relay.mayDispatch()).isTrue();
  }
}
