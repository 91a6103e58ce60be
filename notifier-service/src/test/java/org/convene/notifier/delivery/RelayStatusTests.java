package org.convene.notifier.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RelayStatusTests {

  private final RelayStatus relay =
      new RelayStatus(DeliveryTestProperties.withRelayProbeInterval(Duration.ofMillis(300)));

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
    await().atMost(Duration.ofSeconds(2)).until(relay::mayDispatch);
    assertThat(relay.mayDispatch()).as("one probe per interval").isFalse();

    relay.available();

    assertThat(relay.isDown()).isFalse();
    assertThat(relay.mayDispatch()).isTrue();
  }
}
