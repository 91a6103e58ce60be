-- Other times proposed by invited people's calendars (iTIP COUNTER): shown to the organiser, who
-- decides; a proposal never changes the meeting. Newest per person, by (revision, proposed at),
-- as replies are ordered.
create table counter_proposal (
    meeting_id        uuid        not null references meeting (id) on delete cascade,
    mailbox_key       text        not null,
    address           text        not null,
    proposed_start    timestamptz not null,
    proposed_end      timestamptz not null check (proposed_end > proposed_start),
    answered_revision bigint      not null check (answered_revision >= 1),
    proposed_at       timestamptz not null,
    comment           text,
    recorded_at       timestamptz not null,
    primary key (meeting_id, mailbox_key)
);
