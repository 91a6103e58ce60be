package org.convene.notifier.reminder;

import java.util.Set;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ContainerCustomizer;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;

/**
 * The reminder planner's and the answers' listeners record no observation (span, timers) per
 * record. They keep state (plans, each person's latest answer) and send nothing, so no trace runs
 * through them to an e-mail: the invitations listener continues the scheduler's trace for every
 * message it owes. Each reads every event of the topic, skipping most (the planner each answer, the
 * answers listener each change of the meeting), and an observation per record cost more than the
 * skipping: in a profile of 100 answers/s, the span, its context and its timers took 20 % of the
 * notifier's CPU, two thirds of it in these two listeners.
 */
@Configuration(proxyBeanMethods = false)
class UnobservedListeners {

  static final Set<String> IDS = Set.of(ReminderPlanningListener.ID, AttendeeAnswersListener.ID);

  @Bean
  ContainerCustomizer<Object, Object, ConcurrentMessageListenerContainer<Object, Object>>
      stateListenersUnobserved() {
    return container -> {
      if (IDS.contains(container.getListenerId())) {
        container.getContainerProperties().setObservationEnabled(false);
      }
    };
  }
}
