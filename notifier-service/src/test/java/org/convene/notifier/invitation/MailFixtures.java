package org.convene.notifier.invitation;

import jakarta.mail.Session;
import java.util.Map;
import java.util.Properties;
import org.convene.notifier.NotifierProperties;
import org.springframework.context.support.ResourceBundleMessageSource;

/** The invitation package's parts wired as the application wires them, with a fixed clock. */
final class MailFixtures {

  static final Session SESSION = Session.getInstance(new Properties());
  static final ResourceBundleMessageSource MESSAGES = InvitationConfiguration.newMailMessages();
  static final InvitationRenderer RENDERER =
      new InvitationRenderer(InvitationConfiguration.newMailTemplateEngine(MESSAGES));
  static final NoticeViews VIEWS = new NoticeViews(MESSAGES);

  private MailFixtures() {}

  static InvitationMailer mailer(NotifierProperties properties) {
    return mailer(properties, meetingId -> Map.of());
  }

  static InvitationMailer mailer(NotifierProperties properties, KnownAnswers knownAnswers) {
    return new InvitationMailer(
        SESSION,
        new InvitationCalendar(properties, InvitationCalendarTests.CLOCK),
        RENDERER,
        VIEWS,
        properties,
        InvitationCalendarTests.CLOCK,
        AnswerLinks.off(),
        knownAnswers);
  }

  static InvitationMailer mailer() {
    return mailer(InvitationCalendarTests.PROPERTIES);
  }
}
