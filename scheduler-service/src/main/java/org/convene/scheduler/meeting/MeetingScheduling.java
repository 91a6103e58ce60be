package org.convene.scheduler.meeting;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import org.convene.events.MeetingId;
import org.convene.scheduler.meeting.domain.Mailbox;
import org.convene.scheduler.meeting.domain.Meeting;
import org.convene.scheduler.meeting.domain.MeetingLimits;
import org.convene.scheduler.meeting.domain.MeetingStatus;
import org.convene.scheduler.meeting.domain.Outcome;
import org.convene.scheduler.meeting.domain.Person;
import org.convene.scheduler.meeting.domain.QuorumRule;
import org.convene.scheduler.outbox.Outbox;
import org.convene.scheduler.security.MeetingAccess;
import org.convene.scheduler.system.ResourceNotFoundException;
import org.convene.scheduler.system.SchedulerProperties;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Schedules and reads meetings: a new meeting and its event are committed together or not at all.
 */
@Service
public class MeetingScheduling {

  static final long FIRST_REVISION = 1;

  private final MeetingRepository meetings;
  private final Outbox outbox;
  private final Clock clock;
  private final MeetingAccess access;
  private final MeetingLimits limits;
  private final List<Integer> defaultReminders;
  private final QuorumRules quorumRules;

  MeetingScheduling(
      MeetingRepository meetings,
      Outbox outbox,
      Clock clock,
      MeetingAccess access,
      MeetingLimits limits,
      SchedulerProperties properties,
      QuorumRules quorumRules) {
    this.meetings = meetings;
    this.quorumRules = quorumRules;
    this.outbox = outbox;
    this.clock = clock;
    this.access = access;
    this.limits = limits;
    this.defaultReminders =
        properties.defaultReminders().stream().map(d -> (int) d.toMinutes()).toList();
  }

  @Transactional
  public MeetingView schedule(ScheduleMeetingRequest request) {
    QuorumRule quorumRule =
        request.quorum() == null ? QuorumRule.DEFAULT : request.quorum().toRule("quorum");
    Outcome outcome =
        Meeting.schedule(
            MeetingId.random(),
            request.toDraft(organiser(request), defaultReminders),
            limits,
            clock.instant());
    if (!(outcome instanceof Outcome.Changed scheduled)) {
      throw outcome instanceof Outcome.Refused refused
          ? Refusals.toException(refused.failure())
          : new IllegalStateException("Scheduling a meeting always creates one");
    }
    meetings.insert(FIRST_REVISION, scheduled.after());
    if (request.quorum() != null) {
      quorumRules.save(scheduled.after().id(), quorumRule);
    }
    // Saved before the event is appended: the event carries the rule, and a reader that asks the
    // scheduler about the meeting must find the same one.
    outbox.append(
        scheduled.after(), scheduled.change(), FIRST_REVISION, quorumRule, clock.instant());
    return MeetingView.of(FIRST_REVISION, scheduled.after());
  }

  /**
   * The caller organises the meeting, under the account's display name: it becomes the invitations'
   * sender name and the calendar's organiser, so the body cannot choose it. A given organiser must
   * be the caller.
   */
  private Person organiser(ScheduleMeetingRequest request) {
    Person caller = access.caller();
    if (request.organiser() != null
        && !Mailbox.of(request.organiser().email()).equals(caller.mailbox())) {
      throw new AccessDeniedException(
          "You can schedule meetings only with yourself (" + caller.mailbox() + ") as organiser.");
    }
    return caller;
  }

  @Transactional(readOnly = true)
  public MeetingView get(MeetingId id) {
    MeetingRepository.StoredMeeting stored =
        meetings
            .find(id)
            .orElseThrow(() -> new ResourceNotFoundException("No meeting has the id " + id + "."));
    access.checkCanRead(stored.meeting());
    return MeetingView.of(stored.revision(), stored.meeting());
  }

  /**
   * The caller's meetings (every meeting for ops) that overlap [from, to), either bound optional.
   */
  @Transactional(readOnly = true)
  public MeetingPage listVisible(
      OffsetDateTime from, OffsetDateTime to, MeetingStatus status, int page, int size) {
    return list(new MeetingRepository.Criteria(from, to, null, status), page, size);
  }

  @Transactional(readOnly = true)
  MeetingPage list(MeetingRepository.Criteria requested, int page, int size) {
    MeetingRepository.Criteria criteria =
        new MeetingRepository.Criteria(
            requested.from(),
            requested.to(),
            access.organiserFilter(requested.organiser()),
            requested.status());
    List<MeetingView> items =
        meetings.list(criteria, page * size, size).stream()
            .map(stored -> MeetingView.of(stored.revision(), stored.meeting()))
            .toList();
    return MeetingPage.of(items, page, size, meetings.count(criteria));
  }
}
