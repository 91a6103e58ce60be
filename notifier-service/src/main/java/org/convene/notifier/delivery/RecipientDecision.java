package org.convene.notifier.delivery;

import java.util.ArrayList;
import java.util.List;
import org.convene.notifier.delivery.DeliveryKey.RecipientKey;

/**
 * What to do for one recipient of one meeting, given every ledger row they have: send the newest
 * owed message, with what changed since the last one they got, and supersede the rest.
 *
 * <ul>
 *   <li>A message older than one already sent (or given up) is superseded: nobody receives an older
 *       revision after a newer one.
 *   <li>Of the messages owed, only the newest is sent; the older ones are superseded by it. Its
 *       kind decides the message: a cancellation cancels, whatever was owed before it; an
 *       invitation invites, whatever was cancelled before it.
 *   <li>A REQUEST is worded as an invitation when the recipient has no invitation in effect: they
 *       never got one, or the last message they got cancelled it.
 * </ul>
 *
 * @param send the row to send, or {@code null} if nothing is left to send
 * @param invites whether {@code send}, if a REQUEST, is worded as an invitation rather than an
 *     update
 * @param lastSentRevision the revision of the last message the recipient got, 0 if none: an update
 *     describes the changes after it
 * @param superseded rows never to be sent, with the revision that supersedes each
 */
record RecipientDecision(
    RecipientKey recipient,
    LedgerRow send,
    boolean invites,
    long lastSentRevision,
    List<Superseded> superseded) {

  /** A row not to be sent, because of revision {@code by}. */
  record Superseded(LedgerRow row, long by) {}

  /** Decides for one recipient; {@code rows} are all of theirs, in any order. */
  static RecipientDecision of(RecipientKey recipient, List<LedgerRow> rows) {
    LedgerRow lastSent = null;
    long settled = 0;
    for (LedgerRow row : rows) {
      if (row.status() == DeliveryStatus.SENT
          && (lastSent == null || row.revision() > lastSent.revision())) {
        lastSent = row;
      }
      if (row.status() == DeliveryStatus.SENT || row.status() == DeliveryStatus.FAILED) {
        settled = Math.max(settled, row.revision());
      }
    }
    LedgerRow newest = null;
    for (LedgerRow row : rows) {
      if (row.status() == DeliveryStatus.PENDING
          && row.revision() >= settled
          && (newest == null || row.revision() > newest.revision())) {
        newest = row;
      }
    }
    List<Superseded> superseded = new ArrayList<>();
    boolean invitationOwed = false;
    for (LedgerRow row : rows) {
      if (row.status() != DeliveryStatus.PENDING || row == newest) {
        continue;
      }
      if (row.revision() < settled) {
        superseded.add(new Superseded(row, settled));
      } else {
        superseded.add(new Superseded(row, newest.revision()));
        invitationOwed |= row.kind() == DeliveryKind.INVITATION;
      }
    }
    boolean invites =
        newest != null
            && (newest.kind() == DeliveryKind.INVITATION
                || invitationOwed
                || lastSent == null
                || lastSent.kind() == DeliveryKind.CANCELLATION);
    return new RecipientDecision(
        recipient,
        newest,
        invites,
        lastSent == null ? 0 : lastSent.revision(),
        List.copyOf(superseded));
  }
}
