-- A change of the quorum rule is an answer event too: it keeps the meeting's current revision, so
-- it must not count against the one-row-per-revision rule of the meeting's own events.
drop index outbox_meeting_revision;
create unique index outbox_meeting_revision on outbox (meeting_id, revision)
    where event_type not in (
        'org.convene.meeting.attendee-answered.v1',
        'org.convene.meeting.quorum-changed.v1',
        'org.convene.meeting.quorum-rule-changed.v1');
