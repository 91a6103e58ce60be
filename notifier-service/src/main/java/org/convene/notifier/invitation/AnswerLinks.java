package org.convene.notifier.invitation;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import org.convene.events.MeetingEvent;
import org.convene.events.MeetingSnapshot;
import org.convene.events.links.AnswerLinkToken;
import org.springframework.stereotype.Component;

/**
 * Each recipient's own answer links: the scheduler's answer page, {@code
 * <base-url>/answer/<token>}, with the answer preselected ({@code ?answer=ACCEPTED}; the page still
 * asks to confirm, since mail scanners open every link). The token ({@link AnswerLinkToken}) names
 * the meeting and the recipient's mailbox and is valid until the meeting ends.
 */
@Component
public final class AnswerLinks {

  /** The links of one recipient, absolute URLs of letters, digits and {@code -_.:/?=} only. */
  public record Links(String accept, String tentative, String decline) {}

  private final byte[] secret;
  private final String keyId;
  private final String base;

  AnswerLinks(AnswerLinkProperties properties) {
    this.keyId = properties.currentKey();
    this.secret =
        properties.keys().stream()
            .filter(k -> k.id().equals(properties.currentKey()))
            .findFirst()
            .map(k -> k.secret().getBytes(StandardCharsets.UTF_8))
            .orElse(null);
    this.base = properties.baseUrl().toString().replaceAll("/+$", "");
  }

  static AnswerLinks off() {
    return new AnswerLinks(AnswerLinkProperties.off());
  }

  boolean enabled() {
    return secret != null;
  }

  /** The recipient's links for the meeting of the event; empty when links are off. */
  Optional<Links> of(MeetingEvent event, String mailbox) {
    if (!enabled()) {
      return Optional.empty();
    }
    MeetingSnapshot meeting = event.meeting();
    Instant end = meeting.end().atZone(ZoneId.of(meeting.timeZone())).toInstant();
    String token =
        AnswerLinkToken.sign(
            new AnswerLinkToken.Claims(
                keyId, event.meetingId().toString(), Recipients.mailboxKey(mailbox), end),
            secret);
    String page = base + "/answer/" + token + "?answer=";
    return Optional.of(new Links(page + "ACCEPTED", page + "TENTATIVE", page + "DECLINED"));
  }
}
