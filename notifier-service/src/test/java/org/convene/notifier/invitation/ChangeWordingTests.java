package org.convene.notifier.invitation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.convene.events.AgendaChanged;
import org.convene.events.AgendaItem;
import org.convene.events.MeetingEvent;
import org.convene.events.MeetingSnapshot;
import org.convene.events.Participant;
import org.convene.events.ParticipantsChanged;
import org.convene.events.ReferenceDocument;
import org.convene.events.SampleEvents;
import org.junit.jupiter.api.Test;

/** The change lines an update shows, worked out from the meeting as last sent and as it stands. */
class ChangeWordingTests {

  private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

  private final MeetingSnapshot before = SampleEvents.theoryDiscussingMeeting();
  private final AgendaChanged agendaChanged = SampleEvents.agendaChanged();
  private final Participant liNa = participant(before, "li.na@bast.example.org");
  private final Participant tianWen = participant(before, "tian.wen@bast.example.org");
  private final Participant archive = participant(before, "archive@bast.example.org");

  @Test
  void agendaChangesSayWhichItemMovedFromWhenToWhenInTheRecipientsZone() {
    ChangeWording.Lines lines = english(before, agendaChanged.meeting(), archive, BERLIN);
    ChangeWording.Lines chinese =
        chinese(
            before,
            agendaChanged.meeting(),
            participant(before, "shen.jie@bast.example.org"),
            SHANGHAI);

    assertThat(lines.yours()).isEmpty();
    assertThat(lines.others())
        .containsExactly(
            "Item 2 “Suggestions from bureau-level leaders” moved from 03:50 to 02:20",
            "Item 2 “Suggestions from bureau-level leaders”: presenter Chen Weicheng → Li Na",
            "Item 3 “Department work plans for 2022” moved from 02:20 to 03:00",
            "Item 3 “Department work plans for 2022”: 90 min → 60 min");
    assertThat(chinese.others())
        .containsExactly(
            "议题 2“Suggestions from bureau-level leaders”由 10:50 调整至 09:20",
            "议题 2“Suggestions from bureau-level leaders”：报告人 Chen Weicheng → Li Na",
            "议题 3“Department work plans for 2022”由 09:20 调整至 10:00",
            "议题 3“Department work plans for 2022”：时长 90 分钟 → 60 分钟");
  }

  @Test
  void aPresenterSeesTheChangesToTheirOwnItemsFirst() {
    ChangeWording.Lines forLiNa = english(before, agendaChanged.meeting(), liNa, SHANGHAI);
    ChangeWording.Lines forTianWen = chinese(before, agendaChanged.meeting(), tianWen, SHANGHAI);

    assertThat(forLiNa.yours())
        .containsExactly(
            "Item 2 “Suggestions from bureau-level leaders” moved from 10:50 to 09:20",
            "Item 2 “Suggestions from bureau-level leaders”: presenter Chen Weicheng → Li Na");
    assertThat(forLiNa.others())
        .containsExactly(
            "Item 3 “Department work plans for 2022” moved from 09:20 to 10:00",
            "Item 3 “Department work plans for 2022”: 90 min → 60 min");
    assertThat(forTianWen.yours())
        .containsExactly(
            "议题 3“Department work plans for 2022”由 09:20 调整至 10:00",
            "议题 3“Department work plans for 2022”：时长 90 分钟 → 60 分钟");
    // The presenter who lost the item hears about it first too.
    assertThat(
            english(
                    before,
                    agendaChanged.meeting(),
                    participant(before, "chen.weicheng@bast.example.org"),
                    SHANGHAI)
                .yours())
        .contains(
            "Item 2 “Suggestions from bureau-level leaders”: presenter Chen Weicheng → Li Na");
  }

