package org.convene.scheduler.meeting;

import org.convene.scheduler.meeting.domain.Meeting;

/**
 * Published inside the transaction of every stored change of a meeting, after its event was
 * appended, for the features whose own state follows the meeting (the quorum follows who is
 * invited, and in which role). Listeners run in that transaction: what they store commits with the
 * change, or not at all.
 */
public record MeetingRevised(Meeting before, Meeting after, long revision) {}
