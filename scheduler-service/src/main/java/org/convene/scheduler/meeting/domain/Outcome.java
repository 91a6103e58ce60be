package org.convene.scheduler.meeting.domain;

import java.util.Objects;

/** What an operation on a meeting came to: a change, nothing to change, or a refusal. */
public sealed interface Outcome {

  /** The meeting after the operation and the change that led there. */
  record Changed(Meeting after, MeetingChange change) implements Outcome {
    public Changed {
      Objects.requireNonNull(after, "after");
      Objects.requireNonNull(change, "change");
    }
  }

  /** The operation asked for what the meeting already is: nothing is stored or published. */
  record Unchanged(Meeting meeting) implements Outcome {}

  /** The operation was refused; the meeting stays as it was. */
  record Refused(Failure failure) implements Outcome {}
}
