package org.convene.notifier.invitation;

import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

/** Renders a message's subject, bodies and calendar description from the mail templates. */
@Component
class InvitationRenderer {

  // Template names are constants: user text never names a template or a fragment.
  static final String SUBJECT = "notice-subject.txt";
  static final String TEXT = "notice.txt";
  static final String HTML = "notice.html";
  static final String DESCRIPTION = "notice-description.txt";
  static final String ANSWERS_SUBJECT = "answer-notice-subject.txt";
  static final String ANSWERS_TEXT = "answer-notice.txt";
  static final String ANSWERS_HTML = "answer-notice.html";

  private final ITemplateEngine mailTemplateEngine;

  InvitationRenderer(ITemplateEngine mailTemplateEngine) {
    this.mailTemplateEngine = mailTemplateEngine;
  }

  RenderedInvitation render(NoticeView view, Locale locale) {
    return render(view, locale, description(view, locale));
  }

  /**
   * Renders the subject and the bodies; the calendar description is given, rendered before by
   * {@link #description} for this or another recipient who reads the same language in the same
   * zone.
   */
  RenderedInvitation render(NoticeView view, Locale locale, String description) {
    return render(view, locale, description, null);
  }

  /**
   * As {@link #render(NoticeView, Locale, String)}, with the answer links section when {@code
   * answerLinks} is given: the links to print, or stand-ins for them when the rendering is shared.
   */
  RenderedInvitation render(
      NoticeView view, Locale locale, String description, AnswerLinks.Links answerLinks) {
    Context context = context(view, locale);
    if (answerLinks != null) {
      context.setVariable("answer", answerLinks);
    }
    return new RenderedInvitation(
        SafeText.singleLine(mailTemplateEngine.process(SUBJECT, context)),
        mailTemplateEngine.process(TEXT, context),
        mailTemplateEngine.process(HTML, context),
        description);
  }

  /**
   * The calendar DESCRIPTION: the meeting's description, agenda and documents. It depends only on
   * the meeting, the language and the zone, never on who reads it.
   */
  String description(NoticeView view, Locale locale) {
    return mailTemplateEngine.process(DESCRIPTION, context(view, locale)).strip();
  }

  /**
   * Renders a confirmation, quorum alert or nudge, with the reader's answer links when given; it
   * has no calendar, hence no description.
   */
  RenderedInvitation render(AnswerNoticeView view, Locale locale, AnswerLinks.Links answerLinks) {
    Context context = new Context(locale, new java.util.HashMap<>(Map.of("view", view)));
    if (answerLinks != null) {
      context.setVariable("answer", answerLinks);
    }
    return new RenderedInvitation(
        SafeText.singleLine(mailTemplateEngine.process(ANSWERS_SUBJECT, context)),
        mailTemplateEngine.process(ANSWERS_TEXT, context),
        mailTemplateEngine.process(ANSWERS_HTML, context),
        "");
  }

  private static Context context(NoticeView view, Locale locale) {
    return new Context(locale, new java.util.HashMap<>(Map.of("view", view)));
  }
}
