package org.convene.notifier.delivery;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.convene.events.MeetingId;
import org.convene.notifier.invitation.Recipients;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.stereotype.Component;

/**
 * The delivery ledger for operators, at {@code /actuator/deliveries}: {@code GET} lists messages
 * (by meeting, by status) with how many are in each status; {@code POST} makes FAILED messages owed
 * again once their cause is fixed (by meeting, by recipient, or all). Exposed like any actuator
 * endpoint ({@code management.endpoints.web.exposure.include}); meant for the ops role once the
 * actuator is secured.
 */
@Component
@Endpoint(id = "deliveries")
class DeliveriesEndpoint {

  static final int DEFAULT_LIMIT = 100;
  static final int MAX_LIMIT = 1000;

  private final ReportLedger report;
  private final OwedLedger owed;
  private final RelayAllowance relay;

  DeliveriesEndpoint(ReportLedger report, OwedLedger owed, RelayAllowance relay) {
    this.report = report;
    this.owed = owed;
    this.relay = relay;
  }

  /**
   * @param meetingId only this meeting's messages, and counts
   * @param recipient only this recipient's messages, and counts (their e-mail address)
   * @param status only messages in this status: PENDING, SENT, FAILED or SUPERSEDED
   * @param limit at most this many, newest change first (default {@value #DEFAULT_LIMIT}, at most
   *     {@value #MAX_LIMIT})
   */
  @ReadOperation
  public Report deliveries(
      @Nullable String meetingId,
      @Nullable String recipient,
      @Nullable String status,
      @Nullable Integer limit) {
    int rows = limit == null ? DEFAULT_LIMIT : limit;
    if (rows < 1 || rows > MAX_LIMIT) {
      throw new InvalidEndpointRequestException(
          "limit must be between 1 and " + MAX_LIMIT + ": " + rows, "bad limit");
    }
    MeetingId meeting = meeting(meetingId);
    String mailbox = mailbox(recipient);
    return new Report(
        report.countByStatus(meeting, mailbox),
        report.countPossibleDuplicates(meeting, mailbox),
        relay.status(),
        report.list(meeting, mailbox, status(status), rows));
  }

  /**
   * Makes FAILED messages owed again, due now. One that a newer message to the same recipient has
   * overtaken meanwhile is superseded instead of sent.
   *
   * @param meetingId only this meeting's messages
   * @param recipient only this recipient's messages (their e-mail address)
   */
  @WriteOperation
  public Retried retry(@Nullable String meetingId, @Nullable String recipient) {
    return new Retried(owed.retryFailed(meeting(meetingId), mailbox(recipient)));
  }

  /**
   * Counts by status (of the meeting and recipient asked for, if any); how many messages may have
   * reached their recipient twice (an attempt's outcome was lost with the notifier or its database,
   * and the message was sent again); the mail relay's limits and what they hold back ({@code null}
   * without limits: {@code held} says why owed messages wait, such as a daily limit reached); and
   * the messages asked for.
   */
  public record Report(
      Map<String, Long> counts,
      long possibleDuplicates,
      RelayAllowance.@Nullable Status relay,
      List<DeliveryRecord> deliveries) {}

  /** How many FAILED messages are owed again. */
  public record Retried(int retried) {}

  private static String mailbox(String recipient) {
    return recipient == null || recipient.isBlank() ? null : Recipients.mailboxKey(recipient);
  }

  private static MeetingId meeting(String meetingId) {
    if (meetingId == null || meetingId.isBlank()) {
      return null;
    }
    try {
      return MeetingId.parse(meetingId.strip());
    } catch (IllegalArgumentException e) {
      throw new InvalidEndpointRequestException(
          "meetingId is not a UUID: " + meetingId, "bad meetingId");
    }
  }

  private static DeliveryStatus status(String status) {
    if (status == null || status.isBlank()) {
      return null;
    }
    try {
      return DeliveryStatus.valueOf(status.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new InvalidEndpointRequestException(
          "status must be one of PENDING, SENT, FAILED, SUPERSEDED: " + status, "bad status");
    }
  }
}
