package org.convene.scheduler.meeting;

import java.time.Clock;
import java.util.function.Function;
import org.convene.events.MeetingId;
import org.convene.scheduler.meeting.domain.Meeting;
import org.convene.scheduler.meeting.domain.MeetingLimits;
import org.convene.scheduler.meeting.domain.Outcome;
import org.convene.scheduler.outbox.Outbox;
import org.convene.scheduler.security.MeetingAccess;
import org.convene.scheduler.system.ConflictException;
import org.convene.scheduler.system.IfMatch;
import org.convene.scheduler.system.ResourceNotFoundException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Applies one operation to one meeting: under the meeting's row lock, only by its organiser, only
 * against the revision the client read (optimistic concurrency through {@code If-Match}), never to
 * a cancelled meeting. The new revision and its event commit together; a refusal changes nothing.
 */
@Service
public class MeetingChanges {

  private final MeetingRepository meetings;
  private final Outbox outbox;
  private final Clock clock;
  private final MeetingAccess access;
  private final MeetingLimits limits;
  private final ApplicationEventPublisher events;
  private final QuorumRules quorumRules;

  MeetingChanges(
      MeetingRepository meetings,
      Outbox outbox,
      Clock clock,
      MeetingAccess access,
      MeetingLimits limits,
      ApplicationEventPublisher events,
      QuorumRules quorumRules) {
    this.events = events;
    this.quorumRules = quorumRules;
    this.meetings = meetings;
    this.outbox = outbox;
    this.clock = clock;
    this.access = access;
    this.limits = limits;
  }

  /** What an operation needs besides the meeting: the limits and the current time. */
  public record Context(MeetingLimits limits, Clock clock) {}

  /** An operation on the current meeting. */
  @FunctionalInterface
  public interface Operation {
    Outcome apply(Meeting meeting, Context context);
  }

  /**
   * Applies the operation if the meeting's current revision meets {@code ifMatch}.
   *
   * @param operation computes the outcome from the current meeting; it may refuse
   */
  @Transactional
  public MeetingView apply(MeetingId id, IfMatch ifMatch, Operation operation) {
    MeetingRepository.StoredMeeting current =
        meetings
            .findForUpdate(id)
            .orElseThrow(() -> new ResourceNotFoundException("No meeting has the id " + id + "."));
    access.checkCanChange(current.meeting());
    if (current.meeting().isCancelled()) {
      throw new ConflictException(
          "The meeting " + id + " is cancelled and can no longer be changed.");
    }
    ifMatch.check(current.revision());
    return store(current, operation.apply(current.meeting(), new Context(limits, clock)));
  }

  /**
   * What the operation would do to the meeting as it is now, checked as {@link #apply} checks it
   * but stored nowhere: the pages show it before the organiser commits the change.
   */
  @Transactional(readOnly = true)
  public Preview preview(MeetingId id, IfMatch ifMatch, Operation operation) {
    MeetingRepository.StoredMeeting current =
        meetings
            .find(id)
            .orElseThrow(() -> new ResourceNotFoundException("No meeting has the id " + id + "."));
    access.checkCanChange(current.meeting());
    if (current.meeting().isCancelled()) {
      throw new ConflictException(
          "The meeting " + id + " is cancelled and can no longer be changed.");
    }
    ifMatch.check(current.revision());
    Outcome outcome = operation.apply(current.meeting(), new Context(limits, clock));
    if (outcome instanceof Outcome.Refused refused) {
      throw Refusals.toException(refused.failure());
    }
    return new Preview(current.meeting(), outcome);
  }

  /** A change not yet made: the meeting as it is and what the operation would make of it. */
  public record Preview(Meeting before, Outcome outcome) {}

  /**
   * Changes the meeting on the system's behalf, such as when a group it invites gained a member: no
   * ownership or revision check, and a meeting that is cancelled or already over is left alone.
   */
  @Transactional
  public void applyOnBehalfOfSystem(MeetingId id, Function<Meeting, Outcome> operation) {
    meetings
        .findForUpdate(id)
        .filter(current -> !current.meeting().isCancelled())
        .filter(current -> current.meeting().endsAfter(clock.instant()))
        .ifPresent(current -> store(current, operation.apply(current.meeting())));
  }

  private MeetingView store(MeetingRepository.StoredMeeting current, Outcome outcome) {
    return switch (outcome) {
      case Outcome.Refused refused -> throw Refusals.toException(refused.failure());
      case Outcome.Unchanged unchanged -> MeetingView.of(current.revision(), current.meeting());
      case Outcome.Changed changed -> {
        long revision = current.revision() + 1;
        meetings.update(revision, changed.after());
        // Read under the meeting's row lock, which a change of the rule takes too: the event
        // carries the rule as it stands.
        outbox.append(
            changed.after(),
            changed.change(),
            revision,
            quorumRules.of(changed.after().id()),
            clock.instant());
        events.publishEvent(new MeetingRevised(current.meeting(), changed.after(), revision));
        yield MeetingView.of(revision, changed.after());
      }
    };
  }
}
