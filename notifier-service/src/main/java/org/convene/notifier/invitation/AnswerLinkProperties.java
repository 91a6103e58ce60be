package org.convene.notifier.invitation;

import java.net.URI;
import java.util.List;
import org.convene.events.links.AnswerLinkSettings;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The answer links put in invitations and updates, prefix {@code convene.answers}: the same
 * settings, with the same names, as the scheduler that opens the links reads, so one environment
 * configures both, checked by the same {@link AnswerLinkSettings} at start-up; without keys no
 * links are written.
 *
 * @param keys the signing keys: {@code convene.answers.keys[0].id} (letters, digits, {@code -},
 *     {@code _}; at most 32) and {@code convene.answers.keys[0].secret} (at least 32 bytes)
 * @param currentKey the id of the key new links are signed with
 * @param baseUrl where the scheduler's answer pages are reached from outside
 */
@ConfigurationProperties(AnswerLinkSettings.PREFIX)
record AnswerLinkProperties(
    List<AnswerLinkSettings.Key> keys,
    String currentKey,
    @DefaultValue(AnswerLinkSettings.DEFAULT_BASE_URL) URI baseUrl) {

  AnswerLinkProperties {
    keys = new AnswerLinkSettings(keys, currentKey, baseUrl).keys();
  }

  /** No links: the answers feature is not configured. */
  static AnswerLinkProperties off() {
    AnswerLinkSettings off = AnswerLinkSettings.off();
    return new AnswerLinkProperties(off.keys(), off.currentKey(), off.baseUrl());
  }
}
