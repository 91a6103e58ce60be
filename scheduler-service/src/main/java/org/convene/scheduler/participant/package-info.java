/** Who is invited to a meeting and in which role: adding, removing and re-roling participants. */
package org.convene.scheduler.participant;
