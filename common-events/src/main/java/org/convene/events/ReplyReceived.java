package org.convene.events;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.Objects;

/**
 * An iTIP {@code REPLY} (or {@code COUNTER}) that arrived in the organiser mailbox Convene reads,
 * as its reader found it, handed to the scheduler, which decides whether it is an answer (or keeps
 * a counter-proposal for the organiser; it never changes the meeting). Published by the mailbox
 * reader as JSON to {@value #DEFAULT_TOPIC}, keyed by {@link #uid()} so that one meeting's replies
 * stay in order, with CloudEvents headers: {@code ce_id} = {@link #messageId()}, {@code ce_type} =
 * {@value #CLOUD_EVENT_TYPE}, {@code ce_source} = {@value #SOURCE_MAILBOX_READER}.
 *
 * <p>The values are the reply's own, unfolded and unescaped, not yet checked against the meeting:
 * the scheduler matches the attendee against the invited people, orders replies by ({@link
 * #sequence()}, {@link #dtStamp()}) and refuses what does not fit (kept for ops). The reader checks
 * only what needs the message: one {@code VEVENT}, one {@code ATTENDEE}, a {@code From} that is the
 * attendee (or its {@code SENT-BY}).
 *
 * @param messageId the message's {@code Message-ID}; the scheduler records each once
 * @param from the sender's mailbox address ({@code From} header)
 * @param attendee the {@code ATTENDEE}'s mailbox address, without {@code mailto:}
 * @param partStat the {@code PARTSTAT} parameter as written ({@code ACCEPTED}, {@code TENTATIVE},
 *     {@code DECLINED}, {@code DELEGATED}, anything else is refused by the scheduler)
 * @param sequence the {@code SEQUENCE} replied to; 0 when the reply had none
 * @param dtStamp the reply's {@code DTSTAMP}
 * @param uid the {@code UID}, which for Convene's meetings is the meeting id
 * @param comment the {@code COMMENT}, if any; the scheduler keeps one line of it, capped
 * @param delegatedTo the {@code DELEGATED-TO} mailbox address, if any
 * @param receivedAt when the message was read from the mailbox
 * @param method {@value #REPLY} or {@value #COUNTER} (RFC 5546, sections 3.2.3 and 3.2.7); {@value
 *     #REPLY} when written by a reader that did not send it. A scheduler that does not know the
 *     field takes a counter-proposal for a reply, so schedulers are upgraded before readers.
 * @param proposedStart for a {@value #COUNTER}, the start it proposes; else {@code null}
 * @param proposedEnd for a {@value #COUNTER}, the end it proposes; else {@code null}
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ReplyReceived(
    String messageId,
    String from,
    String attendee,
    String partStat,
    long sequence,
    Instant dtStamp,
    String uid,
    String comment,
    String delegatedTo,
    Instant receivedAt,
    String method,
    Instant proposedStart,
    Instant proposedEnd) {

  /** The version of this record's JSON that this code writes and reads. */
  public static final int SCHEMA_VERSION = 1;

  /** The Kafka topic replies are published to, unless configured otherwise. */
  public static final String DEFAULT_TOPIC = "convene.replies";

  /** The CloudEvents type of a reply. */
  public static final String CLOUD_EVENT_TYPE = "org.convene.reply.received.v" + SCHEMA_VERSION;

  /** The CloudEvents source of a reply: the service that reads the organiser mailbox. */
  public static final String SOURCE_MAILBOX_READER = "/convene/mailbox-reader";

  /** The iTIP method of an answer. */
  public static final String REPLY = "REPLY";

  /** The iTIP method of a proposal of another time. */
  public static final String COUNTER = "COUNTER";

  public ReplyReceived {
    Objects.requireNonNull(messageId, "messageId");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(attendee, "attendee");
    Objects.requireNonNull(partStat, "partStat");
    Objects.requireNonNull(dtStamp, "dtStamp");
    Objects.requireNonNull(uid, "uid");
    Objects.requireNonNull(receivedAt, "receivedAt");
    if (sequence < 0) {
      throw new IllegalArgumentException("sequence must not be negative: " + sequence);
    }
    method = method == null ? REPLY : method;
    if (!method.equals(REPLY) && !method.equals(COUNTER)) {
      throw new IllegalArgumentException("method must be REPLY or COUNTER: " + method);
    }
    if (method.equals(COUNTER) != (proposedStart != null && proposedEnd != null)) {
      throw new IllegalArgumentException(
          "A COUNTER, and only a COUNTER, proposes a start and an end: " + method);
    }
  }

  /** A {@value #REPLY}: an answer. */
  public ReplyReceived(
      String messageId,
      String from,
      String attendee,
      String partStat,
      long sequence,
      Instant dtStamp,
      String uid,
      String comment,
      String delegatedTo,
      Instant receivedAt) {
    this(
        messageId,
        from,
        attendee,
        partStat,
        sequence,
        dtStamp,
        uid,
        comment,
        delegatedTo,
        receivedAt,
        REPLY,
        null,
        null);
  }

  /** Whether this is a proposal of another time rather than an answer. */
  @JsonIgnore
  public boolean isCounter() {
    return method.equals(COUNTER);
  }

  /** The version of the contract this reply was written with. */
  @JsonProperty("schemaVersion")
  public int schemaVersion() {
    return SCHEMA_VERSION;
  }
}
