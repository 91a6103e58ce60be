package org.convene.notifier.invitation;

import java.util.regex.Pattern;

/**
 * Makes user text safe for places where a line break would change the structure: e-mail
 * headers, iCalendar parameter values and single-line properties. iCal4j escapes TEXT values and
 * Thymeleaf escapes HTML; this removes what they would pass on or encode badly.
 */
final class SafeText {

  // Every control character (C0, DEL, C1: general category Cc), plus the Unicode line and paragraph separators.
  private static final Pattern LINE_BREAKS_AND_CONTROLS = Pattern.compile("[\\p{Cc}\\u2028\\u2029]+");
  private static final Pattern CONTROLS_BUT_NEWLINE_AND_TAB = Pattern.compile("[\\p{Cc}\\u2028\\u2029&&[^\\n\\t]]");
  private static final Pattern NEWLINES = Pattern.compile("\\r\\n?|[\\u0085\\u2028\\u2029]");

  private SafeText() {}

  /** The text on one line: line breaks and other control characters become one space. */
  static String singleLine(String text) {
    if (text == null) {
      return "";
    }
    return LINE_BREAKS_AND_CONTROLS.matcher(text).replaceAll(" ").strip();
  }

  /** Text for several lines: line breaks become {@code \n}, other controls but tab are dropped. */
  static String multiLine(String text) {
    if (text == null) {
      return "";
    }
    return CONTROLS_BUT_NEWLINE_AND_TAB.matcher(NEWLINES.matcher(text).replaceAll("\n")).replaceAll("").strip();
  }

  /**
   * An iCalendar parameter value such as CN: one line, without the double quotes that cannot occur
   * in a quoted parameter value (RFC 5545, section 3.1), and without the caret that RFC 6868 makes
   * an escape character. iCal4j writes {@code "} as {@code ^'} and {@code ^} as {@code ^^}, which
   * many clients show as typed and its own parser misreads ({@code ^^n} becomes a line break).
   * Both are display text only, so they become look-alikes.
   */
  static String parameterValue(String text) {
    return singleLine(text).replace('"', '\'').replace('^', '\u02c6');
  }
}
