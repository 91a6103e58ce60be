/**
 * Meetings: the API to schedule, read and change them, and their storage; the rules themselves are
 * the aggregate's, in {@code domain}.
 */
package org.convene.scheduler.meeting;
