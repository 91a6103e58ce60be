package org.convene.scheduler.system;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Collects broken rules by field, then refuses the request with all of them at once. */
public final class FieldProblems {

  private final List<Map.Entry<String, String>> problems = new ArrayList<>();

  public FieldProblems add(String field, String message) {
    problems.add(Map.entry(field, message));
    return this;
  }

  public boolean isEmpty() {
    return problems.isEmpty();
  }

  public List<Map.Entry<String, String>> list() {
    return List.copyOf(problems);
  }

  /** Throws an {@link InvalidRequestException} (400) naming every problem, if there is one. */
  public void throwIfAny() {
    if (!problems.isEmpty()) {
      throw new InvalidRequestException(problems);
    }
  }
}
