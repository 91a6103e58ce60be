package org.convene.notifier.invitation;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import org.convene.notifier.NotifierProperties;

/**
 * The invitation package's stages one at a time, for the benchmark ({@code bench.InviteBenchmark}):
 * each message rendered on its own, nothing shared between recipients, and the MIME message written
 * from texts rendered before.
 */
public final class InvitationBench {

  private final InvitationMailer mailer;
  private final InvitationCalendar calendar;

  public InvitationBench(Session session, NotifierProperties properties, Clock clock) {
    this.calendar = new InvitationCalendar(properties, clock);
    this.mailer =
        new InvitationMailer(
            session,
            calendar,
            MailFixtures.RENDERER,
            MailFixtures.VIEWS,
            properties,
            clock,
            AnswerLinks.off(),
            meetingId -> Map.of());
  }

  /** One recipient's texts and calendar, as the notifier would send them. */
  public record Rendered(Notice notice, RenderedInvitation texts, byte[] ics) {}

  /**
   * Renders everything for one recipient from scratch: view, subject, bodies, description,
   * calendar.
   */
  public Rendered render(Notice notice) {
    Locale locale = mailer.localeOf(notice.recipient());
    NoticeView view = MailFixtures.VIEWS.of(notice, locale);
    RenderedInvitation texts = MailFixtures.RENDERER.render(view, locale);
    String ics =
        InvitationCalendar.write(
            calendar.calendarFor(
                notice.kind(), notice.event(), notice.recipient(), texts.description()));
    return new Rendered(notice, texts, InvitationMailer.base64(ics));
  }

  /** Writes the MIME message of texts rendered before. */
  public MimeMessage mime(Rendered rendered) {
    return mailer.message(rendered.notice(), rendered.texts(), rendered.ics());
  }

  /** The whole of the notifier's writing, batch caches included. */
  public InvitationMailer mailer() {
    return mailer;
  }
}
