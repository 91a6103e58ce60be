package org.convene.notifier.invitation;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Parameter;
import net.fortuna.ical4j.model.ParameterList;
import net.fortuna.ical4j.model.TimeZone;
import net.fortuna.ical4j.model.TimeZoneRegistry;
import net.fortuna.ical4j.model.TimeZoneRegistryFactory;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.component.VTimeZone;
import net.fortuna.ical4j.model.parameter.Cn;
import net.fortuna.ical4j.model.parameter.CuType;
import net.fortuna.ical4j.model.parameter.PartStat;
import net.fortuna.ical4j.model.parameter.Role;
import net.fortuna.ical4j.model.parameter.Rsvp;
import net.fortuna.ical4j.model.property.Attendee;
import net.fortuna.ical4j.model.property.Description;
import net.fortuna.ical4j.model.property.DtEnd;
import net.fortuna.ical4j.model.property.DtStamp;
import net.fortuna.ical4j.model.property.DtStart;
import net.fortuna.ical4j.model.property.Location;
import net.fortuna.ical4j.model.property.Method;
import net.fortuna.ical4j.model.property.Organizer;
import net.fortuna.ical4j.model.property.ProdId;
import net.fortuna.ical4j.model.property.Sequence;
import net.fortuna.ical4j.model.property.Summary;
import net.fortuna.ical4j.model.property.Uid;
import net.fortuna.ical4j.model.property.Url;
import net.fortuna.ical4j.model.property.immutable.ImmutableCalScale;
import net.fortuna.ical4j.model.property.immutable.ImmutableMethod;
import net.fortuna.ical4j.model.property.immutable.ImmutableStatus;
import net.fortuna.ical4j.model.property.immutable.ImmutableVersion;
import org.convene.events.Answer;
import org.convene.events.MeetingEvent;
import org.convene.events.MeetingId;
import org.convene.events.MeetingSnapshot;
import org.convene.events.Participant;
import org.convene.events.ParticipantRole;
import org.convene.notifier.NotifierProperties;
import org.springframework.stereotype.Component;

/**
 * Builds the iTIP REQUEST and CANCEL (RFC 5546) for a meeting: one VEVENT whose UID stays the same
 * for the meeting's whole life and whose SEQUENCE is the meeting's revision, the participants as
 * ATTENDEEs (in a REQUEST with each one's answer, as far as it is known and still stands), and a
 * VTIMEZONE for every TZID it uses.
 */
@Component
class InvitationCalendar {

  static final String PRODUCT_ID = "-//Convene//Convene Notifier//EN";
  static final String UID_DOMAIN = "convene";

  /** RFC 5545, section 3.1: lines SHOULD NOT be longer than 75 octets, excluding the line break. */
  private static final int MAX_LINE_OCTETS = 75;

  private static final String CRLF = "\r\n";
  private static final String END_VEVENT = "END:VEVENT" + CRLF;

  private final TimeZoneRegistry registry = TimeZoneRegistryFactory.getInstance().createRegistry();
  private final Map<String, VTimeZone> timeZones = new ConcurrentHashMap<>();
  private final Clock clock;
  private final URI organizerMailbox;

  InvitationCalendar(NotifierProperties properties, Clock clock) {
    this.clock = clock;
    this.organizerMailbox = mailto(properties.mailbox());
  }

  /** The stable iCalendar UID of a meeting. */
  static String uidOf(MeetingId meetingId) {
    return meetingId + "@" + UID_DOMAIN;
  }

  /**
   * The REQUEST for the meeting as it stands after {@code event}, nobody's answer known.
   *
   * @param description the DESCRIPTION text, already rendered in the recipient's language
   */
  Calendar request(MeetingEvent event, String description) {
    return request(event, description, Map.of());
  }

  /**
   * The REQUEST for the meeting as it stands after {@code event}, each ATTENDEE with their answer
   * as {@code PARTSTAT}, so that calendars show who accepted; those not in {@code answers} are
   * asked ({@code NEEDS-ACTION}).
   *
   * @param answers the answers that stand at the meeting's time, by mailbox key ({@link
   *     KnownAnswers#standingAt})
   */
  Calendar request(MeetingEvent event, String description, Map<String, Answer> answers) {
    VEvent vevent = meetingEvent(event, description);
    vevent.add(ImmutableStatus.VEVENT_CONFIRMED);
    for (Participant participant : Recipients.of(event.meeting())) {
      vevent.add(
          attendee(participant, true, answers.get(Recipients.mailboxKey(participant.email()))));
    }
    return calendar(ImmutableMethod.REQUEST, vevent);
  }

