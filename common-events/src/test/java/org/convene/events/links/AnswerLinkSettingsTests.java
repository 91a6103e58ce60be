package org.convene.events.links;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Both services refuse the same bad answer-link settings, naming the setting, never a secret. */
class AnswerLinkSettingsTests {

  static final URI BASE = URI.create("https://convene.example.org");
  static final AnswerLinkSettings.Key OLD =
      new AnswerLinkSettings.Key("k2025", "an older secret of at least 32 bytes!!");
  static final AnswerLinkSettings.Key NEW =
      new AnswerLinkSettings.Key("k2026", "the current secret of at least 32 bytes");

  @Test
  void keysACurrentKeyAmongThemAndAnHttpBaseUrlSwitchLinksOn() {
    AnswerLinkSettings settings = new AnswerLinkSettings(List.of(OLD, NEW), "k2026", BASE);

    assertThat(settings.enabled()).isTrue();
    assertThat(settings.keys()).containsExactly(OLD, NEW);
  }

  @Test
  void withoutKeysLinksAreOffAndNoCurrentKeyIsNeeded() {
    assertThat(new AnswerLinkSettings(null, null, BASE).enabled()).isFalse();
    assertThat(AnswerLinkSettings.off().enabled()).isFalse();
    assertThat(AnswerLinkSettings.off().baseUrl())
        .isEqualTo(URI.create(AnswerLinkSettings.DEFAULT_BASE_URL));
  }

  @Test
  void aShortSecretIsRefusedNamingTheSettingWithoutShowingIt() {
    assertThatIllegalArgumentException()
        .isThrownBy(
            () ->
                new AnswerLinkSettings(
                    List.of(new AnswerLinkSettings.Key("k", "short-secret")), "k", BASE))
        .withMessageContaining("convene.answers.keys[0].secret")
        .withMessageNotContaining("short-secret");
  }

  @Test
  void aBadOrRepeatedKeyIdIsRefusedNamingTheKey() {
    assertThatIllegalArgumentException()
        .isThrownBy(
            () ->
                new AnswerLinkSettings(
                    List.of(new AnswerLinkSettings.Key("bad id", NEW.secret())), "bad id", BASE))
        .withMessageContaining("convene.answers.keys[0].id");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new AnswerLinkSettings(List.of(OLD, OLD), "k2025", BASE))
        .withMessageContaining("convene.answers.keys[1].id");
  }

  @Test
  void aCurrentKeyThatIsNotConfiguredIsRefused() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new AnswerLinkSettings(List.of(OLD, NEW), "k2027", BASE))
        .withMessageContaining("convene.answers.current-key");
  }

  @Test
  void aBaseUrlThatIsNotAnAbsoluteHttpUrlIsRefused() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new AnswerLinkSettings(List.of(), null, URI.create("ftp://x")))
        .withMessageContaining("convene.answers.base-url");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new AnswerLinkSettings(List.of(), null, URI.create("/answer")))
        .withMessageContaining("convene.answers.base-url");
  }

  @Test
  void secretsAreNeverPrinted() {
    assertThat(new AnswerLinkSettings(List.of(NEW), "k2026", BASE).toString())
        .contains("k2026")
        .doesNotContain(NEW.secret());
  }
}
