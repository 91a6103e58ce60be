/**
 * Delivery: records what each meeting event owes every recipient in the PostgreSQL delivery ledger
 * (one row per meeting, revision, recipient and kind), and sends it: the newest message owed to
 * each recipient, once, over reused SMTP connections, retrying what fails for now and showing
 * operators what failed for good.
 *
 * <p>Recording: {@link org.convene.notifier.delivery.MeetingEventsListener} hands each event to
 * {@link org.convene.notifier.delivery.DeliveryRecorder}, which stores it as received ({@link
 * org.convene.notifier.delivery.EventLedger}) with what it owes ({@link
 * org.convene.notifier.delivery.OwedLedger}). Sending: {@link
 * org.convene.notifier.delivery.DispatchLoop} runs the threads; {@link
 * org.convene.notifier.delivery.BatchDispatcher} sends one batch, as {@link
 * org.convene.notifier.delivery.BatchPlanner} decides what each recipient gets from the events
 * {@link org.convene.notifier.delivery.BatchEvents} reads, and {@link
 * org.convene.notifier.delivery.OutcomeRecorder} records each outcome as soon as it is known
 * ({@link org.convene.notifier.delivery.OutcomeLedger}). {@link
 * org.convene.notifier.delivery.RelayAllowance} keeps every instance's sending within the mail
 * relay's limits; the claim takes the most urgent messages first ({@link
 * org.convene.notifier.delivery.OwedLedger#claimDue}). Operators read the ledger through {@link
 * org.convene.notifier.delivery.ReportLedger}.
 */
package org.convene.notifier.delivery;
