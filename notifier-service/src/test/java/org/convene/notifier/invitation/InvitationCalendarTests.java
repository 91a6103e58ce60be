package org.convene.notifier.invitation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.data.CalendarOutputter;
import net.fortuna.ical4j.data.ParserException;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Component;
import net.fortuna.ical4j.model.Parameter;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.component.VTimeZone;
import net.fortuna.ical4j.model.property.Attendee;
import net.fortuna.ical4j.validate.ValidationResult;
import org.convene.events.MeetingCancelled;
import org.convene.events.MeetingScheduled;
import org.convene.events.MeetingSnapshot;
import org.convene.events.Participant;
import org.convene.events.ParticipantRole;
import org.convene.events.ParticipantsChanged;
import org.convene.events.Person;
import org.convene.events.SampleEvents;
import org.convene.notifier.NotifierProperties;
import org.junit.jupiter.api.Test;

class InvitationCalendarTests {

  static final NotifierProperties PROPERTIES =
      new NotifierProperties("convene.meeting-events", "meetings@convene.local", "en");
  // A month before the sample meeting. Nothing here reads the real clock (DTSTAMP comes from this
  // one), so the expected dates below are data and hold on whatever day the tests run.
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-26T08:16:00Z"), ZoneOffset.UTC);

  private final InvitationCalendar factory = new InvitationCalendar(PROPERTIES, CLOCK);

  @Test
  void requestCarriesMethodStableUidRevisionAsSequenceAndTheOrganizerMailbox() throws Exception {
    VEvent event = vevent(parse(write(SampleEvents.meetingScheduled())));
    Calendar calendar = parse(write(SampleEvents.meetingScheduled()));

    assertThat(calendar.getProperty(Property.METHOD).orElseThrow().getValue()).isEqualTo("REQUEST");
    assertThat(calendar.getProperty(Property.VERSION).orElseThrow().getValue()).isEqualTo("2.0");
    assertThat(calendar.getProperty(Property.CALSCALE).orElseThrow().getValue())
        .isEqualTo("GREGORIAN");
    assertThat(calendar.getProperty(Property.PRODID).orElseThrow().getValue())
        .isEqualTo(InvitationCalendar.PRODUCT_ID);
    assertThat(value(event, Property.UID))
        .isEqualTo("0b7e6c1e-3f0e-4a51-9d61-2f7a5f1c9a01@convene");
    assertThat(value(event, Property.SEQUENCE)).isEqualTo("1");
    assertThat(value(event, Property.DTSTAMP)).isEqualTo("20261126T081600Z");
    assertThat(value(event, Property.STATUS)).isEqualTo("CONFIRMED");
    assertThat(value(event, Property.SUMMARY)).isEqualTo("2022 theory-discussing meeting");
    assertThat(value(event, Property.LOCATION)).isEqualTo("BAST head office, meeting room 1");
    assertThat(value(event, Property.DESCRIPTION)).isEqualTo("Agenda and more");
    Property organizer = event.getProperty(Property.ORGANIZER).orElseThrow();
    assertThat(organizer.getValue()).isEqualTo("mailto:meetings@convene.local");
    assertThat(parameter(organizer, Parameter.CN)).isEqualTo("BAST General Office");
  }

  @Test
  void startAndEndAreTheSnapshotsWallClockTimesInTheMeetingsZone() throws Exception {
    String ics = write(SampleEvents.meetingScheduled());

    assertThat(ics)
        .contains(
            "DTSTART;TZID=Asia/Shanghai:20261227T090000\r\n",
            "DTEND;TZID=Asia/Shanghai:20261227T113000\r\n");
    VEvent event = vevent(parse(ics));
    assertThat(event.getDateTimeStart().getDate().toString()).startsWith("2026-12-27T09:00+08:00");
  }

