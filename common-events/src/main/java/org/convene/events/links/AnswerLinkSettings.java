package org.convene.events.links;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The answer-link settings both services read under {@value #PREFIX}, with the same names, so that
 * one environment configures both: the notifier signs links with the current key, the scheduler
 * verifies them with any configured key. Checked here, once, so that both refuse the same bad
 * values with the same message naming the setting; each service binds them with its own
 * configuration properties and builds this from them.
 *
 * @param keys the signing keys: {@code convene.answers.keys[0].id} (letters, digits, {@code -},
 *     {@code _}; at most 32) and {@code convene.answers.keys[0].secret} (at least {@value
 *     AnswerLinkToken#MIN_SECRET_BYTES} bytes); none switches answer links off
 * @param currentKey the id of the key new links are signed with; one of the keys' ids
 * @param baseUrl where the scheduler's answer pages are reached from outside: an absolute http or
 *     https URL
 * @throws IllegalArgumentException naming the setting whose value is refused, never a secret
 */
public record AnswerLinkSettings(List<Key> keys, String currentKey, URI baseUrl) {

  /** The prefix of the settings in both services. */
  public static final String PREFIX = "convene.answers";

  /** Where the answer pages are when nothing else is configured: a scheduler run locally. */
  public static final String DEFAULT_BASE_URL = "http://localhost:8080";

  /**
   * One signing key.
   *
   * @param id the key id that tokens name
   * @param secret the HMAC secret; never printed
   */
  public record Key(String id, String secret) {

    @Override
    public String toString() {
      return "Key[id=" + id + ", secret=(hidden)]";
    }
  }

  public AnswerLinkSettings {
    keys = keys == null ? List.of() : List.copyOf(keys);
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < keys.size(); i++) {
      Key key = keys.get(i);
      if (key == null || !AnswerLinkToken.isKeyId(key.id())) {
        throw new IllegalArgumentException(
            PREFIX + ".keys[" + i + "].id must be 1 to 32 letters, digits, '-' or '_'");
      }
      if (key.secret() == null
          || key.secret().getBytes(StandardCharsets.UTF_8).length
              < AnswerLinkToken.MIN_SECRET_BYTES) {
        throw new IllegalArgumentException(
            PREFIX
                + ".keys["
                + i
                + "].secret must have at least "
                + AnswerLinkToken.MIN_SECRET_BYTES
                + " bytes");
      }
      if (!ids.add(key.id())) {
        throw new IllegalArgumentException(
            PREFIX + ".keys[" + i + "].id repeats the key id " + key.id());
      }
    }
    if (!keys.isEmpty() && (currentKey == null || !ids.contains(currentKey))) {
      throw new IllegalArgumentException(
          PREFIX + ".current-key must name one of " + PREFIX + ".keys[*].id, not " + currentKey);
    }
    if (baseUrl == null
        || baseUrl.getHost() == null
        || !("http".equals(baseUrl.getScheme()) || "https".equals(baseUrl.getScheme()))) {
      throw new IllegalArgumentException(
          PREFIX + ".base-url must be an absolute http or https URL, not " + baseUrl);
    }
  }

  /** No keys: answer links switched off. */
  public static AnswerLinkSettings off() {
    return new AnswerLinkSettings(List.of(), null, URI.create(DEFAULT_BASE_URL));
  }

  /** Whether answer links are switched on: some key is configured. */
  public boolean enabled() {
    return !keys.isEmpty();
  }
}
