package org.convene.scheduler.answer.domain;

/**
 * A person's comment on their answer, as it is kept: one line (line breaks and other control
 * characters become spaces, so it can never start a new e-mail header or iCalendar line), blanks
 * collapsed, at most {@value #MAX_LENGTH} characters.
 */
public final class Comment {

  public static final int MAX_LENGTH = 500;

  private Comment() {}

  /** The comment as kept; {@code null} for none. */
  public static String clean(String comment) {
    if (comment == null) {
      return null;
    }
    String line =
        comment
            .replaceAll("[\\p{Cntrl}\\u2028\\u2029\\u0085]", " ")
            .replaceAll("\\s+", " ")
            .strip();
    if (line.isEmpty()) {
      return null;
    }
    if (line.codePointCount(0, line.length()) > MAX_LENGTH) {
      line = line.substring(0, line.offsetByCodePoints(0, MAX_LENGTH - 1)) + "…";
    }
    return line;
  }
}
