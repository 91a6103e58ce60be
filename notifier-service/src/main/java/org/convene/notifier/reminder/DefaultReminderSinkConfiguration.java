package org.convene.notifier.reminder;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * The {@link LoggingReminderSink}, for as long as the application defines no other {@link
 * ReminderSink}.
 *
 * <p>Deliberately not a {@code @Configuration}: component scanning would then load it among the
 * application's own configuration, where {@code @ConditionalOnMissingBean} sees only the beans
 * defined before it. {@link ReminderConfiguration} imports it as an auto-configuration instead,
 * evaluated after every application (and test) bean is known, whichever class defines the real
 * sink.
 */
class DefaultReminderSinkConfiguration {

  @Bean
  @ConditionalOnMissingBean(ReminderSink.class)
  ReminderSink loggingReminderSink(MeterRegistry meters) {
    return new LoggingReminderSink(meters);
  }
}
