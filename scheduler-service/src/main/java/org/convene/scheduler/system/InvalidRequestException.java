package org.convene.scheduler.system;

import java.util.List;
import java.util.Map;

/** A request that breaks a rule which needs more than one field, or the database, to check. */
public class InvalidRequestException extends RuntimeException {

  private final List<Map.Entry<String, String>> problems;

  public InvalidRequestException(String field, String message) {
    this(List.of(Map.entry(field, message)));
  }

  public InvalidRequestException(List<Map.Entry<String, String>> problems) {
    super(problems.toString());
    this.problems = List.copyOf(problems);
  }

  /** Pairs of (field path, what is wrong). */
  public List<Map.Entry<String, String>> problems() {
    return problems;
  }
}
