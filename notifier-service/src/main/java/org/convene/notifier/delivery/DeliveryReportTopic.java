package org.convene.notifier.delivery;

import org.apache.kafka.clients.admin.NewTopic;
import org.convene.events.DeliveryReported;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;

/**
 * The delivery-report topic, created at start-up if missing: the reporter's producer must know the
 * topic before its first send, which otherwise waits for the broker to make one.
 */
@Configuration(proxyBeanMethods = false)
class DeliveryReportTopic {

  @Bean
  NewTopic deliveryOutcomesTopic() {
    return TopicBuilder.name(DeliveryReported.DEFAULT_TOPIC).partitions(3).build();
  }
}