  /**
   * The CANCEL of the meeting for {@code attendees}, with the event's revision as SEQUENCE, which
   * is higher than that of every REQUEST sent before.
   *
   * @param wholeMeeting whether the meeting is called off ({@code STATUS:CANCELLED}, every
   *     participant an ATTENDEE) rather than only {@code attendees} uninvited, which RFC 5546
   *     (section 3.2.5) sends without STATUS
   */
  Calendar cancel(
      MeetingEvent event, List<Participant> attendees, boolean wholeMeeting, String description) {
    VEvent vevent = meetingEvent(event, description);
    if (wholeMeeting) {
      vevent.add(ImmutableStatus.VEVENT_CANCELLED);
    }
    for (Participant participant : attendees) {
      vevent.add(attendee(participant, false, null));
    }
    return calendar(ImmutableMethod.CANCEL, vevent);
  }

  /** The calendar for {@code kind}: {@code recipient} is the one attendee of a withdrawal. */
  Calendar calendarFor(
      NoticeKind kind, MeetingEvent event, Participant recipient, String description) {
    return calendarFor(kind, event, recipient, description, Map.of());
  }

  /**
   * As {@link #calendarFor(NoticeKind, MeetingEvent, Participant, String)}, a REQUEST with the
   * answers that stand, by mailbox key.
   */
  Calendar calendarFor(
      NoticeKind kind,
      MeetingEvent event,
      Participant recipient,
      String description,
      Map<String, Answer> answers) {
    return switch (kind) {
      case INVITATION, UPDATE -> request(event, description, answers);
      case CANCELLATION -> cancel(event, Recipients.of(event.meeting()), true, description);
      case WITHDRAWAL -> cancel(event, List.of(recipient), false, description);
      case REMINDER, CONFIRMATION, QUORUM_ALERT, NUDGE ->
          throw new IllegalArgumentException("A " + kind + " carries no calendar");
    };
  }

  private VEvent meetingEvent(MeetingEvent event, String description) {
    MeetingSnapshot meeting = event.meeting();
    VTimeZone meetingTimeZone = timeZone(meeting.timeZone());
    // The registry's TZID, not the event's spelling: an alias such as US/Pacific is filed under
    // America/Los_Angeles, and DTSTART's TZID must name the VTIMEZONE that is sent.
    ZoneId zone = zoneOf(meetingTimeZone);

    VEvent vevent = new VEvent(false);
    vevent.add(new DtStamp(clock.instant()));
    vevent.add(new Uid(uidOf(event.meetingId())));
    vevent.add(new Sequence((int) Math.min(event.revision(), Integer.MAX_VALUE)));
    vevent.add(new DtStart<>(meeting.start().atZone(zone)));
    vevent.add(new DtEnd<>(meeting.end().atZone(zone)));
    vevent.add(new Summary(SafeText.singleLine(meeting.title())));
    String text = SafeText.multiLine(description);
    if (!text.isEmpty()) {
      vevent.add(new Description(text));
    }
    String location = SafeText.singleLine(meeting.location());
    if (!location.isEmpty()) {
      vevent.add(new Location(location));
    }
    URI link = WebLinks.parse(meeting.onlineLink());
    if (link != null) {
      vevent.add(new Url(link));
    }
    vevent.add(
        new Organizer(
            new ParameterList(List.of(new Cn(SafeText.parameterValue(meeting.organiser().name())))),
            organizerMailbox));
    return vevent;
  }

  private Calendar calendar(Method method, VEvent vevent) {
    Calendar calendar = new Calendar();
    calendar.add(new ProdId(PRODUCT_ID));
    calendar.add(ImmutableVersion.VERSION_2_0);
    calendar.add(ImmutableCalScale.GREGORIAN);
    calendar.add(method);
    for (String tzid : tzidsUsedBy(vevent)) {
      calendar.add(timeZone(tzid));
    }
    calendar.add(vevent);
    return calendar;
  }

  /**
   * The calendar as iCalendar text with CRLF line ends, folded at 75 octets ({@link
   * #fold(String)}).
   */
  static String write(Calendar calendar) {
    return fold(calendar.toString());
  }

  /**
   * The calendar for {@code kind} without its DESCRIPTION, as unfolded text: what recipients who
   * read other languages or live in other zones share, to be completed by {@link #withDescription}.
   * Writing the 50 ATTENDEEs of a large meeting is most of the work of a calendar.
   */
  String unfoldedWithoutDescription(NoticeKind kind, MeetingEvent event, Participant recipient) {
    return unfoldedWithoutDescription(kind, event, recipient, Map.of());
  }

  /**
   * As {@link #unfoldedWithoutDescription(NoticeKind, MeetingEvent, Participant)}, with answers.
   */
  String unfoldedWithoutDescription(
      NoticeKind kind, MeetingEvent event, Participant recipient, Map<String, Answer> answers) {
    return calendarFor(kind, event, recipient, null, answers).toString();
  }

