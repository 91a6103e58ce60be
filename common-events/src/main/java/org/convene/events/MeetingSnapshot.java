package org.convene.events;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The whole meeting as it stands after a change. Times are wall-clock times in the meeting's IANA
 * zone, which is what the organiser meant and what iCalendar's {@code DTSTART;TZID=} carries.
 *
 * @param title the meeting's title
 * @param description longer text; may be empty
 * @param organiser the account that manages the meeting
 * @param start local start time in {@code timeZone}
 * @param end local end time in {@code timeZone}
 * @param timeZone IANA zone id, such as {@code Asia/Shanghai}
 * @param location the room or address; may be {@code null} when there is an online link
 * @param onlineLink URL to join online; may be {@code null}
 * @param documents reference documents, in the organiser's order
 * @param participants everybody invited, chair included, each once
 * @param agenda the ordered agenda
 * @param status where the meeting is in its life
 * @param reminderMinutesBefore when reminders go out, in minutes before the start, largest first;
 *     empty means the notifier's configured defaults
 * @param quorumRule how many voting members the meeting needs, as it stands; absent (events written
 *     before the snapshot carried it) means {@link QuorumRule#DEFAULT}
 */
public record MeetingSnapshot(
    String title,
    String description,
    Person organiser,
    LocalDateTime start,
    LocalDateTime end,
    String timeZone,
    String location,
    String onlineLink,
    List<ReferenceDocument> documents,
    List<Participant> participants,
    List<AgendaItem> agenda,
    MeetingStatus status,
    List<Integer> reminderMinutesBefore,
    QuorumRule quorumRule) {

  public MeetingSnapshot {
    Objects.requireNonNull(title, "title");
    description = description == null ? "" : description;
    Objects.requireNonNull(organiser, "organiser");
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
    Objects.requireNonNull(timeZone, "timeZone");
    documents = documents == null ? List.of() : List.copyOf(documents);
    participants = participants == null ? List.of() : List.copyOf(participants);
    agenda = agenda == null ? List.of() : List.copyOf(agenda);
    Objects.requireNonNull(status, "status");
    reminderMinutesBefore =
        reminderMinutesBefore == null ? List.of() : List.copyOf(reminderMinutesBefore);
    // Older writers knew no per-meeting rule: every meeting then had the default.
    quorumRule = quorumRule == null ? QuorumRule.DEFAULT : quorumRule;
  }

  /** A snapshot of a meeting with the default quorum rule. */
  public MeetingSnapshot(
      String title,
      String description,
      Person organiser,
      LocalDateTime start,
      LocalDateTime end,
      String timeZone,
      String location,
      String onlineLink,
      List<ReferenceDocument> documents,
      List<Participant> participants,
      List<AgendaItem> agenda,
      MeetingStatus status,
      List<Integer> reminderMinutesBefore) {
    this(
        title,
        description,
        organiser,
        start,
        end,
        timeZone,
        location,
        onlineLink,
        documents,
        participants,
        agenda,
        status,
        reminderMinutesBefore,
        QuorumRule.DEFAULT);
  }

  /**
   * A snapshot without explicit reminder offsets (the notifier's defaults apply), with the default
   * quorum rule.
   */
  public MeetingSnapshot(
      String title,
      String description,
      Person organiser,
      LocalDateTime start,
      LocalDateTime end,
      String timeZone,
      String location,
      String onlineLink,
      List<ReferenceDocument> documents,
      List<Participant> participants,
      List<AgendaItem> agenda,
      MeetingStatus status) {
    this(
        title,
        description,
        organiser,
        start,
        end,
        timeZone,
        location,
        onlineLink,
        documents,
        participants,
        agenda,
        status,
        List.of(),
        QuorumRule.DEFAULT);
  }

  /** When the meeting takes place. */
  public MeetingTime time() {
    return new MeetingTime(start, end, timeZone);
  }

  /** The participant with the role {@link ParticipantRole#CHAIR}, if there is one. */
  public Optional<Participant> chair() {
    return participants.stream().filter(p -> p.role() == ParticipantRole.CHAIR).findFirst();
  }

  /** The same meeting under another quorum rule. */
  public MeetingSnapshot withQuorumRule(QuorumRule rule) {
    return new MeetingSnapshot(
        title,
        description,
        organiser,
        start,
        end,
        timeZone,
        location,
        onlineLink,
        documents,
        participants,
        agenda,
        status,
        reminderMinutesBefore,
        rule);
  }
}
