package org.convene.notifier.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RelayAllowanceGrantTests {

  private static final long SPACING = Duration.ofSeconds(10).toNanos();

  @Test
  void aDispatcherThatFellBehindSkipsTheSlotsItMissedInsteadOfCatchingUpInABurst() {
    RelayAllowance.Grant grant =
        new RelayAllowance.Grant(5, System.nanoTime() - 25 * SPACING / 10, SPACING, null, 10);

    assertThat(grant.awaitSlot(0)).isEqualTo(2);
  }

  @Test
  void whenEverySlotHasPassedNothingIsSentAndTheMessagesWait() {
    RelayAllowance.Grant grant =
        new RelayAllowance.Grant(2, System.nanoTime() - 10 * SPACING, SPACING, null, 10);

    assertThat(grant.awaitSlot(0)).isEqualTo(-1);
  }

  @Test
  void withoutARateEveryGrantedMessageGoesAtOnce() {
    RelayAllowance.Grant grant = RelayAllowance.Grant.unlimited(2);

    assertThat(grant.awaitSlot(0)).isZero();
    assertThat(grant.awaitSlot(1)).isEqualTo(1);
    assertThat(grant.awaitSlot(2)).isEqualTo(-1);
  }
}
