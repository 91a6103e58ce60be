package org.convene.notifier.invitation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import org.convene.events.AgendaChanged;
import org.convene.events.AgendaItem;
import org.convene.events.MeetingCancelled;
import org.convene.events.MeetingScheduled;
import org.convene.events.MeetingSnapshot;
import org.convene.events.Participant;
import org.convene.events.ParticipantsChanged;
import org.convene.events.Person;
import org.convene.events.ReferenceDocument;
import org.convene.events.SampleEvents;
import org.junit.jupiter.api.Test;

class InvitationRendererTests {

  private final MeetingScheduled event = SampleEvents.meetingScheduled();

  @Test
  void englishInvitationShowsTheRecipientsTimeWithTheMeetingsBesideIt() {
    RenderedInvitation chen =
        render(event, participant("chen.weicheng@bast.example.org"), Locale.ENGLISH);

    assertThat(chen.subject())
        .isEqualTo(
            "Invitation: 2022 theory-discussing meeting @ Sunday, December 27, 2026 02:00–04:30 (Europe/Berlin)");
    assertThat(chen.text())
        .startsWith("Dear Chen Weicheng,\n")
        .contains(
            "When: Sunday, December 27, 2026 02:00–04:30 (Europe/Berlin)\n",
            "Meeting time: Sunday, December 27, 2026 09:00–11:30 (Asia/Shanghai)\n",
            "Where: BAST head office, meeting room 1\n",
            "Your role: Voting member\n");
    assertThat(chen.html())
        .contains(
            "<html lang=\"en\">",
            "<td>Sunday, December 27, 2026 02:00–04:30 (Europe/Berlin)</td>",
            "<td>Sunday, December 27, 2026 09:00–11:30 (Asia/Shanghai)</td>");
  }

  @Test
  void aRecipientInTheMeetingsZoneSeesItOnce() {
    RenderedInvitation tian =
        render(event, participant("tian.wen@bast.example.org"), Locale.ENGLISH);

    assertThat(tian.text())
        .contains("When: Sunday, December 27, 2026 09:00–11:30 (Asia/Shanghai)\n")
        .doesNotContain("Meeting time");
    assertThat(tian.html()).doesNotContain("Meeting time");
  }

  @Test
  void simplifiedChineseInvitationIsWrittenInChinese() {
    RenderedInvitation liNa =
        render(event, participant("li.na@bast.example.org"), Locale.SIMPLIFIED_CHINESE);

    assertThat(liNa.subject())
        .isEqualTo(
            "邀请：2022 theory-discussing meeting @ 2026年12月27日星期日 09:00–11:30 (Asia/Shanghai)");
    assertThat(liNa.text())
        .startsWith("Li Na，您好：\n")
        .contains(
            "时间：2026年12月27日星期日 09:00–11:30 (Asia/Shanghai)\n",
            "您的身份：列席\n",
            "不参加表决",
            "议程（时间为 Asia/Shanghai）\n");
    assertThat(liNa.html())
        .contains(
            "<html lang=\"zh-CN\">",
            "<td class=\"role\">列席</td>",
            "<h2 style=\"font-size: 16px;\">议程（时间为 Asia/Shanghai）</h2>");
  }

  @Test
  void wordingFollowsTheRecipientsRole() {
    assertThat(render(event, participant("shen.jie@bast.example.org"), Locale.ENGLISH).text())
        .contains("Your role: Chair\n", "You chair this meeting.");
    assertThat(render(event, participant("li.na@bast.example.org"), Locale.ENGLISH).text())
        .contains("Your role: Non-voting attendee\n", "You attend without a vote")
        .doesNotContain("voting member");
    RenderedInvitation archive =
        render(event, participant("archive@bast.example.org"), Locale.ENGLISH);
    assertThat(archive.text())
        .contains("Your role: For information\n", "No reply is needed.")
        .doesNotContain("Please reply");
    assertThat(archive.html()).contains("No reply is needed.").doesNotContain("Please reply");
  }

