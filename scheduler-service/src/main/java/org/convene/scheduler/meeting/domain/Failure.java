package org.convene.scheduler.meeting.domain;

import java.util.List;

/** Why an operation on a meeting was refused. */
public sealed interface Failure {

  /** The request breaks one or more of the meeting's rules. */
  record BrokenRules(List<FieldProblem> problems) implements Failure {
    public BrokenRules {
      problems = List.copyOf(problems);
    }
  }

  /** The meeting's state does not allow the operation. */
  record Conflict(String reason) implements Failure {}

  /** The operation names something the meeting does not have. */
  record NotFound(String reason) implements Failure {}
}
