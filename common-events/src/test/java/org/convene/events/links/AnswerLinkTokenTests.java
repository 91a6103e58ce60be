package org.convene.events.links;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.convene.events.links.AnswerLinkToken.Claims;
import org.junit.jupiter.api.Test;

class AnswerLinkTokenTests {

  private static final byte[] SECRET =
      "an answer-link secret of 32 bytes!".getBytes(StandardCharsets.UTF_8);
  private static final byte[] OTHER =
      "another answer-link secret, 32 b!".getBytes(StandardCharsets.UTF_8);
  private static final Claims CLAIMS =
      new Claims(
          "k2026",
          "0b7e6c1e-3f0e-4a51-9d61-2f7a5f1c9a01",
          "tian.wen@bast.example.org",
          Instant.parse("2026-12-27T03:30:00Z"));

  @Test
  void aSignedTokenReadsAsItsClaimsAndVerifiesWithItsSecret() {
    String token = AnswerLinkToken.sign(CLAIMS, SECRET);

    assertThat(AnswerLinkToken.read(token)).contains(CLAIMS);
    assertThat(AnswerLinkToken.verifies(token, SECRET)).isTrue();
    assertThat(AnswerLinkToken.verifies(token, OTHER)).isFalse();
  }

  /**
   * Pins the format: a service that mints tokens with its own code must produce exactly this. The
   * expected token was computed independently (Python's hmac and base64 modules).
   */
  @Test
  void theFormatIsThePublishedOne() {
    String token = AnswerLinkToken.sign(CLAIMS, SECRET);

    String payload = token.substring(0, token.indexOf('.'));
    assertThat(new String(java.util.Base64.getUrlDecoder().decode(payload), StandardCharsets.UTF_8))
        .isEqualTo(
            "v1\nk2026\n0b7e6c1e-3f0e-4a51-9d61-2f7a5f1c9a01\n1798342200\ntian.wen@bast.example.org");
    assertThat(token)
        .isEqualTo(
            "djEKazIwMjYKMGI3ZTZjMWUtM2YwZS00YTUxLTlkNjEtMmY3YTVmMWM5YTAxCjE3OTgzNDIyMDAKdGlhbi53ZW5AYmFzdC5leGFtcGxlLm9yZw"
                + ".WG4IuelnBzlyaCNZDYOoTS7-hiMra9usX6Ytt66bizU");
  }

  @Test
  void aTokenWhosePayloadWasChangedDoesNotVerify() {
    String token = AnswerLinkToken.sign(CLAIMS, SECRET);
    Claims forged =
        new Claims("k2026", CLAIMS.meetingId(), "shen.jie@bast.example.org", CLAIMS.validUntil());
    String forgedPayload = AnswerLinkToken.sign(forged, OTHER);
    String spliced =
        forgedPayload.substring(0, forgedPayload.indexOf('.'))
            + token.substring(token.indexOf('.'));

    assertThat(AnswerLinkToken.read(spliced)).contains(forged);
    assertThat(AnswerLinkToken.verifies(spliced, SECRET)).isFalse();
  }

  @Test
  void textThatIsNoTokenReadsAsNothing() {
    assertThat(AnswerLinkToken.read("nonsense")).isEmpty();
    assertThat(AnswerLinkToken.read("a.b")).isEmpty();
    assertThat(AnswerLinkToken.read(null)).isEmpty();
    assertThat(AnswerLinkToken.read("%%%." + "A".repeat(43))).isEmpty();
    assertThat(AnswerLinkToken.verifies("nonsense", SECRET)).isFalse();
  }

  @Test
  void shortSecretsAndBadKeyIdsAreRefused() {
    assertThatThrownBy(() -> AnswerLinkToken.sign(CLAIMS, new byte[16]))
        .hasMessageContaining("32 bytes");
    assertThatThrownBy(
            () -> new Claims("bad id", CLAIMS.meetingId(), CLAIMS.mailbox(), CLAIMS.validUntil()))
        .hasMessageContaining("key id");
    assertThatThrownBy(
            () -> new Claims("k", CLAIMS.meetingId(), "a@b.org\nBcc: x@y.org", CLAIMS.validUntil()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
