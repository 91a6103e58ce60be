package org.convene.scheduler.inbox;

import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.convene.events.ReplyReceived;
import org.slf4j.MDC;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the replies the mailbox reader hands over, a poll's worth at a time in one transaction: one
 * connection taken from the pool and one commit for up to {@value
 * InboxKafkaConfiguration#REPLIES_PER_POLL} replies. Taken one by one, each reply waited for a
 * connection behind every web request in progress, and a burst of calendar answers queued for tens
 * of seconds while link answers went through.
 *
 * <p>When one reply fails, the transaction of the whole poll rolls back; the replies before it are
 * processed again in a transaction of their own, and the failure is reported for that reply, so
 * that the container's error handler commits what came before, retries it, waits out a database
 * outage, or dead-letters what cannot be read, as it does for one record.
 */
@Component
class RepliesListener {

  static final String ID = "replies";

  private final ReplyProcessing processing;
  private final TransactionTemplate transactions;
  private final JsonMapper json;

  RepliesListener(ReplyProcessing processing, TransactionTemplate transactions, JsonMapper json) {
    this.processing = processing;
    this.transactions = transactions;
    this.json = json;
  }

  @KafkaListener(
      id = ID,
      groupId = "${convene.scheduler.replies.group-id:convene-scheduler-replies}",
      topics = "${convene.scheduler.replies.topic:" + ReplyReceived.DEFAULT_TOPIC + "}",
      containerFactory = InboxKafkaConfiguration.CONTAINER_FACTORY,
      batch = "true")
  void on(List<ConsumerRecord<String, String>> records) {
    int[] current = {0};
    try {
      transactions.executeWithoutResult(status -> processAll(records, current));
    } catch (RuntimeException e) {
      int failed = Math.min(current[0], records.size() - 1);
      if (failed > 0) {
        try {
          transactions.executeWithoutResult(
              status -> processAll(records.subList(0, failed), new int[1]));
        } catch (RuntimeException again) {
          // Nothing of the poll is kept: the error handler takes it up from its first reply.
          throw new BatchListenerFailedException(
              "Reply at offset " + records.getFirst().offset() + " failed",
              again,
              records.getFirst());
        }
      }
      throw new BatchListenerFailedException(
          "Reply at offset " + records.get(failed).offset() + " failed", e, records.get(failed));
    }
  }

  /**
   * Reads the records, claims their replies and processes them in order, {@code current} holding
   * the index of the record in hand, so that a failure is put down to that record.
   */
  private void processAll(List<ConsumerRecord<String, String>> records, int[] current) {
    List<ReplyReceived> replies = new ArrayList<>(records.size());
    for (current[0] = 0; current[0] < records.size(); current[0]++) {
      replies.add(json.readValue(records.get(current[0]).value(), ReplyReceived.class));
    }
    current[0] = 0;
    ReplyProcessing.Poll poll =
        processing.claim(replies, records.stream().map(ConsumerRecord::value).toList());
    for (current[0] = 0; current[0] < records.size(); current[0]++) {
      ReplyReceived reply = replies.get(current[0]);
      MDC.put("messageId", reply.messageId());
      MDC.put("meetingId", reply.uid());
      try {
        poll.process(reply);
      } finally {
        MDC.remove("messageId");
        MDC.remove("meetingId");
      }
    }
    current[0] = records.size() - 1;
    poll.finish();
  }
}
