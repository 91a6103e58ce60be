package org.convene.scheduler.system;

/** Reads the revision a client expects from an {@code If-Match} header ({@code "3"}, {@code W/"3"} or {@code 3}). */
public final class Revisions {

  private Revisions() {}

  public static long fromIfMatch(String ifMatch) {
    if (ifMatch == null || ifMatch.isBlank()) {
      throw new PreconditionRequiredException();
    }
    String tag = ifMatch.strip();
    if (tag.startsWith("W/")) {
      tag = tag.substring(2);
    }
    if (tag.length() >= 2 && tag.startsWith("\"") && tag.endsWith("\"")) {
      tag = tag.substring(1, tag.length() - 1);
    }
    try {
      long revision = Long.parseLong(tag);
      if (revision >= 1) {
        return revision;
      }
    } catch (NumberFormatException ignored) {
      // answered below
    }
    throw new InvalidRequestException("If-Match", "must be the meeting's ETag, such as \"3\"");
  }
}
