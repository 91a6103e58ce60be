package org.convene.events;

import java.util.Objects;

/**
 * One item of a meeting's ordered agenda.
 *
 * @param title what the item is about
 * @param presenterEmail mailbox of the participant who presents it; {@code null} if nobody does
 * @param durationMinutes planned duration in minutes
 * @param notes free text shown with the item; may be {@code null}
 * @param id stable id of the item across changes, so that changes can name it; {@code null} in
 *     events written before items had ids
 */
public record AgendaItem(
    String title, String presenterEmail, int durationMinutes, String notes, String id) {

  public AgendaItem {
    Objects.requireNonNull(title, "title");
    if (durationMinutes < 0) {
      throw new IllegalArgumentException(
          "durationMinutes must not be negative: " + durationMinutes);
    }
  }

  /** An item without a stable id. */
  public AgendaItem(String title, String presenterEmail, int durationMinutes, String notes) {
    this(title, presenterEmail, durationMinutes, notes, null);
  }
}
