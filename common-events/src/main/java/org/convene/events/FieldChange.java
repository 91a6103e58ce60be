package org.convene.events;

import java.util.Objects;

/**
 * One detail of a meeting that changed, as text a person can read.
 *
 * @param field the changed field: {@code title}, {@code description}, {@code location}, {@code
 *     onlineLink} or {@code documents}
 * @param before the value before the change; {@code null} if there was none
 * @param after the value after the change; {@code null} if it was removed
 */
public record FieldChange(String field, String before, String after) {

  public FieldChange {
    Objects.requireNonNull(field, "field");
  }
}
