package org.convene.events;

import java.util.Objects;

/**
 * One item of a meeting's ordered agenda.
 *
 * @param title what the item is about
 * @param presenterEmail mailbox of the participant who presents it; {@code null} if nobody does
 * @param durationMinutes planned duration in minutes
 * @param notes free text shown with the item; may be {@code null}
 */
public record AgendaItem(String title, String presenterEmail, int durationMinutes, String notes) {

  public AgendaItem {
    Objects.requireNonNull(title, "title");
    if (durationMinutes < 0) {
      throw new IllegalArgumentException("durationMinutes must not be negative: " + durationMinutes);
    }
  }
}
