package org.convene.scheduler.meeting;

import org.convene.scheduler.meeting.domain.Meeting;
import org.convene.scheduler.meeting.domain.QuorumRule;

/** A meeting as it stands, at its current revision, with its quorum rule. */
public record CurrentMeeting(long revision, Meeting meeting, QuorumRule quorumRule) {}
