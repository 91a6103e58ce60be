package org.convene.notifier.delivery;

import java.time.Instant;

/**
 * One ledger row as operators see it through the {@code deliveries} actuator endpoint.
 *
 * @param revision the revision the message is for; for a reminder, the one that set its time
 * @param reminderMinutes for a reminder, how many minutes before the start; else {@code null}
 * @param reminderDueAt for a reminder, when it was meant to go out; else {@code null}
 * @param status PENDING, SENT, FAILED, SUPERSEDED or MISSED (a reminder that fired too late)
 * @param lastError the last failed attempt's SMTP reply or error
 * @param dueAt when a PENDING message is tried next
 * @param supersededBy for a SUPERSEDED message, the revision sent (or owed) instead
 * @param sendingSince when an attempt began whose outcome is not recorded yet (or never was)
 * @param possibleDuplicate whether an attempt may have reached the recipient without its outcome
 *     being recorded, so that a later one may have delivered a second copy (same Message-ID)
 */
public record DeliveryRecord(
    String meetingId,
    long revision,
    String recipient,
    String kind,
    Integer reminderMinutes,
    Instant reminderDueAt,
    String status,
    int attempts,
    String lastError,
    String eventId,
    Instant dueAt,
    Instant lastAttemptAt,
    Instant sentAt,
    Long supersededBy,
    Instant sendingSince,
    boolean possibleDuplicate,
    Instant createdAt,
    Instant updatedAt) {}
