/**
 * Invitations: builds one participant's iTIP REQUEST (iCal4j), renders its text and HTML in the
 * participant's language (Thymeleaf), and sends the MIME message.
 */
package org.convene.notifier.invitation;
