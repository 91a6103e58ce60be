package org.convene.scheduler.answer;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.convene.events.MeetingId;
import org.convene.events.links.AnswerLinkSettings;
import org.convene.scheduler.answer.LinkTokens.Verification;
import org.convene.scheduler.meeting.domain.Mailbox;
import org.junit.jupiter.api.Test;

class LinkTokensTests {

  private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
  private static final Instant MEETING_ENDS = Instant.parse("2026-12-27T03:30:00Z");
  private static final MeetingId MEETING = MeetingId.random();
  private static final Mailbox TIAN = Mailbox.of("tian.wen@bast.example.org");
  private static final AnswerLinkSettings.Key OLD =
      new AnswerLinkSettings.Key("k2025", "an older secret of at least 32 bytes!!");
  private static final AnswerLinkSettings.Key NEW =
      new AnswerLinkSettings.Key("k2026", "the current secret of at least 32 bytes");

  private final LinkTokens tokens = tokens(List.of(OLD, NEW), "k2026", NOW);

  @Test
  void anIssuedTokenVerifiesAsItsMeetingAndRecipientAndCanBeUsedAgain() {
    String token = tokens.issue(MEETING, TIAN, MEETING_ENDS);

    Verification expected = new Verification.Valid(MEETING, TIAN, MEETING_ENDS);
    assertThat(tokens.verify(token)).isEqualTo(expected);
    assertThat(tokens.verify(token)).isEqualTo(expected);
    assertThat(tokens.link(token))
        .isEqualTo(URI.create("https://convene.example.org/answer/" + token));
  }

  @Test
  void aTamperedTokenIsInvalid() {
    String token = tokens.issue(MEETING, TIAN, MEETING_ENDS);
    char last = token.charAt(token.length() - 1);
    String tampered = token.substring(0, token.length() - 1) + (last == 'A' ? 'B' : 'A');
    String otherRecipient =
        tokens.issue(MEETING, Mailbox.of("chen.weicheng@bast.example.org"), MEETING_ENDS);
    String spliced =
        otherRecipient.substring(0, otherRecipient.indexOf('.'))
            + token.substring(token.indexOf('.'));

    assertThat(tokens.verify(tampered)).isEqualTo(new Verification.Invalid());
    assertThat(tokens.verify(spliced)).isEqualTo(new Verification.Invalid());
    assertThat(tokens.verify("not-a-token")).isEqualTo(new Verification.Invalid());
    assertThat(tokens.verify("")).isEqualTo(new Verification.Invalid());
  }

  @Test
  void aTokenPastItsTimeHasExpired() {
    String token = tokens.issue(MEETING, TIAN, MEETING_ENDS);

    assertThat(tokens(List.of(OLD, NEW), "k2026", MEETING_ENDS).verify(token))
        .isEqualTo(new Verification.Expired(MEETING));
    assertThat(tokens(List.of(OLD, NEW), "k2026", MEETING_ENDS.minusSeconds(1)).verify(token))
        .isInstanceOf(Verification.Valid.class);
  }

  @Test
  void keysRotateTokensOfAnOlderKeyStayValidWhileItIsConfigured() {
    String signedWithOld = tokens(List.of(OLD), "k2025", NOW).issue(MEETING, TIAN, MEETING_ENDS);

    assertThat(tokens.verify(signedWithOld)).isInstanceOf(Verification.Valid.class);
    assertThat(tokens(List.of(NEW), "k2026", NOW).verify(signedWithOld))
        .isEqualTo(new Verification.Invalid());
  }

  private static LinkTokens tokens(List<AnswerLinkSettings.Key> keys, String current, Instant now) {
    return new LinkTokens(
        new AnswerLinkProperties(keys, current, URI.create("https://convene.example.org/")),
        Clock.fixed(now, ZoneOffset.UTC));
  }
}
