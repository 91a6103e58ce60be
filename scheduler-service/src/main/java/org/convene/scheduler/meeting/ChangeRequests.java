package org.convene.scheduler.meeting;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.ZoneId;
import java.util.List;
import org.convene.scheduler.meeting.ScheduleMeetingRequest.DocumentRequest;
import org.convene.scheduler.meeting.domain.Drafts;
import org.convene.scheduler.meeting.domain.MeetingTime;
import org.convene.scheduler.meeting.domain.OffsetChoice;

/** Bodies of the requests that change a meeting's own fields. */
public final class ChangeRequests {

  private ChangeRequests() {}

  /**
   * Replaces the meeting's details; fields left out are cleared (title excepted, which is
   * required).
   */
  public record ChangeDetailsRequest(
      @NotBlank @Size(max = 200) @SingleLine String title,
      @Size(max = 10_000) @MultiLine String description,
      @Size(max = 500) @SingleLine String location,
      @Size(max = 2_000) @WebLink String onlineLink,
      @Size(max = 50) List<@NotNull @Valid DocumentRequest> documents) {

    public Drafts.DetailsDraft toDraft() {
      return new Drafts.DetailsDraft(
          title,
          description,
          location,
          onlineLink,
          documents == null
              ? List.of()
              : documents.stream().map(DocumentRequest::toDocument).toList());
    }
  }

  /** Moves the meeting. */
  public record RescheduleRequest(
      @NotNull WallClockTime start,
      @NotNull WallClockTime end,
      @NotBlank @IanaZone String timeZone) {

    public MeetingTime toTime() {
      return new MeetingTime(start.local(), end.local(), ZoneId.of(timeZone));
    }

    public OffsetChoice offsets() {
      return new OffsetChoice(start.offset(), end.offset());
    }
  }

  /** Calls the meeting off. */
  public record CancelRequest(@Size(max = 1_000) @MultiLine String reason) {}
}
