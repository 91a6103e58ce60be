package org.convene.scheduler.meeting;

import org.convene.scheduler.meeting.domain.MeetingLimits;
import org.convene.scheduler.system.SchedulerProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class MeetingLimitsConfiguration {

  @Bean
  MeetingLimits meetingLimits(SchedulerProperties properties) {
    SchedulerProperties.Limits limits = properties.limits();
    return new MeetingLimits(
        limits.maxParticipants(), limits.maxAgendaItems(), limits.maxDuration());
  }
}
