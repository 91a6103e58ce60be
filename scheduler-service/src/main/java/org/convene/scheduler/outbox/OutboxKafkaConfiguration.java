package org.convene.scheduler.outbox;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.support.ProducerListener;

@Configuration(proxyBeanMethods = false)
class OutboxKafkaConfiguration {

  private static final Logger log = LoggerFactory.getLogger(OutboxKafkaConfiguration.class);

  /**
   * Replaces Spring Kafka's logging listener, which logs whole payloads (participants' names and
   * addresses) at ERROR for every failed send. The relay reports failures itself; this keeps one
   * short line per failed record, with ids only.
   */
  @Bean
  ProducerListener<Object, Object> quietProducerListener() {
    return new ProducerListener<>() {
      @Override
      public void onError(
          ProducerRecord<Object, Object> record, RecordMetadata metadata, Exception exception) {
        log.debug(
            "Send of meeting {} to {} failed: {}",
            record.key(),
            record.topic(),
            exception.getMessage());
      }
    };
  }
}
