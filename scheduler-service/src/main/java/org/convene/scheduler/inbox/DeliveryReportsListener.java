package org.convene.scheduler.inbox;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.convene.events.DeliveryReported;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Keeps the notifier's delivery reports for the meeting pages. Failures reach the container's error
 * handler, which retries, waits out a database outage, and dead-letters what cannot be read.
 */
@Component
class DeliveryReportsListener {

  static final String ID = "delivery-outcomes";

  private final DeliveryStates states;
  private final JsonMapper json;

  DeliveryReportsListener(DeliveryStates states, JsonMapper json) {
    this.states = states;
    this.json = json;
  }

  @KafkaListener(
      id = ID,
      groupId =
          "${convene.scheduler.delivery-outcomes.group-id:convene-scheduler-delivery-outcomes}",
      topics = DeliveryReported.DEFAULT_TOPIC,
      containerFactory = InboxKafkaConfiguration.DELIVERY_CONTAINER_FACTORY)
  void on(ConsumerRecord<String, String> record) {
    states.keep(json.readValue(record.value(), DeliveryReported.class));
  }
}
