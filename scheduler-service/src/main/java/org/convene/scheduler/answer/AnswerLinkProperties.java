package org.convene.scheduler.answer;

import java.net.URI;
import java.util.List;
import org.convene.events.links.AnswerLinkSettings;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The answer links, prefix {@code convene.answers}. Checked at start-up by {@link
 * AnswerLinkSettings}, as the service that writes the invitations checks the same settings: a bad
 * value stops the service with a message naming the setting. Without keys, answer links are
 * switched off (their pages say so); the service that writes the invitations must be given the same
 * keys to mint links.
 *
 * @param keys the signing keys, by id: {@code convene.answers.keys[0].id} (letters, digits, {@code
 *     -}, {@code _}; at most 32) and {@code convene.answers.keys[0].secret} (at least 32 bytes).
 *     Keep an old key listed while links signed with it may still be used.
 * @param currentKey the id of the key new links are signed with
 * @param baseUrl where the scheduler's pages are reached from outside, for the links in e-mails
 */
@ConfigurationProperties(AnswerLinkSettings.PREFIX)
public record AnswerLinkProperties(
    List<AnswerLinkSettings.Key> keys,
    String currentKey,
    @DefaultValue(AnswerLinkSettings.DEFAULT_BASE_URL) URI baseUrl) {

  public AnswerLinkProperties {
    keys = new AnswerLinkSettings(keys, currentKey, baseUrl).keys();
  }

  /** Whether answer links are switched on. */
  public boolean enabled() {
    return !keys.isEmpty();
  }
}
