package org.convene.notifier.invitation;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.convene.events.links.AnswerLinkToken;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The answer links put in invitations and updates, prefix {@code convene.answers}: the same
 * settings, with the same names, as the scheduler that opens the links reads, so one environment
 * configures both. Checked at start-up; without keys no links are written.
 *
 * @param keys the signing keys: {@code convene.answers.keys[0].id} (letters, digits, {@code -},
 *     {@code _}; at most 32) and {@code convene.answers.keys[0].secret} (at least 32 bytes)
 * @param currentKey the id of the key new links are signed with
 * @param baseUrl where the scheduler's answer pages are reached from outside
 */
@ConfigurationProperties("convene.answers")
record AnswerLinkProperties(
    List<Key> keys, String currentKey, @DefaultValue("http://localhost:8080") URI baseUrl) {

  /** One signing key. */
  record Key(String id, String secret) {

    @Override
    public String toString() {
      return "Key[id=" + id + ", secret=(hidden)]";
    }
  }

  AnswerLinkProperties {
    keys = keys == null ? List.of() : List.copyOf(keys);
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < keys.size(); i++) {
      Key key = keys.get(i);
      if (key == null || !AnswerLinkToken.isKeyId(key.id())) {
        throw new IllegalArgumentException(
            "convene.answers.keys[" + i + "].id must be 1 to 32 letters, digits, '-' or '_'");
      }
      if (key.secret() == null
          || key.secret().getBytes(StandardCharsets.UTF_8).length
              < AnswerLinkToken.MIN_SECRET_BYTES) {
        throw new IllegalArgumentException(
            "convene.answers.keys["
                + i
                + "].secret must have at least "
                + AnswerLinkToken.MIN_SECRET_BYTES
                + " bytes");
      }
      if (!ids.add(key.id())) {
        throw new IllegalArgumentException(
            "convene.answers.keys[" + i + "].id repeats the key id " + key.id());
      }
    }
    if (!keys.isEmpty() && (currentKey == null || !ids.contains(currentKey))) {
      throw new IllegalArgumentException(
          "convene.answers.current-key must name one of convene.answers.keys[*].id, not "
              + currentKey);
    }
    if (baseUrl == null
        || baseUrl.getHost() == null
        || !("http".equals(baseUrl.getScheme()) || "https".equals(baseUrl.getScheme()))) {
      throw new IllegalArgumentException(
          "convene.answers.base-url must be an absolute http or https URL, not " + baseUrl);
    }
  }

  /** No links: the answers feature is not configured. */
  static AnswerLinkProperties off() {
    return new AnswerLinkProperties(List.of(), null, URI.create("http://localhost:8080"));
  }
}