  @Test
  void agendaIsAnOrderedTableWithPresentersAndPlannedStartTimes() {
    RenderedInvitation tian =
        render(event, participant("tian.wen@bast.example.org"), Locale.ENGLISH);

    assertThat(tian.text())
        .contains(
            "Agenda (times in Asia/Shanghai)\n"
                + "1. 09:00 Opening and speech (Shen Jie), 20 min\n"
                + "2. 09:20 Department work plans for 2022 (Tian Wen), 90 min  <- you present this item\n"
                + "   Ten minutes per department\n"
                + "3. 10:50 Suggestions from bureau-level leaders (Chen Weicheng), 40 min\n");
    assertThat(tian.html().replaceAll("\\s+", " "))
        .containsSubsequence(
            "<table class=\"agenda\"",
            "<td style=\"padding: 2px 8px;\">1</td> <td style=\"padding: 2px 8px;\">09:00</td>",
            "<span>Opening and speech</span>",
            ">Shen Jie</td>",
            "<td style=\"padding: 2px 8px;\">2</td> <td style=\"padding: 2px 8px;\">09:20</td>",
            "<span>Department work plans for 2022</span>",
            ">Tian Wen</td>",
            "<td style=\"padding: 2px 8px;\">3</td> <td style=\"padding: 2px 8px;\">10:50</td>",
            ">Chen Weicheng</td>");
    assertThat(tian.description())
        .startsWith(
            "Approach and priorities of BAST's work for 2022.\n\nAgenda (times in Asia/Shanghai)\n1. 09:00 Opening and speech (Shen Jie), 20 min\n")
        .endsWith(
            "Reference documents\n- Work plan 2022 (draft) <https://docs.bast.example.org/plan-2022.pdf>");
  }

  @Test
  void referenceDocumentsAreLinkedOnlyWhenTheyAreWebLinks() {
    MeetingSnapshot meeting = SampleEvents.theoryDiscussingMeeting();
    MeetingScheduled withDocuments =
        InvitationCalendarTests.scheduled(
            new MeetingSnapshot(
                meeting.title(),
                meeting.description(),
                meeting.organiser(),
                meeting.start(),
                meeting.end(),
                meeting.timeZone(),
                meeting.location(),
                "javascript:alert(1)",
                List.of(
                    new ReferenceDocument("Plan", "https://docs.example.org/plan.pdf"),
                    new ReferenceDocument("Rules", "javascript:alert(2)")),
                meeting.participants(),
                meeting.agenda(),
                meeting.status()));

    RenderedInvitation html =
        render(withDocuments, participant("tian.wen@bast.example.org"), Locale.ENGLISH);

    assertThat(html.html())
        .contains("<a href=\"https://docs.example.org/plan.pdf\">Plan</a>", "<span>Rules</span>")
        .doesNotContain("javascript:");
  }

  @Test
  void htmlIsEscapedWhereverUserTextGoes() {
    String script = "<script>alert('x')</script>";
    MeetingScheduled hostile = hostile(script);

    RenderedInvitation rendered =
        render(hostile, hostile.meeting().participants().getFirst(), Locale.ENGLISH);

    assertThat(rendered.html())
        .doesNotContain("<script")
        .contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;");
    assertThat(rendered.text()).contains(script);
  }

  @Test
  void templateSyntaxInUserTextIsPrintedNotEvaluated() {
    String expressions =
        "${7*7} [[${7*7}]] [(${7*7})] #{subject} *{title} __${7*7}__ ${T(java.lang.Runtime).getRuntime().exec('id')}";
    MeetingScheduled hostile = hostile(expressions);

    RenderedInvitation rendered =
        render(hostile, hostile.meeting().participants().getFirst(), Locale.ENGLISH);

    assertThat(rendered.subject()).contains(expressions);
    assertThat(rendered.text()).contains(expressions).doesNotContain("49");
    assertThat(rendered.description()).contains(expressions).doesNotContain("49");
    assertThat(rendered.html())
        .contains("${7*7} [[${7*7}]] [(${7*7})] #{subject} *{title} __${7*7}__")
        .doesNotContain("49");
  }

