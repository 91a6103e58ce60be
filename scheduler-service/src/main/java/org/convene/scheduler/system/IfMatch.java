package org.convene.scheduler.system;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * An {@code If-Match} precondition (RFC 9110, section 13.1.1): {@code *}, or a list of entity tags
 * compared strongly with the resource's ETag, its revision as {@code "3"}. A weak tag such as
 * {@code W/"3"} never matches, since weak comparison is not allowed for {@code If-Match}.
 *
 * @param header the header as sent, for messages
 * @param any whether the header is {@code *}: any current revision matches
 * @param revisions the revisions named by strong tags
 */
public record IfMatch(String header, boolean any, Set<Long> revisions) {

  public IfMatch {
    revisions = Set.copyOf(revisions);
  }

  /** Reads the header; a missing one is refused with 428, a malformed one with 400. */
  public static IfMatch parse(String header) {
    if (header == null || header.isBlank()) {
      throw new PreconditionRequiredException();
    }
    String text = header.strip();
    if (text.equals("*")) {
      return new IfMatch(text, true, Set.of());
    }
    Set<Long> revisions = new LinkedHashSet<>();
    int i = 0;
    boolean expectTag = true;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == ' ' || c == '\t') {
        i++;
      } else if (c == ',' && !expectTag) {
        expectTag = true;
        i++;
      } else if (expectTag && (c == '"' || text.startsWith("W/\"", i))) {
        boolean weak = c == 'W';
        int open = i + (weak ? 2 : 0);
        int close = text.indexOf('"', open + 1);
        if (close < 0) {
          throw malformed();
        }
        String opaque = text.substring(open + 1, close);
        if (!weak) {
          revision(opaque).ifPresent(revisions::add);
        }
        i = close + 1;
        expectTag = false;
      } else {
        throw malformed();
      }
    }
    if (expectTag) {
      throw malformed();
    }
    return new IfMatch(text, false, revisions);
  }

  /** Whether the resource at {@code currentRevision} meets the precondition. */
  public boolean matches(long currentRevision) {
    return any || revisions.contains(currentRevision);
  }

  /** Refuses with 412 unless the resource at {@code currentRevision} meets the precondition. */
  public void check(long currentRevision) {
    if (!matches(currentRevision)) {
      throw new PreconditionFailedException(header, currentRevision);
    }
  }

  private static java.util.Optional<Long> revision(String opaque) {
    if (opaque.isEmpty() || opaque.length() > 18 || !opaque.chars().allMatch(Character::isDigit)) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of(Long.parseLong(opaque));
  }

  private static InvalidRequestException malformed() {
    return new InvalidRequestException(
        "If-Match", "must be * or the meeting's ETag, such as \"3\"");
  }
}
