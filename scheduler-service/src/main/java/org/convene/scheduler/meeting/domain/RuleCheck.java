package org.convene.scheduler.meeting.domain;

import java.util.ArrayList;
import java.util.List;

/** Collects the rules a meeting breaks, so one refusal names all of them. */
final class RuleCheck {

  private final List<FieldProblem> problems = new ArrayList<>();

  RuleCheck add(String field, String message) {
    problems.add(new FieldProblem(field, message));
    return this;
  }

  boolean passed() {
    return problems.isEmpty();
  }

  List<FieldProblem> problems() {
    return List.copyOf(problems);
  }
}