  /**
   * Completes a calendar of {@link #unfoldedWithoutDescription} with its DESCRIPTION, which iCal4j
   * writes and escapes as it would in the whole calendar, and folds it.
   */
  static String withDescription(String unfolded, String description) {
    String text = SafeText.multiLine(description);
    if (text.isEmpty()) {
      return fold(unfolded);
    }
    int end = unfolded.lastIndexOf(END_VEVENT);
    if (end < 0) {
      throw new IllegalArgumentException("Not a calendar with a VEVENT");
    }
    String line = new Description(text).toString();
    return fold(unfolded.substring(0, end) + line + unfolded.substring(end));
  }

  /**
   * Folds iCalendar text at 75 octets, between code points, with CRLF line ends.
   *
   * <p>Not {@code CalendarOutputter}: it folds at 73 UTF-16 chars, so a line of Chinese text
   * reaches over 200 octets. {@code Calendar.toString()} gives the same content unfolded (what the
   * outputter folds, with validation off), and this folds it by octets.
   */
  static String fold(String unfolded) {
    StringBuilder folded = new StringBuilder(unfolded.length() + unfolded.length() / 24);
    int start = 0;
    while (start < unfolded.length()) {
      int end = unfolded.indexOf(CRLF, start);
      if (end < 0) {
        end = unfolded.length();
      }
      fold(unfolded, start, end, folded);
      folded.append(CRLF);
      start = end + CRLF.length();
    }
    return folded.toString();
  }

  private static void fold(String text, int start, int end, StringBuilder out) {
    int octets = 0;
    int i = start;
    while (i < end) {
      int codePoint = text.codePointAt(i);
      int size = utf8Length(codePoint);
      if (octets + size > MAX_LINE_OCTETS) {
        out.append(CRLF).append(' ');
        octets = 1;
      }
      out.appendCodePoint(codePoint);
      octets += size;
      i += Character.charCount(codePoint);
    }
  }

  private static int utf8Length(int codePoint) {
    if (codePoint < 0x80) {
      return 1;
    }
    if (codePoint < 0x800) {
      return 2;
    }
    return codePoint < 0x10000 ? 3 : 4;
  }

  /**
   * The participant as an ATTENDEE. In a REQUEST each carries their answer if it stands, else is
   * asked for one (NEEDS-ACTION); RSVP stays as the role has it (all but information copies), so
   * that whoever answered may still change their mind. A CANCEL names who is affected and asks
   * nothing.
   */
  private Attendee attendee(Participant participant, boolean request, Answer answer) {
    ParticipantRole role = participant.role();
    List<Parameter> parameters = new ArrayList<>(5);
    parameters.add(new Cn(SafeText.parameterValue(participant.name())));
    parameters.add(CuType.INDIVIDUAL);
    parameters.add(roleOf(role));
    if (request) {
      parameters.add(partStatOf(answer));
      parameters.add(role.expectsReply() ? Rsvp.TRUE : Rsvp.FALSE);
    }
    return new Attendee(new ParameterList(parameters), mailto(participant.email()));
  }

  static PartStat partStatOf(Answer answer) {
    if (answer == null) {
      return PartStat.NEEDS_ACTION;
    }
    return switch (answer) {
      case ACCEPTED -> PartStat.ACCEPTED;
      case TENTATIVE -> PartStat.TENTATIVE;
      case DECLINED -> PartStat.DECLINED;
      case DELEGATED -> PartStat.DELEGATED;
    };
  }

  static Role roleOf(ParticipantRole role) {
    return switch (role) {
      case CHAIR -> Role.CHAIR;
      case VOTING -> Role.REQ_PARTICIPANT;
      case OPTIONAL, NON_VOTING -> Role.OPT_PARTICIPANT;
      case INFORMATION -> Role.NON_PARTICIPANT;
    };
  }

  private static Set<String> tzidsUsedBy(VEvent vevent) {
    Set<String> tzids = new LinkedHashSet<>();
    vevent
        .getProperties()
        .forEach(
            property ->
                property
                    .getParameter(Parameter.TZID)
                    .ifPresent(tzid -> tzids.add(tzid.getValue())));
    return tzids;
  }

  private VTimeZone timeZone(String tzid) {
    return timeZones.computeIfAbsent(tzid, this::load);
  }

  private VTimeZone load(String tzid) {
    TimeZone timeZone = registry.getTimeZone(tzid);
    if (timeZone == null) {
      throw new UnsendableInvitationException(
          "Unknown time zone '" + tzid + "': iCal4j's registry has no VTIMEZONE for it");
    }
    return timeZone.getVTimeZone();
  }

  private static ZoneId zoneOf(VTimeZone timeZone) {
    String tzid = timeZone.getTimeZoneId().getValue();
    try {
      return ZoneId.of(tzid);
    } catch (DateTimeException e) {
      throw new UnsendableInvitationException("Time zone '" + tzid + "' is unknown to the JDK", e);
    }
  }

  static URI mailto(String address) {
    try {
      return new URI("mailto", address.strip(), null);
    } catch (URISyntaxException e) {
      throw new UnsendableInvitationException(
          "Not a mailbox address: '" + SafeText.singleLine(address) + "'", e);
    }
  }
}
