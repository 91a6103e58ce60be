/** Meetings: the API to schedule and read them, their validation rules and their storage. */
package org.convene.scheduler.meeting;
