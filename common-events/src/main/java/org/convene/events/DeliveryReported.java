package org.convene.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.Objects;

/**
 * What became of one message the notifier sent to one participant, as the notifier recorded it:
 * accepted by the mail server, to be tried again, or given up. Published by the notifier as JSON to
 * {@value #DEFAULT_TOPIC} right after it recorded the outcome, keyed by the meeting id so that one
 * meeting's reports stay in order, with CloudEvents headers: {@code ce_id} = {@link #reportId()},
 * {@code ce_type} = {@value #CLOUD_EVENT_TYPE}, {@code ce_source} = {@value #SOURCE_NOTIFIER}.
 *
 * <p>A report may arrive twice, or after a newer one of the same person: a reader keeps, per
 * meeting and recipient, the report of the highest ({@link #revision()}, {@link #at()}), and
 * reading a report again changes nothing.
 *
 * @param reportId unique per report
 * @param meetingId the meeting the message is about
 * @param revision the meeting revision the message was sent for (for a reminder, the revision that
 *     planned it)
 * @param recipient the recipient's mailbox address, trimmed and in lower case
 * @param message what the message was: {@code INVITATION}, {@code UPDATE}, {@code CANCELLATION},
 *     {@code REMINDER}, ... as the notifier names its kinds; readers show unknown ones as they are
 * @param state what became of it
 * @param reason the mail server's reply or the notifier's reason for {@link State#RETRYING} and
 *     {@link State#FAILED}; {@code null} when sent
 * @param at when the outcome was recorded
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record DeliveryReported(
    String reportId,
    MeetingId meetingId,
    long revision,
    String recipient,
    String message,
    State state,
    String reason,
    Instant at) {

  /** The version of this record's JSON that this code writes and reads. */
  public static final int SCHEMA_VERSION = 1;

  /** The Kafka topic delivery reports are published to, unless configured otherwise. */
  public static final String DEFAULT_TOPIC = "convene.delivery-outcomes";

  /** The CloudEvents type of a delivery report. */
  public static final String CLOUD_EVENT_TYPE = "org.convene.delivery.reported.v" + SCHEMA_VERSION;

  /** The CloudEvents source of a delivery report: the notifier's dispatcher. */
  public static final String SOURCE_NOTIFIER = "/convene/notifier";

  /** What became of a message. */
  public enum State {
    /** Accepted by the mail server. */
    SENT,
    /** Not accepted for now; the notifier tries again. */
    RETRYING,
    /** Given up: refused for good, or every retry failed. */
    FAILED
  }

  public DeliveryReported {
    Objects.requireNonNull(reportId, "reportId");
    Objects.requireNonNull(meetingId, "meetingId");
    Objects.requireNonNull(recipient, "recipient");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(at, "at");
    if (revision < 1) {
      throw new IllegalArgumentException("revision must be at least 1: " + revision);
    }
  }

  /** The version of the contract this report was written with. */
  @JsonProperty("schemaVersion")
  public int schemaVersion() {
    return SCHEMA_VERSION;
  }
}
