package org.convene.notifier.invitation;

import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

/** Renders an invitation's subject, bodies and calendar description from the mail templates. */
@Component
class InvitationRenderer {

  // Template names are constants: user text never names a template or a fragment.
  static final String SUBJECT = "invitation-subject.txt";
  static final String TEXT = "invitation.txt";
  static final String HTML = "invitation.html";
  static final String DESCRIPTION = "invitation-description.txt";

  private final ITemplateEngine mailTemplateEngine;

  InvitationRenderer(ITemplateEngine mailTemplateEngine) {
    this.mailTemplateEngine = mailTemplateEngine;
  }

  RenderedInvitation render(InvitationView view, Locale locale) {
    Context context = new Context(locale, Map.of("view", view));
    return new RenderedInvitation(
        SafeText.singleLine(mailTemplateEngine.process(SUBJECT, context)),
        mailTemplateEngine.process(TEXT, context),
        mailTemplateEngine.process(HTML, context),
        mailTemplateEngine.process(DESCRIPTION, context).strip());
  }
}
