package org.convene.events;

import java.time.LocalDateTime;
import java.util.Objects;

/**
 * One change to one agenda item, with the values before and after it, so a reader can say "item 3
 * moved from 14:30 to 15:00". Positions count from 1; planned start times follow from the meeting's
 * start and the durations of the items before. Fields that the kind of change does not concern are
 * {@code null}.
 *
 * @param kind what happened to the item
 * @param itemId the item's stable id
 * @param title the item's title after the change (before it, for a removed item)
 * @param titleBefore the old title, for {@link Kind#RETITLED}
 * @param positionBefore position before; {@code null} for an added item
 * @param positionAfter position after; {@code null} for a removed item
 * @param startBefore planned start before; {@code null} for an added item
 * @param startAfter planned start after; {@code null} for a removed item
 * @param durationBefore planned minutes before, for {@link Kind#RETIMED}
 * @param durationAfter planned minutes after, for {@link Kind#RETIMED}
 * @param presenterBefore presenter e-mail before, for {@link Kind#PRESENTER_CHANGED}
 * @param presenterAfter presenter e-mail after, for {@link Kind#PRESENTER_CHANGED} and {@link
 *     Kind#ADDED}
 */
public record AgendaItemChange(
    Kind kind,
    String itemId,
    String title,
    String titleBefore,
    Integer positionBefore,
    Integer positionAfter,
    LocalDateTime startBefore,
    LocalDateTime startAfter,
    Integer durationBefore,
    Integer durationAfter,
    String presenterBefore,
    String presenterAfter) {

  public AgendaItemChange {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(itemId, "itemId");
    Objects.requireNonNull(title, "title");
  }

  /** What happened to an agenda item. */
  public enum Kind {
    /** The item is new. */
    ADDED,
    /** The item was taken off the agenda. */
    REMOVED,
    /** The item's planned start changed because items were reordered, added, removed or retimed. */
    MOVED,
    /** The item's planned duration changed. */
    RETIMED,
    /** The item's title changed. */
    RETITLED,
    /** Somebody else presents the item, or nobody does any more. */
    PRESENTER_CHANGED,
    /** The item's notes changed. */
    NOTES_CHANGED
  }
}
