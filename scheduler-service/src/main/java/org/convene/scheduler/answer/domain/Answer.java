package org.convene.scheduler.answer.domain;

import java.time.Instant;
import java.util.Comparator;
import java.util.Objects;
import org.convene.scheduler.meeting.domain.Mailbox;

/**
 * One answer of one person.
 *
 * @param delegatedTo to whom, for {@link AnswerStatus#DELEGATED}; else {@code null}
 * @param revision the meeting revision answered (the reply's SEQUENCE)
 * @param answeredAt when the person answered (the reply's DTSTAMP, or the time of a link answer)
 * @param comment one line, capped; {@code null} for none
 */
public record Answer(
    Mailbox attendee,
    AnswerStatus status,
    Mailbox delegatedTo,
    long revision,
    Instant answeredAt,
    Channel channel,
    String comment) {

  /** Replies are ordered by (SEQUENCE, DTSTAMP), as iTIP orders them. */
  public static final Comparator<Answer> ORDER =
      Comparator.comparingLong(Answer::revision).thenComparing(Answer::answeredAt);

  public Answer {
    Objects.requireNonNull(attendee, "attendee");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(answeredAt, "answeredAt");
    Objects.requireNonNull(channel, "channel");
    comment = Comment.clean(comment);
    if (status != AnswerStatus.DELEGATED) {
      delegatedTo = null;
    }
  }

  /** Whether this answer comes after {@code other} in the order of replies. */
  public boolean isNewerThan(Answer other) {
    return ORDER.compare(this, other) > 0;
  }
}
