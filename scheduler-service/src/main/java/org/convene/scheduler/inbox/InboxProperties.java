package org.convene.scheduler.inbox;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import org.convene.events.ReplyReceived;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the scheduler reads the replies, prefix {@code convene.scheduler.replies}. Checked at
 * start-up: a bad value stops the service with a message naming the property.
 *
 * @param topic the topic the mailbox reader publishes {@code ReplyReceived} records to
 * @param deadLetterTopic where a reply goes that cannot be read or keeps failing
 * @param topicPartitions partitions of the topic when the service creates it
 * @param groupId the consumer group of the scheduler instances
 * @param consumers threads of each instance that record replies, each with partitions of its own (a
 *     meeting's replies share a partition, so they stay in order): a reply waiting for its
 *     meeting's row lock holds up no meeting of another partition. As many as the topic's
 *     partitions by default; more would idle
 */
@Validated
@ConfigurationProperties("convene.scheduler.replies")
record InboxProperties(
    @DefaultValue(ReplyReceived.DEFAULT_TOPIC) @NotBlank String topic,
    @DefaultValue(ReplyReceived.DEFAULT_TOPIC + ".DLT") @NotBlank String deadLetterTopic,
    @DefaultValue("3") @Min(1) @Max(1000) int topicPartitions,
    @DefaultValue("convene-scheduler-replies") @NotBlank String groupId,
    @DefaultValue("3") @Min(1) @Max(1000) int consumers) {}
