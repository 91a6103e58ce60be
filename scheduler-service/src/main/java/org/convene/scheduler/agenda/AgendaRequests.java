package org.convene.scheduler.agenda;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.convene.scheduler.meeting.MailboxAddress;
import org.convene.scheduler.meeting.MultiLine;
import org.convene.scheduler.meeting.SingleLine;
import org.convene.scheduler.meeting.domain.AgendaItemId;
import org.convene.scheduler.meeting.domain.Drafts;
import org.convene.scheduler.meeting.domain.Mailbox;

/** Bodies of the agenda requests; the pages send the same ones. */
public final class AgendaRequests {

  private AgendaRequests() {}

  /**
   * One item of a whole agenda. Items that keep their {@code id} keep their identity (and are
   * reported as moved, retimed, ...); items without one are new.
   */
  public record ItemRequest(
      String id,
      @NotBlank @Size(max = 300) @SingleLine String title,
      @MailboxAddress String presenterEmail,
      @NotNull @Min(1) @Max(1_440) Integer durationMinutes,
      @Size(max = 2_000) @MultiLine String notes) {

    public Drafts.AgendaItemDraft toDraft() {
      return new Drafts.AgendaItemDraft(
          id == null ? null : new AgendaItemId(id),
          title,
          Mailbox.ofNullable(presenterEmail),
          durationMinutes,
          notes);
    }
  }

  /** The whole agenda, in order. */
  public record ReplaceAgendaRequest(@NotNull List<@NotNull @Valid ItemRequest> items) {

    public List<Drafts.AgendaItemDraft> drafts() {
      return items.stream().map(ItemRequest::toDraft).toList();
    }
  }

  /** A new item, at a 1-based position (at the end when left out). */
  public record AddItemRequest(
      @NotBlank @Size(max = 300) @SingleLine String title,
      @MailboxAddress String presenterEmail,
      @NotNull @Min(1) @Max(1_440) Integer durationMinutes,
      @Size(max = 2_000) @MultiLine String notes,
      @Min(1) Integer position) {

    public Drafts.AgendaItemDraft toDraft() {
      return new Drafts.AgendaItemDraft(
          null, title, Mailbox.ofNullable(presenterEmail), durationMinutes, notes);
    }
  }

  /**
   * Changes to one item; fields left out stay as they are. An empty {@code presenterEmail} removes
   * the presenter; {@code position} (1-based) moves the item.
   */
  public record EditItemRequest(
      @Size(max = 300) @SingleLine String title,
      @MailboxAddress(allowEmpty = true) String presenterEmail,
      @Min(1) @Max(1_440) Integer durationMinutes,
      @Size(max = 2_000) @MultiLine String notes,
      @Min(1) Integer position) {

    public Drafts.AgendaItemEdit toEdit() {
      return new Drafts.AgendaItemEdit(
          title,
          presenterEmail != null,
          Mailbox.ofNullable(presenterEmail),
          durationMinutes,
          notes,
          position);
    }
  }
}
