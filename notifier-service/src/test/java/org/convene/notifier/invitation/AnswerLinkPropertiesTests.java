package org.convene.notifier.invitation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.List;
import org.convene.events.links.AnswerLinkSettings;
import org.junit.jupiter.api.Test;

class AnswerLinkPropertiesTests {

  @Test
  void withoutKeysThereAreNoLinks() {
    assertThat(new AnswerLinks(AnswerLinkProperties.off()).enabled()).isFalse();
  }

  @Test
  void aShortSecretAnUnknownCurrentKeyOrARelativeBaseUrlAreRefusedByName() {
    assertThatThrownBy(
            () ->
                new AnswerLinkProperties(
                    List.of(new AnswerLinkSettings.Key("k1", "short")),
                    "k1",
                    URI.create("https://x.org")))
        .hasMessageContaining("convene.answers.keys[0].secret");
    assertThatThrownBy(
            () ->
                new AnswerLinkProperties(
                    List.of(new AnswerLinkSettings.Key("k1", AnswerLinksTests.SECRET)),
                    "k9",
                    URI.create("https://x.org")))
        .hasMessageContaining("convene.answers.current-key");
    assertThatThrownBy(() -> new AnswerLinkProperties(List.of(), null, URI.create("/answer")))
        .hasMessageContaining("convene.answers.base-url");
  }

  @Test
  void secretsAreNeverPrinted() {
    assertThat(AnswerLinksTests.PROPERTIES.toString()).doesNotContain(AnswerLinksTests.SECRET);
  }
}
