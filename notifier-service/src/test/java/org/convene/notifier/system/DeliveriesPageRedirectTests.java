package org.convene.notifier.system;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DeliveriesPageRedirectTests {

  @Test
  void browsersAreSentToThePageWhileScriptsAskingForJsonOrAnythingGetJson() {
    assertThat(
            DeliveriesPageRedirect.wantsHtml(
                "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"))
        .isTrue();
    assertThat(DeliveriesPageRedirect.wantsHtml("application/json")).isFalse();
    assertThat(DeliveriesPageRedirect.wantsHtml("application/json, text/html;q=0.5")).isFalse();
    assertThat(DeliveriesPageRedirect.wantsHtml("*/*")).isFalse();
    assertThat(DeliveriesPageRedirect.wantsHtml(null)).isFalse();
  }
}
