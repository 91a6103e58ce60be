package org.convene.notifier.invitation;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.convene.events.Answer;
import org.convene.events.MeetingId;
import org.convene.events.MeetingTime;

/**
 * Each invited person's latest known answer to a meeting, so that a REQUEST tells the calendars who
 * accepted, tentatively accepted, declined or delegated (their {@code PARTSTAT}).
 */
@FunctionalInterface
public interface KnownAnswers {

  /** The latest answer of each person who answered the meeting, by mailbox key. */
  Map<String, KnownAnswer> of(MeetingId meetingId);

  /**
   * One person's latest answer.
   *
   * @param answeredTime the meeting time the answer was given to; {@code null} when not known
   */
  record KnownAnswer(Answer answer, MeetingTime answeredTime) {

    public KnownAnswer {
      Objects.requireNonNull(answer, "answer");
    }
  }

  /**
   * The answers that still stand for the meeting at {@code time}, by mailbox key. A new time is a
   * significant change (RFC 5546, section 2.1.4): an answer given to another time, or to a time not
   * known, does not stand, and the person is asked again ({@code PARTSTAT=NEEDS-ACTION}).
   */
  static Map<String, Answer> standingAt(Map<String, KnownAnswer> known, MeetingTime time) {
    Map<String, Answer> standing = new HashMap<>();
    known.forEach(
        (mailbox, answer) -> {
          if (time.equals(answer.answeredTime())) {
            standing.put(mailbox, answer.answer());
          }
        });
    return standing;
  }
}
