-- The listener only records what is owed; dispatchers send it (see DeliveryDispatcher).

-- Every event, so that a dispatcher can write any revision's message and say what changed since
-- the one a recipient last got. The first copy of a (meeting, revision) wins: a redelivery is
-- recognised by this key and records nothing.
create table meeting_event (
    meeting_id  uuid        not null,
    revision    bigint      not null,
    event_id    uuid        not null,
    event_type  text        not null,
    payload     jsonb       not null, -- the contract's JSON, as published
    occurred_at timestamptz not null,
    received_at timestamptz not null default now(),
    constraint meeting_event_pk primary key (meeting_id, revision)
);

-- One row per (meeting, recipient). Dispatchers lock it (FOR UPDATE SKIP LOCKED) while they send
-- to that recipient, so that however many threads and instances there are, one recipient's messages
-- go out one at a time and never out of order. The listener only ever inserts it (ON CONFLICT DO
-- NOTHING, which does not wait for the lock).
create table delivery_recipient (
    meeting_id uuid not null,
    recipient  text not null,
    constraint delivery_recipient_pk primary key (meeting_id, recipient)
);

insert into delivery_recipient (meeting_id, recipient)
select distinct meeting_id, recipient from delivery;

alter table delivery
    add column due_at          timestamptz, -- PENDING: not before; after the quiet period or a back-off
    add column last_attempt_at timestamptz,
    add column sent_at         timestamptz,
    add column superseded_by   bigint;      -- SUPERSEDED: the revision sent (or owed) instead

update delivery set due_at = updated_at;

alter table delivery
    alter column due_at set default now(),
    alter column due_at set not null,
    drop constraint delivery_status_known,
    add constraint delivery_status_known check (status in ('PENDING', 'SENT', 'FAILED', 'SUPERSEDED')),
    add constraint delivery_kind_known check (kind in ('INVITATION', 'UPDATE', 'CANCELLATION'));

comment on column delivery.kind is 'INVITATION, UPDATE or CANCELLATION: what this revision owes the recipient';
comment on column delivery.last_error is 'the last failed attempt: the SMTP reply or the error';

drop index delivery_unsent;

-- What the dispatchers look for, oldest first.
create index delivery_due on delivery (due_at) where status = 'PENDING';
-- A recipient's history of one meeting: what was sent last, what is owed.
create index delivery_by_recipient on delivery (meeting_id, recipient, revision);
-- What operators look at.
create index delivery_failed on delivery (updated_at) where status = 'FAILED';
