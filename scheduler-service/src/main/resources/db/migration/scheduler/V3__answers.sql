-- Answers (RSVP) to meetings, the quorum rule they are counted against, and the replies that
-- arrived from the mailbox reader.

-- A meeting without a row has the default rule: a majority of the voting members, the chair counting.
create table quorum_rule (
    meeting_id   uuid    primary key references meeting (id) on delete cascade,
    kind         text    not null check (kind in ('MAJORITY', 'FRACTION', 'FIXED')),
    value        int,
    chair_counts boolean not null
);

-- Each invited person's newest answer, by (answered revision, answered at). mailbox_key is the
-- address in lower case: one person, whatever spelling their calendar uses.
create table answer (
    meeting_id        uuid        not null references meeting (id) on delete cascade,
    mailbox_key       text        not null,
    address           text        not null,
    status            text        not null,
    delegated_to      text,
    answered_revision bigint      not null check (answered_revision >= 1),
    answered_at       timestamptz not null,
    channel           text        not null,
    comment           text,
    recorded_at       timestamptz not null,
    primary key (meeting_id, mailbox_key)
);

-- Answers from people the meeting does not invite ("party crashers"): shown to the organiser,
-- never added to the meeting. Newest per address.
create table uninvited_answer (
    meeting_id        uuid        not null references meeting (id) on delete cascade,
    mailbox_key       text        not null,
    address           text        not null,
    status            text        not null,
    answered_revision bigint      not null,
    answered_at       timestamptz not null,
    channel           text        not null,
    comment           text,
    recorded_at       timestamptz not null,
    primary key (meeting_id, mailbox_key)
);

-- Every reply message handed over by the mailbox reader, once: a redelivered message finds its
-- row and is not processed again, across restarts. What became of it is kept for ops, with the
-- reason when it was not recorded as an answer.
create table received_reply (
    message_id   text        primary key,
    meeting_uid  text        not null,
    attendee     text        not null,
    outcome      text        not null,
    reason       text,
    payload      jsonb       not null,
    processed_at timestamptz not null default now()
);
create index received_reply_refused on received_reply (processed_at) where outcome = 'REFUSED';

-- Answer events keep the meeting's current revision (an answer does not revise the meeting), so
-- several events may share a revision; the meeting's own changes still have one each.
alter table outbox drop constraint outbox_meeting_id_revision_key;
create unique index outbox_meeting_revision on outbox (meeting_id, revision)
    where event_type not in ('org.convene.meeting.attendee-answered.v1', 'org.convene.meeting.quorum-changed.v1');
