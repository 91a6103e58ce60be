package org.convene.infra.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * The order in which the answers benchmark sends its answers: meeting after meeting, every person
 * of a meeting in turn, alternating the channel, so that half the answers come by calendar reply
 * and half by link, and only the few meetings answered in the last seconds have answers on the way
 * (which keeps the polling of the API to a few meetings at a time). The answer itself cycles
 * through accepted, accepted, tentative, declined.
 */
final class AnswerPlan {

  enum Channel {
    CALENDAR_REPLY,
    LINK
  }

  /** One answer: person {@code person} of meeting {@code meeting}. */
  record Answer(int meeting, int person, Channel channel, String partstat) {}

  private static final String[] PARTSTATS = {"ACCEPTED", "ACCEPTED", "TENTATIVE", "DECLINED"};

  private AnswerPlan() {}

  static List<Answer> of(int meetings, int people, int answers) {
    if (meetings < 1 || people < 1 || answers < 1) {
      throw new IllegalArgumentException(
          "meetings, people and answers must be positive: %d, %d, %d"
              .formatted(meetings, people, answers));
    }
    if ((long) meetings * people < answers) {
      throw new IllegalArgumentException(
          "%d answers need more than %d meetings of %d people: everyone answers once"
              .formatted(answers, meetings, people));
    }
    List<Answer> plan = new ArrayList<>(answers);
    for (int i = 0; i < answers; i++) {
      plan.add(
          new Answer(
              i / people,
              i % people,
              i % 2 == 0 ? Channel.CALENDAR_REPLY : Channel.LINK,
              PARTSTATS[(i / 2) % PARTSTATS.length]));
    }
    return plan;
  }
}
