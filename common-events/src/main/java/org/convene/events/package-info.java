/**
 * The event contract between Convene's scheduler and notifier: every change to a meeting is
 * published as one {@link org.convene.events.MeetingEvent}, carrying a full snapshot of the meeting
 * after the change so that consumers never need to call back.
 *
 * <p>Plain records and a sealed interface only: no Spring, no service code (enforced by a test),
 * Jackson annotations at most.
 */
package org.convene.events;