  @Test
  void manyRevisionsReadAsOneListFromTheMeetingAsLastSentToTheMeetingAsItStands() {
    // Since the recipient's last message: the agenda changed, a tea break was added and dropped
    // again, the meeting moved twice, to another room and then a third, and its description
    // changed.
    MeetingSnapshot after =
        Snapshots.of(agendaChanged.meeting())
            .time(LocalDateTime.parse("2026-12-29T14:00"), LocalDateTime.parse("2026-12-29T16:30"))
            .location("Room 3")
            .description("Approach and priorities, revised.")
            .build();

    ChangeWording.Lines lines = english(before, after, archive, SHANGHAI);
    ChangeWording.Lines chinese = chinese(before, after, tianWen, SHANGHAI);

    assertThat(lines.others())
        .containsExactly(
            "Time: Sunday, December 27, 2026 09:00–11:30 (Asia/Shanghai) → Tuesday, December 29, 2026 14:00–16:30 (Asia/Shanghai)",
            "Place: BAST head office, meeting room 1 → Room 3",
            "The description was updated.",
            "Item 2 “Suggestions from bureau-level leaders” moved from 10:50 to 09:20",
            "Item 2 “Suggestions from bureau-level leaders”: presenter Chen Weicheng → Li Na",
            "Item 3 “Department work plans for 2022” moved from 09:20 to 10:00",
            "Item 3 “Department work plans for 2022”: 90 min → 60 min")
        .noneMatch(line -> line.contains("Tea break") || line.contains("Title"));
    assertThat(chinese.others())
        .startsWith(
            "时间：2026年12月27日星期日 09:00–11:30 (Asia/Shanghai) → 2026年12月29日星期二 14:00–16:30 (Asia/Shanghai)",
            "地点：BAST head office, meeting room 1 → Room 3",
            "会议说明已更新。");
  }

  @Test
  void aMeetingMovedAsAWholeSaysSoOnceAndNotForEachItem() {
    MeetingSnapshot after =
        Snapshots.of(before)
            .time(LocalDateTime.parse("2026-12-28T14:00"), LocalDateTime.parse("2026-12-28T16:30"))
            .build();

    assertThat(english(before, after, archive, BERLIN).others())
        .containsExactly(
            "Time: Sunday, December 27, 2026 02:00–04:30 (Europe/Berlin) → Monday, December 28, 2026 07:00–09:30 (Europe/Berlin)");
    assertThat(english(before, before, archive, BERLIN)).isEqualTo(ChangeWording.Lines.NONE);
    assertThat(ChangeSummary.between(before, before).isEmpty()).isTrue();
  }

  @Test
  void participantChangesNameWhoCameWhoLeftAndWhoseRoleChangedTheRecipientsOwnFirst() {
    ParticipantsChanged changed = SampleEvents.participantsChanged();
    Participant chen = participant(changed.meeting(), "chen.weicheng@bast.example.org");

    ChangeWording.Lines forChen = english(before, changed.meeting(), chen, BERLIN);
    ChangeWording.Lines forTian = chinese(before, changed.meeting(), tianWen, SHANGHAI);

    assertThat(forChen.yours()).containsExactly("Your role: Voting member → Optional attendee");
    assertThat(forChen.others())
        .containsExactly("Invited: Zhang Wei (Non-voting attendee)", "No longer invited: Archive");
    assertThat(forTian.yours()).isEmpty();
    assertThat(forTian.others())
        .containsExactly("新增参会人员：Zhang Wei（列席）", "不再参会：Archive", "Chen Weicheng 的身份：表决成员 → 可选参会人");
  }

  @Test
  void someoneRemovedAndInvitedAgainSinceTheLastMessageIsNotMentioned() {
    ParticipantsChanged changed = SampleEvents.participantsChanged();
    List<Participant> back = new ArrayList<>(changed.meeting().participants());
    back.set(2, participant(before, "chen.weicheng@bast.example.org"));
    back.add(archive);
    MeetingSnapshot after = Snapshots.of(changed.meeting()).participants(back).build();

    assertThat(english(before, after, tianWen, SHANGHAI).others())
        .containsExactly("Invited: Zhang Wei (Non-voting attendee)");
  }

