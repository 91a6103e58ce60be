package org.convene.scheduler.answer.domain;

import java.time.Instant;
import java.util.Objects;
import org.convene.scheduler.meeting.domain.Mailbox;

/**
 * Another time for the meeting, proposed by an invited person's calendar (an iTIP {@code COUNTER}):
 * for the organiser to consider; it changes neither the meeting nor the person's answer.
 *
 * @param revision the meeting revision the proposal refers to (its SEQUENCE)
 * @param proposedAt when the person proposed it (its DTSTAMP)
 * @param comment one line, capped; {@code null} for none
 */
public record Proposal(
    Mailbox attendee,
    Instant start,
    Instant end,
    long revision,
    Instant proposedAt,
    String comment) {

  public Proposal {
    Objects.requireNonNull(attendee, "attendee");
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
    Objects.requireNonNull(proposedAt, "proposedAt");
    if (!end.isAfter(start)) {
      throw new IllegalArgumentException("A proposed meeting ends after it starts: " + start);
    }
    comment = Comment.clean(comment);
  }
}
