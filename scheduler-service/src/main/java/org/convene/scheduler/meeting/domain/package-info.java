/**
 * The meeting aggregate: a meeting's rules, and the changes its operations cause or the reason they
 * are refused, as values. Plain Java: no framework, no storage, no wire format.
 */
package org.convene.scheduler.meeting.domain;