  @Test
  void detailsAndItemsAddedRemovedRenamedOrAnnotatedAreSaidInBothLanguages() {
    List<AgendaItem> agenda =
        List.of(
            new AgendaItem(
                "Opening", "shen.jie@bast.example.org", 20, null, before.agenda().get(0).id()),
            new AgendaItem(
                "Department work plans for 2022",
                "tian.wen@bast.example.org",
                90,
                "Five minutes per department",
                before.agenda().get(1).id()),
            new AgendaItem("Tea break", "li.na@bast.example.org", 15, null, "tea"));
    MeetingSnapshot after =
        Snapshots.of(before)
            .title("2022 theory meeting")
            .onlineLink("https://meet.example.org/bast")
            .documents(
                List.of(
                    new ReferenceDocument(
                        "Work plan 2022", "https://docs.bast.example.org/plan-2022-final.pdf")))
            .agenda(agenda)
            .build();

    ChangeWording.Lines lines = english(before, after, archive, SHANGHAI);
    ChangeWording.Lines chinese = chinese(before, after, liNa, SHANGHAI);

    assertThat(lines.others())
        .containsExactly(
            "Title: 2022 theory-discussing meeting → 2022 theory meeting",
            "Online link: (none) → https://meet.example.org/bast",
            "The reference documents were updated.",
            "Item 1 renamed from “Opening and speech” to “Opening”",
            "Item 2 “Department work plans for 2022”: notes updated",
            "Item 3 added: “Tea break” at 10:50, presented by Li Na",
            "Item “Suggestions from bureau-level leaders” removed from the agenda");
    assertThat(chinese.yours()).containsExactly("新增议题 3：“Tea break”，10:50 开始，报告人 Li Na");
    assertThat(chinese.others())
        .containsExactly(
            "标题：2022 theory-discussing meeting → 2022 theory meeting",
            "线上参会链接：（无） → https://meet.example.org/bast",
            "参考文件已更新。",
            "议题 1 更名：“Opening and speech” → “Opening”",
            "议题 2“Department work plans for 2022”：备注已更新",
            "议题“Suggestions from bureau-level leaders”已从议程中删除");
  }

  @Test
  void withoutTheMeetingAsLastSentTheNewestEventsOwnChangeIsSaid() {
    assertThat(
            lines(
                    ChangeSummary.of(agendaChanged),
                    null,
                    agendaChanged.meeting(),
                    archive,
                    BERLIN,
                    Locale.ENGLISH)
                .others())
        .containsExactly(
            "Item 2 “Suggestions from bureau-level leaders” moved from 03:50 to 02:20",
            "Item 2 “Suggestions from bureau-level leaders”: presenter Chen Weicheng → Li Na",
            "Item 3 “Department work plans for 2022” moved from 02:20 to 03:00",
            "Item 3 “Department work plans for 2022”: 90 min → 60 min");
    assertThat(
            lines(
                    ChangeSummary.of(SampleEvents.meetingDetailsChanged()),
                    null,
                    before,
                    tianWen,
                    SHANGHAI,
                    Locale.SIMPLIFIED_CHINESE)
                .others())
        .containsExactly("地点：BAST head office, meeting room 1 → BAST head office, meeting room 3");
    MeetingEvent rescheduled = SampleEvents.meetingRescheduled();
    assertThat(
            lines(
                    ChangeSummary.of(rescheduled),
                    null,
                    rescheduled.meeting(),
                    archive,
                    SHANGHAI,
                    Locale.ENGLISH)
                .others())
        .containsExactly(
            "Time: Sunday, December 27, 2026 09:00–11:30 (Asia/Shanghai) → Monday, December 28, 2026 14:00–16:30 (Asia/Shanghai)");
    ParticipantsChanged changed = SampleEvents.participantsChanged();
    assertThat(
            lines(
                    ChangeSummary.of(changed),
                    null,
                    changed.meeting(),
                    tianWen,
                    SHANGHAI,
                    Locale.SIMPLIFIED_CHINESE)
                .others())
        .containsExactly("新增参会人员：Zhang Wei（列席）", "不再参会：Archive", "Chen Weicheng 的身份：表决成员 → 可选参会人");
    assertThat(ChangeSummary.of(SampleEvents.meetingScheduled()).isEmpty()).isTrue();
  }

