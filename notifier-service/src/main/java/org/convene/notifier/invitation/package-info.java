/**
 * Invitations: writes one recipient's message about a meeting (an invitation, an update saying what
 * changed, a cancellation or a withdrawn invitation) as an iTIP REQUEST or CANCEL (iCal4j) with
 * text and HTML in the recipient's language (Thymeleaf), in a MIME message ready to send.
 */
package org.convene.notifier.invitation;
