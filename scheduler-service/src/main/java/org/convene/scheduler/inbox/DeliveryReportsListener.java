package org.convene.scheduler.inbox;

import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.convene.events.DeliveryReported;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Keeps the notifier's delivery reports for the meeting pages, a poll's worth in one statement.
 * Failures reach the container's error handler, which retries, waits out a database outage, and
 * dead-letters what cannot be read.
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
  void on(List<ConsumerRecord<String, String>> records) {
    List<DeliveryReported> reports = new ArrayList<>(records.size());
    for (ConsumerRecord<String, String> record : records) {
      DeliveryReported report;
      try {
        report = json.readValue(record.value(), DeliveryReported.class);
      } catch (RuntimeException unreadable) {
        // Those before it are kept; the error handler dead-letters this one and goes on after it.
        keep(reports, records);
        throw new BatchListenerFailedException(
            "Delivery report at offset " + record.offset() + " cannot be read", unreadable, record);
      }
      reports.add(report);
    }
    keep(reports, records);
  }

  /**
   * Keeps the reports in one statement: all of them or, if it fails, none, put down to the poll's
   * first record so that the error handler tries the poll again from there.
   */
  private void keep(List<DeliveryReported> reports, List<ConsumerRecord<String, String>> records) {
    try {
      states.keep(reports);
    } catch (RuntimeException e) {
      throw new BatchListenerFailedException(
          "Delivery reports from offset " + records.getFirst().offset() + " not kept",
          e,
          records.getFirst());
    }
  }
}
