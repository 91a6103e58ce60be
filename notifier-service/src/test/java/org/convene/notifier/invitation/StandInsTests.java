package org.convene.notifier.invitation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.attoparser.AbstractMarkupHandler;
import org.attoparser.MarkupParser;
import org.attoparser.ParseException;
import org.attoparser.config.ParseConfiguration;
import org.convene.events.MeetingEvent;
import org.convene.events.Participant;
import org.convene.events.ParticipantsChanged;
import org.convene.events.SampleEvents;
import org.junit.jupiter.api.Test;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.StringTemplateResolver;

/**
 * The stand-ins for a recipient's name and role are put into shared HTML escaped as text; that is
 * safe only where the HTML parser reads them as text. Every HTML template, rendered for every kind
 * of message and every role, is parsed, and each stand-in must be in text outside scripts and
 * styles: not in an attribute, a comment, a script, a style or a declaration.
 */
class StandInsTests {

  private static final List<String> STAND_INS =
      List.of(StandIns.RECIPIENT_NAME, StandIns.ROLE_LABEL, StandIns.ROLE_NOTE);

  @Test
  void inEveryKindOfMessageToEveryRoleTheStandInsLandInTextOnly() throws ParseException {
    MeetingEvent scheduled = SampleEvents.meetingScheduled();
    ParticipantsChanged removal = SampleEvents.participantsChanged();
    List<Notice> notices = new ArrayList<>();
    for (Participant participant : scheduled.meeting().participants()) {
      notices.add(new Notice(NoticeKind.INVITATION, scheduled, participant));
      notices.add(
          Notice.update(
              SampleEvents.agendaChanged(), participant, SampleEvents.theoryDiscussingMeeting()));
      notices.add(
          new Notice(NoticeKind.CANCELLATION, SampleEvents.meetingCancelled(), participant));
      notices.add(Notice.reminder(scheduled, participant, new Notice.Reminder(1, 60)));
    }
    notices.add(new Notice(NoticeKind.WITHDRAWAL, removal, removal.removed().getFirst()));

    for (Notice notice : notices) {
      for (Locale locale : List.of(Locale.ENGLISH, Locale.SIMPLIFIED_CHINESE)) {
        NoticeView shape = StandIns.shape(MailFixtures.VIEWS.of(notice, locale));
        String html = MailFixtures.RENDERER.render(shape, locale, "").html();

        assertThat(html)
            .as("%s to %s", notice.kind(), notice.recipient().name())
            .contains(StandIns.RECIPIENT_NAME, StandIns.ROLE_LABEL);
        assertThat(outsideText(html))
            .as("%s to %s", notice.kind(), notice.recipient().name())
            .isEmpty();
      }
    }
  }

  @Test
  void aTemplateThatPutsTheNameAnywhereButInTextFails() throws ParseException {
    NoticeView shape =
        StandIns.shape(
            MailFixtures.VIEWS.of(
                new Notice(
                    NoticeKind.INVITATION,
                    SampleEvents.meetingScheduled(),
                    SampleEvents.theoryDiscussingMeeting().participants().getFirst()),
                Locale.ENGLISH));

    assertThat(outsideText(render("<p th:text=\"${view.recipientName}\">x</p>", shape))).isEmpty();
    assertThat(outsideText(render("<a href=\"#\" th:title=\"${view.recipientName}\">x</a>", shape)))
        .containsExactly("attribute title of <a>");
    assertThat(outsideText(render("<img th:alt=\"${view.roleLabel}\">", shape)))
        .containsExactly("attribute alt of <img>");
    assertThat(
            outsideText(
                render(
                    "<script th:inline=\"javascript\">var name = [[${view.recipientName}]];</script>",
                    shape)))
        .containsExactly("<script>");
    assertThat(
            outsideText(
                render(
                    "<style th:inline=\"css\">p::before { content: '[(${view.roleNote})]'; }</style>",
                    shape)))
        .containsExactly("<style>");
    assertThat(outsideText("<p>x</p><!-- " + StandIns.RECIPIENT_NAME + " -->"))
        .containsExactly("a comment");
  }