  private static ChangeWording.Lines english(
      MeetingSnapshot before, MeetingSnapshot after, Participant recipient, ZoneId zone) {
    return lines(
        ChangeSummary.between(before, after), before, after, recipient, zone, Locale.ENGLISH);
  }

  private static ChangeWording.Lines chinese(
      MeetingSnapshot before, MeetingSnapshot after, Participant recipient, ZoneId zone) {
    return lines(
        ChangeSummary.between(before, after),
        before,
        after,
        recipient,
        zone,
        Locale.SIMPLIFIED_CHINESE);
  }

  private static ChangeWording.Lines lines(
      ChangeSummary summary,
      MeetingSnapshot before,
      MeetingSnapshot after,
      Participant recipient,
      ZoneId zone,
      Locale locale) {
    return ChangeWording.of(summary, before, after, recipient, zone, locale, MailFixtures.MESSAGES);
  }

  private static Participant participant(MeetingSnapshot meeting, String email) {
    return meeting.participants().stream()
        .filter(p -> p.email().equals(email))
        .findFirst()
        .orElseThrow();
  }

  /** A snapshot like another but for what is set. */
  private static final class Snapshots {

    private MeetingSnapshot meeting;

    private Snapshots(MeetingSnapshot meeting) {
      this.meeting = meeting;
    }

    static Snapshots of(MeetingSnapshot meeting) {
      return new Snapshots(meeting);
    }

    Snapshots title(String title) {
      return set(
          title,
          meeting.description(),
          meeting.start(),
          meeting.end(),
          meeting.location(),
          meeting.onlineLink(),
          meeting.documents(),
          meeting.participants(),
          meeting.agenda());
    }

    Snapshots description(String description) {
      return set(
          meeting.title(),
          description,
          meeting.start(),
          meeting.end(),
          meeting.location(),
          meeting.onlineLink(),
          meeting.documents(),
          meeting.participants(),
          meeting.agenda());
    }

    Snapshots time(LocalDateTime start, LocalDateTime end) {
      return set(
          meeting.title(),
          meeting.description(),
          start,
          end,
          meeting.location(),
          meeting.onlineLink(),
          meeting.documents(),
          meeting.participants(),
          meeting.agenda());
    }

    Snapshots location(String location) {
      return set(
          meeting.title(),
          meeting.description(),
          meeting.start(),
          meeting.end(),
          location,
          meeting.onlineLink(),
          meeting.documents(),
          meeting.participants(),
          meeting.agenda());
    }

    Snapshots onlineLink(String link) {
      return set(
          meeting.title(),
          meeting.description(),
          meeting.start(),
          meeting.end(),
          meeting.location(),
          link,
          meeting.documents(),
          meeting.participants(),
          meeting.agenda());
    }

    Snapshots documents(List<ReferenceDocument> documents) {
      return set(
          meeting.title(),
          meeting.description(),
          meeting.start(),
          meeting.end(),
          meeting.location(),
          meeting.onlineLink(),
          documents,
          meeting.participants(),
          meeting.agenda());
    }

    Snapshots participants(List<Participant> participants) {
      return set(
          meeting.title(),
          meeting.description(),
          meeting.start(),
          meeting.end(),
          meeting.location(),
          meeting.onlineLink(),
          meeting.documents(),
          participants,
          meeting.agenda());
    }

    Snapshots agenda(List<AgendaItem> agenda) {
      return set(
          meeting.title(),
          meeting.description(),
          meeting.start(),
          meeting.end(),
          meeting.location(),
          meeting.onlineLink(),
          meeting.documents(),
          meeting.participants(),
          agenda);
    }

    private Snapshots set(
        String title,
        String description,
        LocalDateTime start,
        LocalDateTime end,
        String location,
        String onlineLink,
        List<ReferenceDocument> documents,
        List<Participant> participants,
        List<AgendaItem> agenda) {
      meeting =
          new MeetingSnapshot(
              title,
              description,
              meeting.organiser(),
              start,
              end,
              meeting.timeZone(),
              location,
              onlineLink,
              documents,
              participants,
              agenda,
              meeting.status(),
              meeting.reminderMinutesBefore());
      return this;
    }

    MeetingSnapshot build() {
      return meeting;
    }
  }
}