  @Test
  void theSubjectIsOneLineWhateverTheTitle() {
    RenderedInvitation rendered =
        render(
            hostile("Budget\r\nBcc: everyone@example.org"),
            SampleEvents.theoryDiscussingMeeting().participants().getFirst(),
            Locale.ENGLISH);

    assertThat(rendered.subject())
        .isEqualTo(
            "Invitation: Budget Bcc: everyone@example.org @ Sunday, December 27, 2026 09:00–11:30 (Asia/Shanghai)");
  }

  @Test
  void subjectsSayWhatHappenedInBothLanguages() {
    Participant chen = participant("chen.weicheng@bast.example.org");
    Participant liNa = participant("li.na@bast.example.org");
    AgendaChanged changed = SampleEvents.agendaChanged();
    MeetingCancelled cancelled = SampleEvents.meetingCancelled();

    assertThat(
            render(
                    Notice.update(changed, chen, SampleEvents.theoryDiscussingMeeting()),
                    Locale.ENGLISH)
                .subject())
        .startsWith("Updated: 2022 theory-discussing meeting @ ");
    assertThat(
            render(
                    Notice.update(changed, liNa, SampleEvents.theoryDiscussingMeeting()),
                    Locale.SIMPLIFIED_CHINESE)
                .subject())
        .startsWith("变更：2022 theory-discussing meeting @ ");
    assertThat(
            render(new Notice(NoticeKind.CANCELLATION, cancelled, chen), Locale.ENGLISH).subject())
        .startsWith("Cancelled: 2022 theory-discussing meeting @ ");
    assertThat(
            render(new Notice(NoticeKind.CANCELLATION, cancelled, liNa), Locale.SIMPLIFIED_CHINESE)
                .subject())
        .startsWith("取消：2022 theory-discussing meeting @ ");
    ParticipantsChanged removal = SampleEvents.participantsChanged();
    assertThat(
            render(
                    new Notice(NoticeKind.WITHDRAWAL, removal, removal.removed().getFirst()),
                    Locale.ENGLISH)
                .subject())
        .startsWith("Invitation withdrawn: 2022 theory-discussing meeting @ ");
    assertThat(
            render(
                    new Notice(NoticeKind.WITHDRAWAL, removal, removal.removed().getFirst()),
                    Locale.SIMPLIFIED_CHINESE)
                .subject())
        .startsWith("撤回邀请：2022 theory-discussing meeting @ ");
  }

  @Test
  void anUpdateSaysWhatChangedAndAPresenterSeesTheirItemFirstAndMarked() {
    AgendaChanged changed = SampleEvents.agendaChanged();
    Participant liNa = changed.meeting().participants().get(3);

    RenderedInvitation update =
        render(
            Notice.update(changed, liNa, SampleEvents.theoryDiscussingMeeting()), Locale.ENGLISH);

    assertThat(update.text())
        .containsSubsequence(
            "BAST General Office has changed the following meeting.",
            "What changed for you\n* Item 2 “Suggestions from bureau-level leaders” moved from 10:50 to 09:20\n",
            "What changed\n- Item 3 “Department work plans for 2022” moved from 09:20 to 10:00\n",
            "2. 09:20 Suggestions from bureau-level leaders (Li Na), 40 min  <- you present this item\n");
    assertThat(update.html().replaceAll("\\s+", " "))
        .containsSubsequence(
            "<div class=\"your-changes\"",
                "<li>Item 2 “Suggestions from bureau-level leaders” moved from 10:50 to 09:20</li>",
            "<div class=\"changes\"",
                "<li>Item 3 “Department work plans for 2022” moved from 09:20 to 10:00</li>",
            "<tr class=\"mine\"",
                "<span>Suggestions from bureau-level leaders</span> <em class=\"mine-mark\" style=\"color: #c60;\">(you present this item)</em>");
    assertThat(update.html()).containsOnlyOnce("class=\"mine\"");
  }