  /** Where, other than in text, the HTML holds a stand-in. */
  static List<String> outsideText(String html) throws ParseException {
    List<String> found = new ArrayList<>();
    Deque<String> open = new ArrayDeque<>();
    new MarkupParser(ParseConfiguration.htmlConfiguration())
        .parse(
            html,
            new AbstractMarkupHandler() {

              private String element = "";

              @Override
              public void handleOpenElementStart(
                  char[] buffer, int offset, int length, int line, int col) {
                element = new String(buffer, offset, length).toLowerCase(Locale.ROOT);
                open.push(element);
              }

              @Override
              public void handleStandaloneElementStart(
                  char[] buffer, int offset, int length, boolean minimized, int line, int col) {
                element = new String(buffer, offset, length).toLowerCase(Locale.ROOT);
              }

              @Override
              public void handleCloseElementStart(
                  char[] buffer, int offset, int length, int line, int col) {
                String name = new String(buffer, offset, length).toLowerCase(Locale.ROOT);
                if (open.contains(name)) {
                  while (!open.pop().equals(name)) {
                    // Elements the HTML closes implicitly.
                  }
                }
              }

              @Override
              public void handleAttribute(
                  char[] buffer,
                  int nameOffset,
                  int nameLength,
                  int nameLine,
                  int nameCol,
                  int operatorOffset,
                  int operatorLength,
                  int operatorLine,
                  int operatorCol,
                  int valueContentOffset,
                  int valueContentLength,
                  int valueOuterOffset,
                  int valueOuterLength,
                  int valueLine,
                  int valueCol) {
                if (holdsStandIn(
                    buffer, nameOffset, valueOuterOffset + valueOuterLength - nameOffset)) {
                  found.add(
                      "attribute "
                          + new String(buffer, nameOffset, nameLength)
                          + " of <"
                          + element
                          + ">");
                }
              }

              @Override
              public void handleText(char[] buffer, int offset, int length, int line, int col) {
                // Script and style are raw text to the parser: HTML escaping does not make them
                // safe.
                String raw =
                    open.stream()
                        .filter(name -> name.equals("script") || name.equals("style"))
                        .findFirst()
                        .orElse(null);
                if (raw != null && holdsStandIn(buffer, offset, length)) {
                  found.add("<" + raw + ">");
                }
              }

              @Override
              public void handleComment(
                  char[] buffer,
                  int contentOffset,
                  int contentLength,
                  int outerOffset,
                  int outerLength,
                  int line,
                  int col) {
                if (holdsStandIn(buffer, outerOffset, outerLength)) {
                  found.add("a comment");
                }
              }

              @Override
              public void handleCDATASection(
                  char[] buffer,
                  int contentOffset,
                  int contentLength,
                  int outerOffset,
                  int outerLength,
                  int line,
                  int col) {
                if (holdsStandIn(buffer, outerOffset, outerLength)) {
                  found.add("a CDATA section");
                }
              }

              @Override
              public void handleDocType(
                  char[] buffer,
                  int keywordOffset,
                  int keywordLength,
                  int keywordLine,
                  int keywordCol,
                  int elementNameOffset,
                  int elementNameLength,
                  int elementNameLine,
                  int elementNameCol,
                  int typeOffset,
                  int typeLength,
                  int typeLine,
                  int typeCol,
                  int publicIdOffset,
                  int publicIdLength,
                  int publicIdLine,
                  int publicIdCol,
                  int systemIdOffset,
                  int systemIdLength,
                  int systemIdLine,
                  int systemIdCol,
                  int internalSubsetOffset,
                  int internalSubsetLength,
                  int internalSubsetLine,
                  int internalSubsetCol,
                  int outerOffset,
                  int outerLength,
                  int outerLine,
                  int outerCol) {
                if (holdsStandIn(buffer, outerOffset, outerLength)) {
                  found.add("the DOCTYPE");
                }
              }
            });
    return found;
  }

  private static boolean holdsStandIn(char[] buffer, int offset, int length) {
    String text = new String(buffer, offset, length);
    return STAND_INS.stream().anyMatch(text::contains);
  }

  /** A template of the test's own, rendered as the mail templates are, with the mail's messages. */
  private static String render(String template, NoticeView view) {
    SpringTemplateEngine engine = new SpringTemplateEngine();
    StringTemplateResolver resolver = new StringTemplateResolver();
    resolver.setTemplateMode(TemplateMode.HTML);
    engine.setTemplateResolver(resolver);
    engine.setTemplateEngineMessageSource(MailFixtures.MESSAGES);
    return engine.process(template, new Context(Locale.ENGLISH, Map.of("view", view)));
  }
}
