-- A record that a consumer group could not process, once per record however many groups failed on
-- it: keyed by where it was read (topic, partition, offset), with every group that gave up on it.
-- The record's key, value and headers are kept as they were read, so that an operator can replay
-- it to its topic once its cause is fixed, or park or discard it with a reason.
create table dead_letter (
    id                bigserial   primary key,
    topic             text        not null,
    partition_no      integer     not null,
    record_offset     bigint      not null,
    record_key        text,
    record_value      bytea,
    headers           jsonb       not null default '[]', -- [{"name": ..., "value": base64}], in order
    record_timestamp  timestamptz,
    groups            text[]      not null,
    exception         text        not null, -- the failure's class name (not the listener's wrapper)
    message           text,
    first_failed_at   timestamptz not null default now(),
    last_failed_at    timestamptz not null default now(),
    published_at      timestamptz,          -- when its copy went to the dead-letter topic
    status            text        not null default 'DEAD',
    resolved_by       text,
    resolved_at       timestamptz,
    resolution_reason text,
    constraint dead_letter_source unique (topic, partition_no, record_offset),
    constraint dead_letter_status_known check (status in ('DEAD', 'REPLAYED', 'PARKED', 'DISCARDED'))
);

comment on column dead_letter.status is
    'DEAD: awaiting an operator; REPLAYED: sent to its topic again (never twice); PARKED: kept aside, may be replayed later; DISCARDED: dropped for good';

-- What operators look at first: the newest dead letters awaiting them.
create index dead_letter_open on dead_letter (last_failed_at desc) where status in ('DEAD', 'PARKED');

-- Every operator's write action: who did what, when, to how many.
create table ops_audit (
    id       bigserial   primary key,
    at       timestamptz not null default now(),
    actor    text        not null,
    action   text        not null,
    target   text        not null,
    affected integer     not null,
    reason   text
);

create index ops_audit_newest on ops_audit (at desc);
