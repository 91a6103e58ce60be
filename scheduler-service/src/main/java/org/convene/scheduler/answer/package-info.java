/**
 * Answers (RSVP): recording them whatever the channel, the organisers' view of who is coming and
 * whether the meeting is quorate, and the signed answer links with their pages.
 */
package org.convene.scheduler.answer;
