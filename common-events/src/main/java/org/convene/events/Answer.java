package org.convene.events;

/**
 * What an attendee answered to an invitation: the iCalendar {@code PARTSTAT} values that a reply
 * can carry (RFC 5545, section 3.2.12).
 */
public enum Answer {
  /** Will attend ({@code PARTSTAT=ACCEPTED}). */
  ACCEPTED,
  /** May attend ({@code PARTSTAT=TENTATIVE}). */
  TENTATIVE,
  /** Will not attend ({@code PARTSTAT=DECLINED}). */
  DECLINED,
  /** Handed the invitation to somebody else ({@code PARTSTAT=DELEGATED}); does not attend. */
  DELEGATED
}