  @Test
  void everyParticipantIsOneAttendeeWithRoleNeedsActionAndRsvp() throws Exception {
    VEvent event = vevent(parse(write(SampleEvents.meetingScheduled())));

    List<Attendee> attendees = event.getProperties(Property.ATTENDEE);
    Map<String, String> roles =
        attendees.stream()
            .collect(Collectors.toMap(Property::getValue, a -> parameter(a, Parameter.ROLE)));
    assertThat(roles)
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "mailto:shen.jie@bast.example.org", "CHAIR",
                "mailto:tian.wen@bast.example.org", "REQ-PARTICIPANT",
                "mailto:chen.weicheng@bast.example.org", "REQ-PARTICIPANT",
                "mailto:li.na@bast.example.org", "OPT-PARTICIPANT",
                "mailto:archive@bast.example.org", "NON-PARTICIPANT"));
    assertThat(attendees)
        .allSatisfy(
            attendee -> {
              assertThat(parameter(attendee, Parameter.PARTSTAT)).isEqualTo("NEEDS-ACTION");
              assertThat(parameter(attendee, Parameter.CUTYPE)).isEqualTo("INDIVIDUAL");
              assertThat(parameter(attendee, Parameter.RSVP))
                  .isEqualTo(attendee.getValue().startsWith("mailto:archive") ? "FALSE" : "TRUE");
            });
    assertThat(attendees)
        .extracting(a -> parameter(a, Parameter.CN))
        .containsExactly("Shen Jie", "Tian Wen", "Chen Weicheng", "Li Na", "Archive");
  }

  @Test
  void aCancelledMeetingIsACancelWithStatusCancelledEveryAttendeeAndTheNewSequence()
      throws Exception {
    MeetingCancelled cancelled = SampleEvents.meetingCancelled();
    Calendar built =
        factory.calendarFor(
            NoticeKind.CANCELLATION,
            cancelled,
            cancelled.meeting().participants().get(1),
            "Cancelled");
    Calendar calendar = parse(InvitationCalendar.write(built));
    VEvent event = vevent(calendar);

    assertThat(calendar.getProperty(Property.METHOD).orElseThrow().getValue()).isEqualTo("CANCEL");
    assertThat(value(event, Property.STATUS)).isEqualTo("CANCELLED");
    assertThat(value(event, Property.SEQUENCE)).isEqualTo("6");
    assertThat(value(event, Property.UID))
        .isEqualTo("0b7e6c1e-3f0e-4a51-9d61-2f7a5f1c9a01@convene");
    List<Attendee> attendees = event.getProperties(Property.ATTENDEE);
    assertThat(attendees)
        .hasSize(5)
        .allSatisfy(
            attendee -> {
              assertThat(attendee.getParameter(Parameter.RSVP)).isEmpty();
              assertThat(attendee.getParameter(Parameter.PARTSTAT)).isEmpty();
            });
    assertThat(calendar.getComponents(Component.VTIMEZONE)).hasSize(1);
    assertNoErrors(built.validate());
  }

  @Test
  void aWithdrawnInvitationIsACancelNamingOnlyTheRemovedAttendeeWithoutStatus() throws Exception {
    ParticipantsChanged changed = SampleEvents.participantsChanged();
    Participant archive = changed.removed().getFirst();
    Calendar built = factory.calendarFor(NoticeKind.WITHDRAWAL, changed, archive, "");
    Calendar calendar = parse(InvitationCalendar.write(built));
    VEvent event = vevent(calendar);

    assertThat(calendar.getProperty(Property.METHOD).orElseThrow().getValue()).isEqualTo("CANCEL");
    // RFC 5546, section 3.2.5: STATUS only when the whole event is cancelled.
    assertThat(event.getProperty(Property.STATUS)).isEmpty();
    assertThat(value(event, Property.SEQUENCE)).isEqualTo("5");
    List<Attendee> attendees = event.getProperties(Property.ATTENDEE);
    assertThat(attendees)
        .singleElement()
        .satisfies(
            attendee -> {
              assertThat(attendee.getValue()).isEqualTo("mailto:archive@bast.example.org");
              assertThat(parameter(attendee, Parameter.ROLE)).isEqualTo("NON-PARTICIPANT");
              assertThat(parameter(attendee, Parameter.CN)).isEqualTo("Archive");
            });
    assertNoErrors(built.validate());
  }

  @Test
  void anUpdateIsTheSameRequestWithTheNewRevisionAsSequence() throws Exception {
    VEvent event =
        vevent(
            parse(
                InvitationCalendar.write(
                    factory.calendarFor(
                        NoticeKind.UPDATE,
                        SampleEvents.meetingRescheduled(),
                        SampleEvents.theoryDiscussingMeeting().participants().getFirst(),
                        "x"))));

    assertThat(value(event, Property.SEQUENCE)).isEqualTo("3");
    assertThat(value(event, Property.STATUS)).isEqualTo("CONFIRMED");
    assertThat(value(event, Property.DTSTART)).isEqualTo("20261228T140000");
    assertThat(event.getProperties(Property.ATTENDEE)).hasSize(5);
  }

  @Test
  void
      aCalendarCompletedWithItsDescriptionIsTheCalendarWrittenWholeAndItsDescriptionStaysOneProperty()
          throws Exception {
    String description =
        "Agenda\r\n1. 09:00 Opening; \"quoted\", commas\rEND:VEVENT\nATTENDEE:mailto:evil@example.org\n北京市科学技术协会二〇二二年理论务虚会暨各部门工作计划汇报";
    MeetingScheduled event = SampleEvents.meetingScheduled();
    Participant recipient = event.meeting().participants().getFirst();

    String completed =
        InvitationCalendar.withDescription(
            factory.unfoldedWithoutDescription(NoticeKind.INVITATION, event, recipient),
            description);
    String whole =
        InvitationCalendar.write(
            factory.calendarFor(NoticeKind.INVITATION, event, recipient, description));

    VEvent fromCompleted = vevent(parse(completed));
    VEvent fromWhole = vevent(parse(whole));
    assertThat(fromCompleted.getProperties().stream().map(Property::toString).sorted().toList())
        .isEqualTo(fromWhole.getProperties().stream().map(Property::toString).sorted().toList());
    assertThat(value(fromCompleted, Property.DESCRIPTION))
        .isEqualTo(SafeText.multiLine(description));
    assertThat(fromCompleted.getProperties(Property.ATTENDEE)).hasSize(5);
    assertThat(completed.split("\r\n", -1))
        .allSatisfy(
            line ->
                assertThat(line.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(75));
    assertThat(
            InvitationCalendar.withDescription(
                factory.unfoldedWithoutDescription(NoticeKind.INVITATION, event, recipient), "  "))
        .doesNotContain("DESCRIPTION");
  }

  @Test
  void rolesMapToTheirICalendarRoles() {
    assertThat(InvitationCalendar.roleOf(ParticipantRole.CHAIR).getValue()).isEqualTo("CHAIR");
    assertThat(InvitationCalendar.roleOf(ParticipantRole.VOTING).getValue())
        .isEqualTo("REQ-PARTICIPANT");
    assertThat(InvitationCalendar.roleOf(ParticipantRole.OPTIONAL).getValue())
        .isEqualTo("OPT-PARTICIPANT");
    assertThat(InvitationCalendar.roleOf(ParticipantRole.NON_VOTING).getValue())
        .isEqualTo("OPT-PARTICIPANT");
    assertThat(InvitationCalendar.roleOf(ParticipantRole.INFORMATION).getValue())
        .isEqualTo("NON-PARTICIPANT");
  }

  @Test
  void aMailboxListedTwiceIsOneAttendee() throws Exception {
    List<Participant> participants =
        new ArrayList<>(SampleEvents.theoryDiscussingMeeting().participants());
    participants.add(
        new Participant(
            "Tian Wen again", " Tian.Wen@BAST.example.org ", ParticipantRole.OPTIONAL, "en", null));

    VEvent event =
        vevent(parse(write(scheduled(with(SampleEvents.theoryDiscussingMeeting(), participants)))));

    assertThat(event.getProperties(Property.ATTENDEE)).hasSize(5);
  }

  @Test
  void theCalendarHasAVTimezoneForEveryTzidAndValidates() throws Exception {
    Calendar built = factory.request(SampleEvents.meetingScheduled(), "Agenda");
    Calendar parsed = parse(InvitationCalendar.write(built));

    List<VTimeZone> zones = parsed.getComponents(Component.VTIMEZONE);
    assertThat(zones)
        .extracting(zone -> zone.getTimeZoneId().getValue())
        .containsExactly("Asia/Shanghai");
    assertNoErrors(built.validate());
    assertNoErrors(parsed.validate());
    // The validating outputter only logs what it finds (iCal4j 4); it must write all the same.
    StringWriter validated = new StringWriter();
    new CalendarOutputter(true).output(built, validated);
    assertThat(validated.toString()).contains("METHOD:REQUEST");
  }

  @Test
  void anAliasZoneIsSentUnderTheRegistrysTzidSoThatDtstartNamesTheSentVTimezone() throws Exception {
    MeetingSnapshot meeting = SampleEvents.theoryDiscussingMeeting();
    MeetingSnapshot pacific =
        new MeetingSnapshot(
            meeting.title(),
            meeting.description(),
            meeting.organiser(),
            meeting.start(),
            meeting.end(),
            "US/Pacific",
            meeting.location(),
            meeting.onlineLink(),
            meeting.documents(),
            meeting.participants(),
            meeting.agenda(),
            meeting.status());

    Calendar built = factory.request(scheduled(pacific), "");
    String ics = InvitationCalendar.write(built);

    assertThat(ics)
        .contains(
            "TZID:America/Los_Angeles\r\n", "DTSTART;TZID=America/Los_Angeles:20261227T090000\r\n");
    assertNoErrors(parse(ics).validate());
  }

  @Test
  void anUnknownZoneIsRefusedNamingIt() {
    MeetingSnapshot meeting = SampleEvents.theoryDiscussingMeeting();
    MeetingSnapshot nowhere =
        new MeetingSnapshot(
            meeting.title(),
            meeting.description(),
            meeting.organiser(),
            meeting.start(),
            meeting.end(),
            "Nowhere/Land",
            meeting.location(),
            meeting.onlineLink(),
            meeting.documents(),
            meeting.participants(),
            meeting.agenda(),
            meeting.status());

    assertThatThrownBy(() -> factory.request(scheduled(nowhere), ""))
        .isInstanceOf(UnsendableInvitationException.class)
        .hasMessageContaining("Nowhere/Land");
  }

  @Test
  void userTextWithLineBreaksAndSeparatorsAddsNoPropertiesOrParameters() throws Exception {
    String title =
        "Budget; review, final\r\nATTENDEE;ROLE=CHAIR:mailto:evil@example.org\nEND:VEVENT\rX";
    MeetingSnapshot meeting = SampleEvents.theoryDiscussingMeeting();
    List<Participant> participants = new ArrayList<>(meeting.participants());
    participants.add(
        new Participant(
            "Mallory\r\n\"X\";ROLE=CHAIR:mailto:x@evil.example.org ^^n^'",
            "mallory@example.org",
            ParticipantRole.VOTING,
            "en",
            null));
    MeetingSnapshot hostile =
        new MeetingSnapshot(
            title,
            meeting.description(),
            new Person("Org; \"a\",\r\nb", "office@bast.example.org"),
            meeting.start(),
            meeting.end(),
            meeting.timeZone(),
            "Room 1;\r\nLOCATION:elsewhere",
            meeting.onlineLink(),
            meeting.documents(),
            participants,
            meeting.agenda(),
            meeting.status());

    String ics =
        InvitationCalendar.write(
            factory.request(scheduled(hostile), "Line 1\r\nDTSTART:19700101T000000Z\rLine 3"));
    VEvent event = vevent(parse(ics));

    assertThat(event.getProperties(Property.SUMMARY)).hasSize(1);
    assertThat(value(event, Property.SUMMARY))
        .isEqualTo(
            "Budget; review, final ATTENDEE;ROLE=CHAIR:mailto:evil@example.org END:VEVENT X");
    assertThat(event.getProperties(Property.LOCATION)).hasSize(1);
    assertThat(value(event, Property.LOCATION)).isEqualTo("Room 1; LOCATION:elsewhere");
    assertThat(event.getProperties(Property.DTSTART)).hasSize(1);
    assertThat(value(event, Property.DESCRIPTION))
        .isEqualTo("Line 1\nDTSTART:19700101T000000Z\nLine 3");
    List<Attendee> attendees = event.getProperties(Property.ATTENDEE);
    assertThat(attendees)
        .hasSize(6)
        .extracting(Property::getValue)
        .doesNotContain("mailto:evil@example.org", "mailto:x@evil.example.org");
    Attendee mallory = attendees.get(5);
    assertThat(parameter(mallory, Parameter.CN))
        .isEqualTo("Mallory 'X';ROLE=CHAIR:mailto:x@evil.example.org \u02c6\u02c6n\u02c6'");
    assertThat(parameter(mallory, Parameter.ROLE)).isEqualTo("REQ-PARTICIPANT");
    assertThat(mallory.getParameters(Parameter.ROLE)).hasSize(1);
    assertThat(parameter(event.getProperty(Property.ORGANIZER).orElseThrow(), Parameter.CN))
        .isEqualTo("Org; 'a', b");
    assertThat(ics.lines())
        .noneMatch(line -> line.startsWith("END:VEVENT") && line.length() > "END:VEVENT".length());
  }

  @Test
  void linesAreFoldedAtSeventyFiveOctetsWithoutSplittingACharacter() throws Exception {
    String title =
        "北京市科学技术协会二〇二二年理论务虚会暨各部门工作计划汇报与局级领导建议征集会议 🗓️ with a long English tail to fold as well";
    MeetingSnapshot meeting = SampleEvents.theoryDiscussingMeeting();
    MeetingSnapshot chinese =
        new MeetingSnapshot(
            title,
            meeting.description(),
            new Person("北京市科学技术协会办公室", "office@bast.example.org"),
            meeting.start(),
            meeting.end(),
            meeting.timeZone(),
            meeting.location(),
            meeting.onlineLink(),
            meeting.documents(),
            meeting.participants(),
            meeting.agenda(),
            meeting.status());

    String ics =
        InvitationCalendar.write(factory.request(scheduled(chinese), title + "\n" + title));

    assertThat(ics).endsWith("END:VCALENDAR\r\n");
    assertThat(ics.split("\r\n", -1))
        .allSatisfy(
            line ->
                assertThat(line.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(75));
    assertThat(ics.replace("\r\n", "")).doesNotContain("\r", "\n");
    VEvent event = vevent(parse(ics));
    assertThat(value(event, Property.SUMMARY)).isEqualTo(title);
    assertThat(value(event, Property.DESCRIPTION)).isEqualTo(title + "\n" + title);
    assertThat(parameter(event.getProperty(Property.ORGANIZER).orElseThrow(), Parameter.CN))
        .isEqualTo("北京市科学技术协会办公室");
  }

  @Test
  void anOnlineLinkBecomesTheUrlUnlessItIsNotAWebLink() throws Exception {
    MeetingSnapshot meeting = SampleEvents.theoryDiscussingMeeting();
    MeetingSnapshot online =
        new MeetingSnapshot(
            meeting.title(),
            meeting.description(),
            meeting.organiser(),
            meeting.start(),
            meeting.end(),
            meeting.timeZone(),
            null,
            "https://meet.example.org/j/123?pwd=a&b=c",
            meeting.documents(),
            meeting.participants(),
            meeting.agenda(),
            meeting.status());
    MeetingSnapshot script =
        new MeetingSnapshot(
            meeting.title(),
            meeting.description(),
            meeting.organiser(),
            meeting.start(),
            meeting.end(),
            meeting.timeZone(),
            null,
            "javascript:alert(1)",
            meeting.documents(),
            meeting.participants(),
            meeting.agenda(),
            meeting.status());

    VEvent withLink = vevent(parse(write(scheduled(online))));
    VEvent withScript = vevent(parse(write(scheduled(script))));

    assertThat(value(withLink, Property.URL)).isEqualTo("https://meet.example.org/j/123?pwd=a&b=c");
    assertThat(withLink.getProperty(Property.LOCATION)).isEmpty();
    assertThat(withScript.getProperty(Property.URL)).isEmpty();
  }

  @Test
  void everyMessageGetsAFreshDtstamp() throws Exception {
    InvitationCalendar later =
        new InvitationCalendar(PROPERTIES, Clock.offset(CLOCK, java.time.Duration.ofMinutes(5)));

    assertThat(
            value(
                vevent(
                    parse(
                        InvitationCalendar.write(
                            later.request(SampleEvents.meetingScheduled(), "")))),
                Property.DTSTAMP))
        .isEqualTo("20261126T082100Z");
  }

  private String write(MeetingScheduled event) {
    return InvitationCalendar.write(factory.request(event, "Agenda and more"));
  }

  static Calendar parse(String ics) throws IOException, ParserException {
    return new CalendarBuilder().build(new StringReader(ics));
  }

  static VEvent vevent(Calendar calendar) {
    List<VEvent> events = calendar.getComponents(Component.VEVENT);
    assertThat(events).hasSize(1);
    return events.getFirst();
  }

  private static String value(VEvent event, String property) {
    return event
        .getProperty(property)
        .orElseThrow(() -> new AssertionError("no " + property))
        .getValue();
  }

  static String parameter(Property property, String name) {
    return property.getParameter(name).map(Parameter::getValue).orElse(null);
  }

  private static void assertNoErrors(ValidationResult result) {
    assertThat(result.hasErrors()).as("validation errors: %s", result).isFalse();
  }

  static MeetingScheduled scheduled(MeetingSnapshot meeting) {
    MeetingScheduled sample = SampleEvents.meetingScheduled();
    return new MeetingScheduled(
        sample.eventId(), sample.meetingId(), sample.revision(), sample.occurredAt(), meeting);
  }

  static MeetingSnapshot with(MeetingSnapshot meeting, List<Participant> participants) {
    return new MeetingSnapshot(
        meeting.title(),
        meeting.description(),
        meeting.organiser(),
        meeting.start(),
        meeting.end(),
        meeting.timeZone(),
        meeting.location(),
        meeting.onlineLink(),
        meeting.documents(),
        participants,
        meeting.agenda(),
        meeting.status());
  }
}
