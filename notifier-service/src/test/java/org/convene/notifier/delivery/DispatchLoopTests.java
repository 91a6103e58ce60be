package org.convene.notifier.delivery;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import org.junit.jupiter.api.Test;

class DispatchLoopTests {

  @Test
  void aPoolTooSmallForTwoConnectionsPerThreadStopsTheStartUpNamingBothSettings() {
    assertThatCode(() -> DispatchLoop.checkPool(24, 3)).doesNotThrowAnyException();
    assertThatCode(() -> DispatchLoop.checkPool(8, 3)).doesNotThrowAnyException();
    assertThatIllegalStateException()
        .isThrownBy(() -> DispatchLoop.checkPool(24, 12))
        .withMessageContaining("spring.datasource.hikari.maximum-pool-size is 24")
        .withMessageContaining("convene.notifier.delivery.threads=12");
  }
}
