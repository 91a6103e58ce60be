package org.convene.scheduler.inbox;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.convene.events.ReplyReceived;
import org.slf4j.MDC;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the replies the mailbox reader hands over. Failures reach the container's error handler,
 * which retries, waits out a database outage, and dead-letters what cannot be read.
 */
@Component
class RepliesListener {

  static final String ID = "replies";

  private final ReplyProcessing processing;
  private final JsonMapper json;

  RepliesListener(ReplyProcessing processing, JsonMapper json) {
    this.processing = processing;
    this.json = json;
  }

  @KafkaListener(
      id = ID,
      groupId = "${convene.scheduler.replies.group-id:convene-scheduler-replies}",
      topics = "${convene.scheduler.replies.topic:" + ReplyReceived.DEFAULT_TOPIC + "}",
      containerFactory = InboxKafkaConfiguration.CONTAINER_FACTORY)
  void on(ConsumerRecord<String, String> record) {
    ReplyReceived reply = json.readValue(record.value(), ReplyReceived.class);
    MDC.put("messageId", reply.messageId());
    MDC.put("meetingId", reply.uid());
    try {
      processing.process(reply, record.value());
    } finally {
      MDC.remove("messageId");
      MDC.remove("meetingId");
    }
  }
}
