package org.convene.scheduler.meeting;

import java.time.Clock;
import java.util.UUID;
import java.util.function.Function;
import org.convene.events.EventId;
import org.convene.events.MeetingEvent;
import org.convene.events.MeetingId;
import org.convene.events.MeetingSnapshot;
import org.convene.events.MeetingStatus;
import org.convene.scheduler.outbox.Outbox;
import org.convene.scheduler.security.MeetingAccess;
import org.convene.scheduler.system.ConflictException;
import org.convene.scheduler.system.PreconditionFailedException;
import org.convene.scheduler.system.ResourceNotFoundException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Applies one change to one meeting: under the meeting's row lock, only by its organiser, only
 * against the revision the client read (optimistic concurrency through {@code If-Match}), never
 * to a cancelled meeting. The new revision and its event commit together.
 */
@Service
public class MeetingChanges {

  private final MeetingRepository meetings;
  private final Outbox outbox;
  private final Clock clock;
  private final MeetingAccess access;

  MeetingChanges(MeetingRepository meetings, Outbox outbox, Clock clock, MeetingAccess access) {
    this.meetings = meetings;
    this.outbox = outbox;
    this.clock = clock;
    this.access = access;
  }

  /**
   * Changes the meeting if it is still at {@code expectedRevision}.
   *
   * @param change computes the change from the current meeting; may throw to refuse it
   */
  @Transactional
  public MeetingView apply(UUID id, long expectedRevision, Function<MeetingSnapshot, MeetingChange> change) {
    MeetingRepository.StoredMeeting current =
        meetings.findForUpdate(id).orElseThrow(() -> new ResourceNotFoundException("No meeting has the id " + id + "."));
    access.checkCanChange(current.meeting());
    if (current.meeting().status() == MeetingStatus.CANCELLED) {
      throw new ConflictException("The meeting " + id + " is cancelled and can no longer be changed.");
    }
    if (current.revision() != expectedRevision) {
      throw new PreconditionFailedException(expectedRevision, current.revision());
    }
    return store(current, change.apply(current.meeting()));
  }

  /**
   * Changes the meeting on the system's behalf, such as when a group it invites gained a member:
   * no ownership or revision check, and a meeting that is cancelled or already over is left alone.
   */
  @Transactional
  public void applyOnBehalfOfSystem(UUID id, Function<MeetingSnapshot, MeetingChange> change) {
    meetings.findForUpdate(id)
        .filter(current -> current.meeting().status() == MeetingStatus.SCHEDULED)
        .filter(current -> current.meeting().end().atZone(java.time.ZoneId.of(current.meeting().timeZone())).toInstant().isAfter(clock.instant()))
        .ifPresent(current -> store(current, change.apply(current.meeting())));
  }

  private MeetingView store(MeetingRepository.StoredMeeting current, MeetingChange result) {
    UUID id = current.id();
    if (result.changesNothing()) {
      return MeetingView.of(id, current.revision(), current.meeting());
    }
    long revision = current.revision() + 1;
    meetings.update(id, revision, result.after());
    MeetingEvent event = result.event().create(EventId.random(), MeetingId.of(id), revision, clock.instant(), result.after());
    outbox.append(event);
    return MeetingView.of(id, revision, result.after());
  }
}
