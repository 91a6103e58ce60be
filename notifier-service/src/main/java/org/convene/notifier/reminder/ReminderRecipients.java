package org.convene.notifier.reminder;

import java.util.List;
import java.util.Set;
import org.convene.events.MeetingSnapshot;
import org.convene.events.MeetingStatus;
import org.convene.events.Participant;
import org.convene.events.ParticipantRole;
import org.convene.notifier.invitation.Recipients;

/**
 * Who gets a meeting's reminders: its participants as the meeting stands, non-voting ones included,
 * information copies only if configured; not those whose latest answer is a decline or a
 * delegation; nobody once it is cancelled. Decided when the reminder fires and again when it is
 * sent, so that someone removed, or who declined, in between gets none. Invitations, updates and
 * cancellations still reach those who declined.
 */
final class ReminderRecipients {

  private ReminderRecipients() {}

  static List<Participant> of(MeetingSnapshot meeting, boolean includeInformationCopies) {
    return of(meeting, includeInformationCopies, Set.of());
  }

  /**
   * As {@link #of(MeetingSnapshot, boolean)}, leaving out {@code absent}: the mailbox keys of those
   * whose latest answer is a decline or a delegation.
   */
  static List<Participant> of(
      MeetingSnapshot meeting, boolean includeInformationCopies, Set<String> absent) {
    if (meeting.status() == MeetingStatus.CANCELLED) {
      return List.of();
    }
    return Recipients.of(meeting).stream()
        .filter(participant -> reminded(participant, includeInformationCopies))
        .filter(participant -> !absent.contains(Recipients.mailboxKey(participant.email())))
        .toList();
  }

  /**
   * The participant of {@code meeting} with this mailbox key, if they get its reminders; else
   * {@code null}.
   */
  static Participant find(
      MeetingSnapshot meeting,
      String mailboxKey,
      boolean includeInformationCopies,
      Set<String> absent) {
    for (Participant participant : of(meeting, includeInformationCopies, absent)) {
      if (Recipients.mailboxKey(participant.email()).equals(mailboxKey)) {
        return participant;
      }
    }
    return null;
  }

  private static boolean reminded(Participant participant, boolean includeInformationCopies) {
    return participant.role() != ParticipantRole.INFORMATION || includeInformationCopies;
  }
}
