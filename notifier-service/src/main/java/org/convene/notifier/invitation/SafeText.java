package org.convene.notifier.invitation;

import java.util.regex.Pattern;

/**
 * Makes user text safe for places where a line break would change the structure: e-mail headers,
 * iCalendar parameter values and single-line properties. iCal4j escapes TEXT values and Thymeleaf
 * escapes HTML; this removes what they would pass on or encode badly.
 */
final class SafeText {

  // Every control character (C0, DEL, C1: general category Cc), plus the Unicode line and paragraph
  // separators.
  private static final Pattern LINE_BREAKS_AND_CONTROLS =
      Pattern.compile("[\\p{Cc}\\u2028\\u2029]+");
  private static final Pattern CONTROLS_BUT_NEWLINE_AND_TAB =
      Pattern.compile("[\\p{Cc}\\u2028\\u2029&&[^\\n\\t]]");
  private static final Pattern NEWLINES = Pattern.compile("\\r\\n?|[\\u0085\\u2028\\u2029]");

  private SafeText() {}

  /** The text on one line: line breaks and other control characters become one space. */
  static String singleLine(String text) {
    if (text == null) {
      return "";
    }
    // Names, titles and the like are written for every recipient: skip the regex when there is
    // nothing for it to replace, which is nearly always.
    if (!hasControls(text)) {
      return text.strip();
    }
    return LINE_BREAKS_AND_CONTROLS.matcher(text).replaceAll(" ").strip();
  }

  /** Whether the text holds a character of {@link #LINE_BREAKS_AND_CONTROLS}. */
  private static boolean hasControls(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == 0x2028 || c == 0x2029) {
        return true;
      }
    }
    return false;
  }

  /** Text for several lines: line breaks become {@code \n}, other controls but tab are dropped. */
  static String multiLine(String text) {
    if (text == null) {
      return "";
    }
    return CONTROLS_BUT_NEWLINE_AND_TAB
        .matcher(NEWLINES.matcher(text).replaceAll("\n"))
        .replaceAll("")
        .strip();
  }

  /**
   * An iCalendar parameter value such as CN: one line, without the double quotes that cannot occur
   * in a quoted parameter value (RFC 5545, section 3.1), and without the caret that RFC 6868 makes
   * an escape character. iCal4j writes {@code "} as {@code ^'} and {@code ^} as {@code ^^}, which
   * many clients show as typed and its own parser misreads ({@code ^^n} becomes a line break). Both
   * are display text only, so they become look-alikes.
   */
  static String parameterValue(String text) {
    return singleLine(text).replace('"', '\'').replace('^', '\u02c6');
  }
}
