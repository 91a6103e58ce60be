package org.convene.scheduler.meeting.domain;

import java.time.LocalDateTime;

/** One change to one agenda item. Positions count from 1; starts are planned wall-clock times. */
public sealed interface AgendaItemChange {

  AgendaItemId itemId();

  /** The item's title after the change (before it, for a removed item). */
  String title();

  record Added(
      AgendaItemId itemId,
      String title,
      int position,
      LocalDateTime start,
      int durationMinutes,
      Mailbox presenter)
      implements AgendaItemChange {}

  record Removed(
      AgendaItemId itemId, String title, int position, LocalDateTime start, Mailbox presenter)
      implements AgendaItemChange {}

  record Moved(
      AgendaItemId itemId,
      String title,
      int positionBefore,
      int positionAfter,
      LocalDateTime startBefore,
      LocalDateTime startAfter)
      implements AgendaItemChange {}

  record Retitled(AgendaItemId itemId, String title, String titleBefore)
      implements AgendaItemChange {}

  record Retimed(AgendaItemId itemId, String title, int durationBefore, int durationAfter)
      implements AgendaItemChange {}

  record PresenterChanged(
      AgendaItemId itemId, String title, Mailbox presenterBefore, Mailbox presenterAfter)
      implements AgendaItemChange {}

  record NotesChanged(AgendaItemId itemId, String title) implements AgendaItemChange {}
}
