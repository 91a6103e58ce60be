package org.convene.notifier.delivery;

import java.time.Instant;

/**
 * One ledger row as operators see it through the {@code deliveries} actuator endpoint.
 *
 * @param lastError the last failed attempt's SMTP reply or error
 * @param dueAt when a PENDING message is tried next
 * @param supersededBy for a SUPERSEDED message, the revision sent (or owed) instead
 */
public record DeliveryRecord(
    String meetingId,
    long revision,
    String recipient,
    String kind,
    String status,
    int attempts,
    String lastError,
    String eventId,
    Instant dueAt,
    Instant lastAttemptAt,
    Instant sentAt,
    Long supersededBy,
    Instant createdAt,
    Instant updatedAt) {}
