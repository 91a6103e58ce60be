/** The API of a meeting's participants: inviting, changing and removing them by e-mail address. */
package org.convene.scheduler.participant;
