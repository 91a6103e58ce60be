package org.convene.notifier.invitation;

import net.fortuna.ical4j.model.property.Method;
import net.fortuna.ical4j.model.property.immutable.ImmutableMethod;

/** What a message tells its recipient; each kind has its own subject, wording and iTIP method. */
public enum NoticeKind {
  /** The recipient is invited: the full invitation, an iTIP REQUEST. */
  INVITATION(ImmutableMethod.REQUEST),
  /**
   * The meeting changed: a REQUEST with the new SEQUENCE and what changed since the recipient's
   * last message.
   */
  UPDATE(ImmutableMethod.REQUEST),
  /** The meeting is called off: a CANCEL with STATUS:CANCELLED naming every attendee. */
  CANCELLATION(ImmutableMethod.CANCEL),
  /**
   * The recipient is no longer invited while the meeting goes ahead: a CANCEL naming only them and,
   * as RFC 5546 section 3.2.5 requires when uninviting attendees, without STATUS.
   */
  WITHDRAWAL(ImmutableMethod.CANCEL),
  /**
   * The meeting is coming up: a plain e-mail with the meeting as it stands, no iTIP message, so
   * that no calendar takes it for a change.
   */
  REMINDER(null),
  /**
   * A person's answer was recorded, by calendar or by link: a plain e-mail saying what, with their
   * links to change it. No calendar: a calendar client must not take it for a change of the
   * meeting, nor of the person's answer.
   */
  CONFIRMATION(null),
  /**
   * To the organiser and the chair: the quorum became unreachable, or is still at risk shortly
   * before the start. A plain e-mail.
   */
  QUORUM_ALERT(null),
  /** To a voting member who has not answered while the quorum is at risk: please answer. */
  NUDGE(null);

  /** {@code null} for a message without a calendar. */
  private final Method method;

  NoticeKind(Method method) {
    this.method = method;
  }

  /**
   * The iTIP method, {@code REQUEST} or {@code CANCEL}; {@code null} for a message without a
   * calendar.
   */
  public String method() {
    return method == null ? null : method.getValue();
  }

  /** Whether the message carries an iTIP calendar. */
  public boolean itip() {
    return method != null;
  }

  Method itipMethod() {
    return method;
  }

  /** Whether the message is about the answers: a confirmation, a quorum alert or a nudge. */
  public boolean aboutAnswers() {
    return this == CONFIRMATION || this == QUORUM_ALERT || this == NUDGE;
  }

  public boolean cancels() {
    return method == ImmutableMethod.CANCEL;
  }
}
