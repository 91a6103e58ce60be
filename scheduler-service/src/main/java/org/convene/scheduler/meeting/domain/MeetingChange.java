package org.convene.scheduler.meeting.domain;

import java.util.List;

/**
 * What happened to a meeting, as its operations report it; the published events are made from
 * these.
 */
public sealed interface MeetingChange {

  record Scheduled() implements MeetingChange {}

  record DetailsChanged(List<FieldChange> changes) implements MeetingChange {
    public DetailsChanged {
      changes = List.copyOf(changes);
    }
  }

  record Rescheduled(MeetingTime previous) implements MeetingChange {}

  record AgendaChanged(List<AgendaItemChange> changes) implements MeetingChange {
    public AgendaChanged {
      changes = List.copyOf(changes);
    }
  }

  record ParticipantsChanged(
      List<Participant> added, List<Participant> removed, List<RoleChange> roleChanges)
      implements MeetingChange {
    public ParticipantsChanged {
      added = List.copyOf(added);
      removed = List.copyOf(removed);
      roleChanges = List.copyOf(roleChanges);
    }
  }

  /**
   * @param reason why, as the organiser wrote it; {@code null} if not given
   */
  record Cancelled(String reason) implements MeetingChange {}

  /**
   * One detail (title, description, location, onlineLink or documents) before and after, as text.
   */
  record FieldChange(String field, String before, String after) {}

  /** A participant who stays invited with another role. */
  record RoleChange(Mailbox mailbox, String name, ParticipantRole before, ParticipantRole after) {}
}
