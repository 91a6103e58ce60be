package org.convene.scheduler.meeting.domain;

import java.util.List;

/** What a caller asks for, before the meeting's rules have accepted it. */
public final class Drafts {

  private Drafts() {}

  /**
   * A meeting to schedule; reminders in minutes before the start, in any order; the offsets the
   * caller gave with start and end.
   */
  public record MeetingDraft(
      String title,
      String description,
      Person organiser,
      MeetingTime time,
      String location,
      String onlineLink,
      List<Document> documents,
      List<Participant> participants,
      List<AgendaItemDraft> agenda,
      List<Integer> reminderMinutesBefore,
      OffsetChoice offsets) {}

  /** The details that replace a meeting's; a missing description is an empty one. */
  public record DetailsDraft(
      String title,
      String description,
      String location,
      String onlineLink,
      List<Document> documents) {}

  /** An agenda item; {@code id} names an existing item to keep, {@code null} makes a new one. */
  public record AgendaItemDraft(
      AgendaItemId id, String title, Mailbox presenter, int durationMinutes, String notes) {}

  /**
   * Changes to one agenda item; {@code null} leaves a field as it is. {@code presenterGiven} with a
   * {@code null} presenter removes the presenter; a blank {@code notes} removes the notes; {@code
   * position} (1-based) moves the item.
   */
  public record AgendaItemEdit(
      String title,
      boolean presenterGiven,
      Mailbox presenter,
      Integer durationMinutes,
      String notes,
      Integer position) {}

  /** Changes to one participant; {@code null} leaves a field as it is. */
  public record ParticipantEdit(
      String name, ParticipantRole role, String language, String timeZone) {}
}