  @Test
  void anUpdateMissingARevisionSaysSomeChangesAreNotDescribed() {
    AgendaChanged changed = SampleEvents.agendaChanged();
    Participant chen = changed.meeting().participants().get(2);

    RenderedInvitation gap = render(Notice.update(changed, chen, null), Locale.ENGLISH);
    RenderedInvitation whole =
        render(
            Notice.update(changed, chen, SampleEvents.theoryDiscussingMeeting()), Locale.ENGLISH);
    RenderedInvitation chinese =
        render(Notice.update(changed, chen, null), Locale.SIMPLIFIED_CHINESE);

    assertThat(gap.text())
        .containsSubsequence(
            "What changed\n",
            "- Item 3 “Department work plans for 2022” moved from 02:20 to 03:00\n",
            "- Some earlier changes cannot be described here; the details below are current.\n");
    assertThat(gap.html())
        .contains(
            "<li>Some earlier changes cannot be described here; the details below are current.</li>");
    assertThat(whole.text()).doesNotContain("cannot be described");
    assertThat(chinese.text()).contains("此前的部分变更无法在此列出；以下为最新信息。");
  }

  @Test
  void theChairAloneSeesEveryParticipantWithTheirRole() {
    RenderedInvitation chair =
        render(event, participant("shen.jie@bast.example.org"), Locale.ENGLISH);
    RenderedInvitation member =
        render(event, participant("tian.wen@bast.example.org"), Locale.ENGLISH);

    assertThat(chair.text())
        .contains(
            "Participants\n- Shen Jie, Chair\n- Tian Wen, Voting member\n- Chen Weicheng, Voting member\n"
                + "- Li Na, Non-voting attendee (Deputy section directors)\n- Archive, For information\n");
    assertThat(chair.html().replaceAll("\\s+", " "))
        .contains(
            "<table class=\"participants\"",
            "<td style=\"padding: 2px 8px;\">Li Na</td> <td style=\"padding: 2px 8px;\">Non-voting attendee</td> <td style=\"padding: 2px 8px;\">Deputy section directors</td>");
    assertThat(member.text()).doesNotContain("Participants");
    assertThat(member.html()).doesNotContain("class=\"participants\"");
  }

  @Test
  void aCancellationGivesTheReasonAndAsksForNoReply() {
    RenderedInvitation cancelled =
        render(
            new Notice(
                NoticeKind.CANCELLATION,
                SampleEvents.meetingCancelled(),
                participant("tian.wen@bast.example.org")),
            Locale.SIMPLIFIED_CHINESE);

    assertThat(cancelled.text())
        .contains("BAST General Office 取消了以下会议", "原因：The chair is travelling.")
        .doesNotContain("请通过日历按钮回复", "议程");
    assertThat(cancelled.html())
        .contains("<span>The chair is travelling.</span>")
        .doesNotContain("role-note");
  }

  @Test
  void aWithdrawnInvitationSaysTheMeetingGoesAheadWithoutTheRecipient() {
    ParticipantsChanged removal = SampleEvents.participantsChanged();

    RenderedInvitation withdrawn =
        render(
            new Notice(NoticeKind.WITHDRAWAL, removal, removal.removed().getFirst()),
            Locale.ENGLISH);

    assertThat(withdrawn.text())
        .contains("Dear Archive,", "has withdrawn your invitation", "goes ahead without you")
        .doesNotContain("No reply is needed");
  }

