package org.convene.scheduler.meeting;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.ZoneId;
import java.util.List;
import org.convene.scheduler.meeting.domain.Document;
import org.convene.scheduler.meeting.domain.Drafts;
import org.convene.scheduler.meeting.domain.Mailbox;
import org.convene.scheduler.meeting.domain.MeetingTime;
import org.convene.scheduler.meeting.domain.OffsetChoice;
import org.convene.scheduler.meeting.domain.Participant;
import org.convene.scheduler.meeting.domain.ParticipantRole;
import org.convene.scheduler.meeting.domain.Person;

/**
 * What an organiser sends to schedule a meeting. The organiser is the signed-in caller, named as
 * the account is; {@code organiser} may be left out, or give the caller's address (its {@code name}
 * is not used). Each field's own form is checked by its annotations; the rules that span fields
 * (end after start, one chair, presenters among the participants, ...) are the meeting's own.
 */
public record ScheduleMeetingRequest(
    @NotBlank @Size(max = 200) @SingleLine String title,
    @Size(max = 10_000) @MultiLine String description,
    @Valid PersonRequest organiser,
    @NotNull WallClockTime start,
    @NotNull WallClockTime end,
    @NotBlank @IanaZone String timeZone,
    @Size(max = 500) @SingleLine String location,
    @Size(max = 2_000) @WebLink String onlineLink,
    @Size(max = 50) List<@NotNull @Valid DocumentRequest> documents,
    @NotEmpty List<@NotNull @Valid ParticipantRequest> participants,
    List<@NotNull @Valid AgendaItemRequest> agenda,
    @Size(max = 5) List<@NotNull @Min(0) @Max(40_320) Integer> reminderMinutesBefore,
    @Valid QuorumRequest quorum) {

  /**
   * A request without a quorum rule: the meeting has the default (a majority, the chair counting).
   */
  ScheduleMeetingRequest(
      String title,
      String description,
      PersonRequest organiser,
      WallClockTime start,
      WallClockTime end,
      String timeZone,
      String location,
      String onlineLink,
      List<DocumentRequest> documents,
      List<ParticipantRequest> participants,
      List<AgendaItemRequest> agenda,
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
        reminderMinutesBefore,
        null);
  }

  /** The draft the meeting's rules decide on; call only after the annotations were checked. */
  Drafts.MeetingDraft toDraft(Person organiser, List<Integer> defaultReminders) {
    return new Drafts.MeetingDraft(
        title,
        description,
        organiser,
        new MeetingTime(start.local(), end.local(), ZoneId.of(timeZone)),
        location,
        onlineLink,
        documents == null
            ? List.of()
            : documents.stream().map(DocumentRequest::toDocument).toList(),
        participants.stream().map(ParticipantRequest::toParticipant).toList(),
        agenda == null ? List.of() : agenda.stream().map(AgendaItemRequest::toDraft).toList(),
        reminderMinutesBefore == null ? defaultReminders : reminderMinutesBefore,
        new OffsetChoice(start.offset(), end.offset()));
  }

  public record PersonRequest(
      @NotBlank @Size(max = 200) @SingleLine String name, @NotBlank @MailboxAddress String email) {}

  public record DocumentRequest(
      @NotBlank @Size(max = 300) @SingleLine String title,
      @NotBlank @Size(max = 2_000) @WebLink String url) {

    Document toDocument() {
      return new Document(title, url);
    }
  }

  public record ParticipantRequest(
      @NotBlank @Size(max = 200) @SingleLine String name,
      @NotBlank @MailboxAddress String email,
      @NotNull ParticipantRole role,
      @Pattern(regexp = "en|zh-CN", message = "must be en or zh-CN") String language,
      @IanaZone String timeZone) {

    Participant toParticipant() {
      return Participant.direct(name, Mailbox.of(email), role, language, timeZone);
    }
  }

  public record AgendaItemRequest(
      @NotBlank @Size(max = 300) @SingleLine String title,
      @MailboxAddress String presenterEmail,
      @NotNull @Min(1) @Max(1_440) Integer durationMinutes,
      @Size(max = 2_000) @MultiLine String notes) {

    Drafts.AgendaItemDraft toDraft() {
      return new Drafts.AgendaItemDraft(
          null, title, Mailbox.ofNullable(presenterEmail), durationMinutes, notes);
    }
  }
}
