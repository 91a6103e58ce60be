package org.convene.scheduler.meeting.domain;

import java.util.Objects;

/**
 * One item of a meeting's ordered agenda.
 *
 * @param presenter who presents it; {@code null} if nobody does
 * @param notes free text shown with the item, kept as written; may be {@code null}
 */
public record AgendaItem(
    AgendaItemId id, String title, Mailbox presenter, int durationMinutes, String notes) {

  public AgendaItem {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(title, "title");
    title = title.strip();
    if (durationMinutes < 0) {
      throw new IllegalArgumentException(
          "durationMinutes must not be negative: " + durationMinutes);
    }
  }
}
