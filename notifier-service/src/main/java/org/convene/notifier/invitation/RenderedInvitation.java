package org.convene.notifier.invitation;

/**
 * One recipient's texts.
 *
 * @param subject the e-mail subject, one line
 * @param text the text/plain body
 * @param html the text/html body
 * @param description the calendar DESCRIPTION
 */
record RenderedInvitation(String subject, String text, String html, String description) {}
