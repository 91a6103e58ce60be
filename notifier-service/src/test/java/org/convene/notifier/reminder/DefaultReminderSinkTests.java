package org.convene.notifier.reminder;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import org.convene.events.MeetingId;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

class DefaultReminderSinkTests {

  private final ApplicationContextRunner context =
      new ApplicationContextRunner().withBean(MeterRegistry.class, SimpleMeterRegistry::new).withUserConfiguration(ReminderConfiguration.class);

  @Test
  void withoutASinkOfTheApplicationsRemindersAreLoggedAndCountedByOutcome() {
    context.run(started -> {
      ReminderSink sink = started.getBean(ReminderSink.class);
      assertThat(sink).isInstanceOf(LoggingReminderSink.class);
      Instant due = Instant.parse("2026-12-27T00:00:00Z");

      sink.due(MeetingId.random(), 1, 60, due);
      sink.due(MeetingId.random(), 1, 1440, due);
      sink.missed(MeetingId.random(), 2, 60, due, due.plusSeconds(3600));

      MeterRegistry meters = started.getBean(MeterRegistry.class);
      assertThat(meters.get(LoggingReminderSink.REMINDERS).tag("outcome", "due").counter().count()).isEqualTo(2);
      assertThat(meters.get(LoggingReminderSink.REMINDERS).tag("outcome", "missed").counter().count()).isEqualTo(1);
    });
  }

  @Test
  void anApplicationSinkReplacesItWhicheverConfigurationComesFirst() {
    context.withUserConfiguration(ApplicationSink.class).run(started -> assertThat(started).getBean(ReminderSink.class).isInstanceOf(Sink.class));
    new ApplicationContextRunner()
        .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
        .withUserConfiguration(ApplicationSink.class, ReminderConfiguration.class)
        .run(started -> assertThat(started).getBean(ReminderSink.class).isInstanceOf(Sink.class));
  }

  @Configuration(proxyBeanMethods = false)
  static class ApplicationSink {

    @Bean
    Sink applicationSink() {
      return new Sink();
    }
  }

  static class Sink implements ReminderSink {

    @Override
    public void due(MeetingId meetingId, long plannedRevision, int minutesBefore, Instant dueAt) {}

    @Override
    public void missed(MeetingId meetingId, long plannedRevision, int minutesBefore, Instant dueAt, Instant firedAt) {}
  }
}
