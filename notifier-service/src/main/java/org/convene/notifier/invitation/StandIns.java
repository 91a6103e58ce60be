package org.convene.notifier.invitation;

import java.util.UUID;
import org.unbescape.html.HtmlEscape;

/**
 * Lets recipients who see the same texts but for their name and role share one rendering: the view
 * is rendered once with stand-ins for those, and each recipient's are put in afterwards, escaped as
 * Thymeleaf's {@code th:text} would have escaped them.
 *
 * <p>That escaping is right only where a stand-in lands in text, between tags: in an attribute, a
 * script or a style, HTML text escaping is not enough. The tests render every template with the
 * stand-ins and fail if one lands anywhere else.
 */
final class StandIns {

  /** Letters, digits and dashes, which no escaping changes and no user text knows. */
  static final String PREFIX = "convene-" + UUID.randomUUID().toString().replace("-", "") + "-";

  static final String RECIPIENT_NAME = PREFIX + "n";

  static final String ROLE_LABEL = PREFIX + "r";

  static final String ROLE_NOTE = PREFIX + "m";

  /**
   * Stand for the recipient's own answer links. They land in {@code href} attributes, which is safe
   * because a link is a URL of the configured base and a base64url token, escaped for HTML.
   */
  static final AnswerLinks.Links ANSWER_LINKS =
      new AnswerLinks.Links(PREFIX + "a", PREFIX + "t", PREFIX + "d");

  private StandIns() {}

  /**
   * The view with stand-ins for the recipient's name and role: the same for all who share the rest.
   */
  static NoticeView shape(NoticeView view) {
    return view.withRecipient(RECIPIENT_NAME, ROLE_LABEL, ROLE_NOTE);
  }

  /** The texts rendered from {@link #shape} with {@code view}'s name and role put in. */
  static RenderedInvitation putIn(RenderedInvitation shared, NoticeView view) {
    return putIn(shared, view, null);
  }

  /**
   * The texts rendered from {@link #shape} (and {@link #ANSWER_LINKS} if {@code links} is given)
   * with {@code view}'s name and role and the recipient's links put in.
   */
  static RenderedInvitation putIn(
      RenderedInvitation shared, NoticeView view, AnswerLinks.Links links) {
    String name = view.recipientName();
    AnswerLinks.Links htmlLinks =
        links == null
            ? null
            : new AnswerLinks.Links(
                HtmlEscape.escapeHtml4Xml(links.accept()),
                HtmlEscape.escapeHtml4Xml(links.tentative()),
                HtmlEscape.escapeHtml4Xml(links.decline()));
    return new RenderedInvitation(
        shared.subject().replace(RECIPIENT_NAME, name),
        putIn(shared.text(), name, view.roleLabel(), view.roleNote(), links),
        // As th:text escapes in HTML mode.
        putIn(
            shared.html(),
            HtmlEscape.escapeHtml4Xml(name),
            HtmlEscape.escapeHtml4Xml(view.roleLabel()),
            HtmlEscape.escapeHtml4Xml(view.roleNote()),
            htmlLinks),
        shared.description());
  }

  /** The text with each stand-in replaced, in one pass: a message's HTML is its longest text. */
  private static String putIn(
      String text, String name, String roleLabel, String roleNote, AnswerLinks.Links links) {
    StringBuilder out = new StringBuilder(text.length() + 256);
    int from = 0;
    for (int at = text.indexOf(PREFIX); at >= 0; at = text.indexOf(PREFIX, from)) {
      out.append(text, from, at);
      char which = text.charAt(at + PREFIX.length());
      out.append(
          switch (which) {
            case 'n' -> name;
            case 'r' -> roleLabel;
            case 'a' -> links.accept();
            case 't' -> links.tentative();
            case 'd' -> links.decline();
            default -> roleNote;
          });
      from = at + PREFIX.length() + 1;
    }
    return out.append(text, from, text.length()).toString();
  }
}
