package org.convene.scheduler.meeting;

import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.convene.events.AgendaItem;
import org.convene.events.EventId;
import org.convene.events.MeetingId;
import org.convene.events.MeetingScheduled;
import org.convene.events.MeetingSnapshot;
import org.convene.events.MeetingStatus;
import org.convene.events.Participant;
import org.convene.events.Person;
import org.convene.events.ReferenceDocument;
import org.convene.scheduler.outbox.Outbox;
import org.convene.scheduler.security.MeetingAccess;
import org.convene.scheduler.system.ResourceNotFoundException;
import org.convene.scheduler.system.SchedulerProperties;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Schedules meetings: the meeting and its event are committed together or not at all. */
@Service
public class MeetingScheduling {

  static final long FIRST_REVISION = 1;

  private final MeetingRepository meetings;
  private final Outbox outbox;
  private final Clock clock;
  private final MeetingAccess access;

  private final List<Integer> defaultReminders;

  MeetingScheduling(MeetingRepository meetings, Outbox outbox, Clock clock, MeetingAccess access, SchedulerProperties properties) {
    this.meetings = meetings;
    this.outbox = outbox;
    this.clock = clock;
    this.access = access;
    this.defaultReminders = properties.defaultReminders().stream().map(d -> (int) d.toMinutes()).toList();
  }

  @Transactional
  MeetingView schedule(ScheduleMeetingRequest request) {
    UUID id = UUID.randomUUID();
    MeetingSnapshot meeting = toSnapshot(request, organiser(request), reminders(request));
    meetings.insert(id, FIRST_REVISION, meeting);
    outbox.append(new MeetingScheduled(EventId.random(), MeetingId.of(id), FIRST_REVISION, clock.instant(), meeting));
    return MeetingView.of(id, FIRST_REVISION, meeting);
  }

  /** The caller organises the meeting; a given organiser must be the caller. */
  private Person organiser(ScheduleMeetingRequest request) {
    Person caller = access.caller();
    if (request.organiser() == null) {
      return caller;
    }
    if (!request.organiser().email().strip().equalsIgnoreCase(caller.email())) {
      throw new AccessDeniedException("You can schedule meetings only with yourself (" + caller.email() + ") as organiser.");
    }
    return new Person(request.organiser().name().strip(), caller.email());
  }

  @Transactional(readOnly = true)
  MeetingView get(UUID id) {
    MeetingRepository.StoredMeeting stored =
        meetings.find(id).orElseThrow(() -> new ResourceNotFoundException("No meeting has the id " + id + "."));
    access.checkCanRead(stored.meeting());
    return MeetingView.of(stored.id(), stored.revision(), stored.meeting());
  }

  @Transactional(readOnly = true)
  MeetingPage list(MeetingRepository.Criteria requested, int page, int size) {
    MeetingRepository.Criteria criteria =
        new MeetingRepository.Criteria(
            requested.from(), requested.to(), access.organiserFilter(requested.organiser()), requested.status());
    List<MeetingView> items =
        meetings.list(criteria, page * size, size).stream()
            .map(stored -> MeetingView.of(stored.id(), stored.revision(), stored.meeting()))
            .toList();
    return MeetingPage.of(items, page, size, meetings.count(criteria));
  }

  /** The request's reminder offsets, else the configured defaults; largest first, each once. */
  private List<Integer> reminders(ScheduleMeetingRequest request) {
    List<Integer> minutes = request.reminderMinutesBefore() == null ? defaultReminders : request.reminderMinutesBefore();
    return minutes.stream().distinct().sorted(java.util.Comparator.reverseOrder()).toList();
  }

  private static MeetingSnapshot toSnapshot(ScheduleMeetingRequest request, Person organiser, List<Integer> reminders) {
    return new MeetingSnapshot(
        request.title().strip(),
        request.description(),
        organiser,
        request.start(),
        request.end(),
        request.timeZone(),
        blankToNull(request.location()),
        blankToNull(request.onlineLink()),
        nullToEmpty(request.documents()).stream().map(d -> new ReferenceDocument(d.title().strip(), d.url().strip())).toList(),
        request.participants().stream()
            .map(p -> new Participant(p.name().strip(), p.email().strip(), p.role(), p.language(), p.timeZone()))
            .toList(),
        nullToEmpty(request.agenda()).stream()
            .map(a -> new AgendaItem(a.title().strip(), blankToNull(a.presenterEmail()), a.durationMinutes(), a.notes(), UUID.randomUUID().toString()))
            .toList(),
        MeetingStatus.SCHEDULED,
        reminders);
  }

  private static <T> List<T> nullToEmpty(List<T> list) {
    return list == null ? List.of() : list;
  }

  private static String blankToNull(String text) {
    return text == null || text.isBlank() ? null : text.strip();
  }
}
