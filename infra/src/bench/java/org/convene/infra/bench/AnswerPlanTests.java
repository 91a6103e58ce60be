package org.convene.infra.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class AnswerPlanTests {

  @Test
  void everyoneAnswersOnceHalfOfThemByEachChannel() {
    List<AnswerPlan.Answer> plan = AnswerPlan.of(100, 100, 10_000);

    Set<String> people = new HashSet<>();
    plan.forEach(answer -> people.add(answer.meeting() + "/" + answer.person()));
    assertThat(people).hasSize(10_000);
    Map<AnswerPlan.Channel, Long> byChannel =
        plan.stream()
            .collect(Collectors.groupingBy(AnswerPlan.Answer::channel, Collectors.counting()));
    assertThat(byChannel)
        .containsEntry(AnswerPlan.Channel.CALENDAR_REPLY, 5_000L)
        .containsEntry(AnswerPlan.Channel.LINK, 5_000L);
  }

  @Test
  void answersMeetingAfterMeetingWithEveryKindOfAnswerByEachChannel() {
    List<AnswerPlan.Answer> plan = AnswerPlan.of(3, 10, 25);

    assertThat(plan).extracting(AnswerPlan.Answer::meeting).isSorted();
    assertThat(plan.get(10))
        .extracting(AnswerPlan.Answer::meeting, AnswerPlan.Answer::person)
        .containsExactly(1, 0);
    for (AnswerPlan.Channel channel : AnswerPlan.Channel.values()) {
      assertThat(
              plan.stream()
                  .filter(answer -> answer.channel() == channel)
                  .map(AnswerPlan.Answer::partstat)
                  .collect(Collectors.toSet()))
          .as(channel.name())
          .containsExactlyInAnyOrder("ACCEPTED", "TENTATIVE", "DECLINED");
    }
    assertThat(plan).doesNotHaveDuplicates().hasSize(25);
  }

  @Test
  void refusesMoreAnswersThanPeople() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> AnswerPlan.of(2, 10, 21))
        .withMessageContaining("21 answers");
  }
}
