package org.convene.scheduler.system;

import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;

@Configuration(proxyBeanMethods = false)
class KafkaTopicConfiguration {

  @Bean
  NewTopic meetingEventsTopic(SchedulerProperties properties) {
    return TopicBuilder.name(properties.topic())
        .partitions(properties.topicPartitions())
        .replicas(properties.topicReplicas())
        .build();
  }
}
