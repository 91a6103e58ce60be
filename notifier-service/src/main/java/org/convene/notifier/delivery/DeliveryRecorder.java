package org.convene.notifier.delivery;

import org.convene.events.MeetingEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Records what an event owes: the event and one ledger row per recipient, in one transaction, and
 * nothing if the event is recorded already. Sends nothing: the Kafka partition is never held by the
 * mail server.
 */
@Service
class DeliveryRecorder {

  private static final Logger log = LoggerFactory.getLogger(DeliveryRecorder.class);

  private final DeliveryLedger ledger;
  private final JsonMapper jsonMapper;
  private final DeliveryProperties properties;
  private final DeliveryMetrics metrics;

  DeliveryRecorder(DeliveryLedger ledger, JsonMapper jsonMapper, DeliveryProperties properties, DeliveryMetrics metrics) {
    this.ledger = ledger;
    this.jsonMapper = jsonMapper;
    this.properties = properties;
    this.metrics = metrics;
  }

  @Transactional
  public void record(MeetingEvent event) {
    String type = event.getClass().getSimpleName();
    boolean recorded = ledger.record(event, jsonMapper.writeValueAsString(event), OwedMessages.of(event), properties.quietPeriod());
    metrics.event(type, recorded ? DeliveryMetrics.RECORDED : DeliveryMetrics.DUPLICATE);
    if (recorded) {
      log.info("{} recorded", type);
    } else {
      log.info("{} recorded before: nothing more is owed", type);
    }
  }
}
