package org.convene.scheduler.answer;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.convene.events.MeetingId;
import org.convene.events.links.AnswerLinkSettings;
import org.convene.events.links.AnswerLinkToken;
import org.convene.scheduler.meeting.domain.Mailbox;
import org.springframework.stereotype.Component;

/**
 * Issues and checks the tokens of answer links (format: {@link AnswerLinkToken}). A token names a
 * meeting and an invited mailbox, is valid until the meeting ends, and may be used again.
 */
@Component
public class LinkTokens {

  /** What a token turned out to be. */
  public sealed interface Verification {
    /** Signed by a configured key, not expired. */
    record Valid(MeetingId meetingId, Mailbox mailbox, Instant validUntil)
        implements Verification {}

    /** Not a token, signed by no configured key, or changed after signing. */
    record Invalid() implements Verification {}

    /** Genuine, but its time is over. */
    record Expired(MeetingId meetingId) implements Verification {}
  }

  private final Map<String, byte[]> secrets;
  private final String currentKey;
  private final URI baseUrl;
  private final Clock clock;

  LinkTokens(AnswerLinkProperties properties, Clock clock) {
    this.secrets =
        properties.keys().stream()
            .collect(
                Collectors.toUnmodifiableMap(
                    AnswerLinkSettings.Key::id, k -> k.secret().getBytes(StandardCharsets.UTF_8)));
    this.currentKey = properties.currentKey();
    this.baseUrl = properties.baseUrl();
    this.clock = clock;
  }

  public boolean enabled() {
    return !secrets.isEmpty();
  }

  /** A token for {@code mailbox}'s answers to the meeting, signed with the current key. */
  public String issue(MeetingId meetingId, Mailbox mailbox, Instant validUntil) {
    if (!enabled()) {
      throw new IllegalStateException(
          "Answer links are switched off: convene.answers.keys is empty");
    }
    return AnswerLinkToken.sign(
        new AnswerLinkToken.Claims(currentKey, meetingId.toString(), mailbox.address(), validUntil),
        secrets.get(currentKey));
  }

  /** The page a token opens. */
  public URI link(String token) {
    String base = baseUrl.toString().replaceAll("/+$", "");
    return URI.create(base + "/answer/" + token);
  }

  public Verification verify(String token) {
    Optional<AnswerLinkToken.Claims> read = AnswerLinkToken.read(token);
    if (read.isEmpty()) {
      return new Verification.Invalid();
    }
    AnswerLinkToken.Claims claims = read.get();
    byte[] secret = secrets.get(claims.keyId());
    if (secret == null || !AnswerLinkToken.verifies(token, secret)) {
      return new Verification.Invalid();
    }
    MeetingId meetingId;
    Mailbox mailbox;
    try {
      meetingId = MeetingId.parse(claims.meetingId());
      mailbox = Mailbox.of(claims.mailbox());
    } catch (IllegalArgumentException e) {
      return new Verification.Invalid();
    }
    if (!clock.instant().isBefore(claims.validUntil())) {
      return new Verification.Expired(meetingId);
    }
    return new Verification.Valid(meetingId, mailbox, claims.validUntil());
  }
}
