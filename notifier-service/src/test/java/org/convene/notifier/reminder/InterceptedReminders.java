package org.convene.notifier.reminder;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;

/**
 * Puts a {@link RecordingReminderSink} in front of the notifier's own reminder sink: the hand-overs
 * of the meetings a test {@linkplain RecordingReminderSink#intercept intercepts} are recorded there
 * and go no further, every other reminder reaches the ledger as in production. So the reminder
 * planning tests share one application context with the delivery tests.
 *
 * <p>Imported by the shared test context; not a {@code @Configuration}, so that no other context's
 * component scan (a notifier started by a test as its own application) finds it.
 */
public class InterceptedReminders {

  /** The name of the shared test context's notifier in the recorded hand-overs. */
  static final String MAIN = "main";

  @Bean
  static BeanPostProcessor interceptedReminders() {
    return as(MAIN);
  }

  /** Wraps the reminder sink of a notifier whose hand-overs are recorded under {@code instance}. */
  static BeanPostProcessor as(String instance) {
    return new BeanPostProcessor() {
      @Override
      public Object postProcessAfterInitialization(Object bean, String beanName) {
        return bean instanceof ReminderSink sink && !(bean instanceof RecordingReminderSink)
            ? new RecordingReminderSink(instance, sink)
            : bean;
      }
    };
  }
}