  @Test
  void aReminderSaysHowSoonTheMeetingStartsWithTheRoleAndThePresentersItemsAndAsksForNoReply() {
    RenderedInvitation tian =
        render(reminder(participant("tian.wen@bast.example.org"), 60), Locale.ENGLISH);

    assertThat(tian.subject())
        .isEqualTo(
            "Reminder: 2022 theory-discussing meeting @ Sunday, December 27, 2026 09:00–11:30 (Asia/Shanghai)");
    assertThat(tian.text())
        .startsWith("Dear Tian Wen,\n")
        .contains(
            "A reminder: the following meeting, organised by BAST General Office, starts in 1 hour.\n",
            "Your items\n* Item 2 “Department work plans for 2022” at 09:20 (90 min): you present it\n",
            "When: Sunday, December 27, 2026 09:00–11:30 (Asia/Shanghai)\n",
            "Where: BAST head office, meeting room 1\n",
            "Your role: Voting member\n",
            "You are a voting member of this meeting.\n",
            "Agenda (times in Asia/Shanghai)\n")
        .doesNotContain("Please reply")
        .doesNotContain("What changed");
    assertThat(tian.html())
        .contains("Your items", "you present it", "starts in 1 hour.")
        .doesNotContain("Please reply");
  }

  @Test
  void aRemindersLeadIsInTheLargestWholeUnitAndInTheRecipientsLanguage() {
    Participant chen = participant("chen.weicheng@bast.example.org");
    Participant liNa = participant("li.na@bast.example.org");
    assertThat(render(reminder(chen, 1440), Locale.ENGLISH).text()).contains("starts in 1 day.");
    assertThat(render(reminder(chen, 2880), Locale.ENGLISH).text()).contains("starts in 2 days.");
    assertThat(render(reminder(chen, 120), Locale.ENGLISH).text()).contains("starts in 2 hours.");
    assertThat(render(reminder(chen, 90), Locale.ENGLISH).text()).contains("starts in 90 minutes.");
    assertThat(render(reminder(chen, 0), Locale.ENGLISH).text()).contains("starts now.");
    RenderedInvitation chinese = render(reminder(liNa, 1440), Locale.SIMPLIFIED_CHINESE);
    assertThat(chinese.subject()).startsWith("提醒：2022 theory-discussing meeting @ ");
    assertThat(chinese.text())
        .contains("BAST General Office 组织的以下会议1 天后开始。", "您列席本次会议：可应邀发言，不参加表决，不计入法定人数。")
        .doesNotContain("请通过日历按钮回复");
  }

  @Test
  void anInformationCopysReminderSaysNoReplyIsNeeded() {
    RenderedInvitation archive =
        render(reminder(participant("archive@bast.example.org"), 60), Locale.ENGLISH);
    assertThat(archive.text())
        .contains("This reminder is for your information only. No reply is needed.")
        .doesNotContain("Your items");
  }

  private Notice reminder(Participant recipient, int minutesBefore) {
    return Notice.reminder(event, recipient, new Notice.Reminder(event.revision(), minutesBefore));
  }

  /** Every field a user can write holds {@code text}. */
  private static MeetingScheduled hostile(String text) {
    MeetingSnapshot meeting = SampleEvents.theoryDiscussingMeeting();
    Participant recipient =
        new Participant(
            text, "tian.wen@bast.example.org", meeting.participants().get(1).role(), "en", null);
    return InvitationCalendarTests.scheduled(
        new MeetingSnapshot(
            text,
            text,
            new Person(text, "office@bast.example.org"),
            meeting.start(),
            meeting.end(),
            meeting.timeZone(),
            text,
            null,
            List.of(new ReferenceDocument(text, "https://docs.example.org/x")),
            List.of(recipient),
            List.of(new AgendaItem(text, "tian.wen@bast.example.org", 10, text)),
            meeting.status()));
  }

  private Participant participant(String email) {
    return event.meeting().participants().stream()
        .filter(p -> p.email().equals(email))
        .findFirst()
        .orElseThrow();
  }

  private static RenderedInvitation render(
      MeetingScheduled event, Participant recipient, Locale locale) {
    return render(new Notice(NoticeKind.INVITATION, event, recipient), locale);
  }

  static RenderedInvitation render(Notice notice, Locale locale) {
    return MailFixtures.RENDERER.render(MailFixtures.VIEWS.of(notice, locale), locale);
  }
}
