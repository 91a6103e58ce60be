/**
 * The organiser mailbox: reads the calendar replies (iTIP {@code REPLY} over iMIP) people send with
 * their calendar's buttons, and hands each to the scheduler as a {@code ReplyReceived}.
 */
package org.convene.notifier.reply;
