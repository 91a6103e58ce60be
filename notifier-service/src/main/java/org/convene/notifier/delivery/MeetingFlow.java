package org.convene.notifier.delivery;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One meeting's flow as operators follow it: each event as it was read, and per recipient what each
 * revision owed them and what became of it.
 */
public record MeetingFlow(String meetingId, List<Event> events, List<Recipient> recipients) {

  /** An event as the notifier recorded it. */
  public record Event(
      long revision,
      String type,
      String eventId,
      @Nullable Integer partition,
      @Nullable Long offset,
      Instant occurredAt,
      Instant receivedAt) {}

  /** A recipient's messages of this meeting, one step per recorded revision, and reminders. */
  public record Recipient(String recipient, List<Step> steps, List<Message> reminders) {

    /** What this recipient got of revision {@code revision}, if anything, and why. */
    public @Nullable Step at(long revision) {
      return steps.stream().filter(step -> step.revision() == revision).findFirst().orElse(null);
    }
  }

  /**
   * What one revision meant for one recipient.
   *
   * @param state SENT, PENDING, FAILED, SUPERSEDED, MISSED (a ledger row's status), or REMOVED (no
   *     longer a participant since {@code since}), NOT_YET (not a participant yet), NOTHING
   *     (nothing owed at this revision)
   * @param message the ledger row, where the revision owed this recipient a message
   * @param since for REMOVED, the revision whose cancellation removed them
   * @param answer the step in one sentence: did they get it, when, and if not, why
   */
  public record Step(
      long revision, String state, @Nullable Message message, @Nullable Long since, String answer) {

    static Step of(long revision, String state, @Nullable Message message, @Nullable Long since) {
      return new Step(revision, state, message, since, answer(state, message, since));
    }

    /**
     * The step in one sentence, as the flow page answers "did R get revision N, and if not why?".
     */
    private static String answer(String state, @Nullable Message message, @Nullable Long since) {
      String kind = message == null ? "" : message.kind().toLowerCase(java.util.Locale.ROOT);
      return switch (state) {
        case "SENT" ->
            "Yes: "
                + kind
                + " sent at "
                + message.sentAt()
                + (message.messageId() == null ? "" : ", Message-ID " + message.messageId())
                + (message.smtpReply() == null ? "" : ", mail server: " + message.smtpReply())
                + (message.possibleDuplicate() ? " (may have arrived twice)" : "");
        case "SUPERSEDED" ->
            "No: "
                + kind
                + " superseded by revision "
                + message.supersededBy()
                + ", which told them the same and more";
        case "FAILED" ->
            "No: "
                + kind
                + " failed after "
                + message.attempts()
                + " attempt(s): "
                + message.lastError();
        case "PENDING" ->
            "Not yet: "
                + kind
                + " owed, next try at "
                + message.dueAt()
                + (message.attempts() == 0
                    ? ""
                    : " ("
                        + message.attempts()
                        + " attempt(s) so far, last: "
                        + message.lastError()
                        + ")");
        case "MISSED" -> "No: " + kind + " was due too long ago when it fired";
        case "REMOVED" ->
            "No: removed from the meeting at revision "
                + since
                + ", and told so by a cancellation; nothing is owed to them since";
        case "NOT_YET" -> "No: not a participant at this revision";
        default -> "Nothing owed: this revision changed nothing they are told about";
      };
    }
  }

  /** One message in the ledger. */
  public record Message(
      long revision,
      String kind,
      @Nullable Integer reminderMinutes,
      String status,
      int attempts,
      @Nullable String lastError,
      Instant dueAt,
      @Nullable Instant lastAttemptAt,
      @Nullable Instant sentAt,
      @Nullable Long supersededBy,
      @Nullable String messageId,
      @Nullable String smtpReply,
      boolean possibleDuplicate,
      String eventId) {}

  /** A meeting a recipient had messages of, for a search by recipient. */
  public record RecipientMeeting(
      String meetingId,
      String recipient,
      long lastRevision,
      String lastStatus,
      Instant updatedAt) {}
}
