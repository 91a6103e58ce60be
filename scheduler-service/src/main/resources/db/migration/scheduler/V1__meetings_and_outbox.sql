-- A meeting is stored as its latest snapshot (the same document its events carry) plus the
-- columns that queries and rules need.
create table meeting (
    id              uuid primary key,
    revision        bigint      not null check (revision >= 1),
    status          text        not null,
    title           text        not null,
    organiser_email text        not null,
    starts_at       timestamptz not null,
    ends_at         timestamptz not null,
    time_zone       text        not null,
    snapshot        jsonb       not null,
    created_at      timestamptz not null default now(),
    updated_at      timestamptz not null default now(),
    check (ends_at > starts_at)
);

create index meeting_starts_at on meeting (starts_at);
create index meeting_organiser on meeting (organiser_email, starts_at);

-- Events waiting to be relayed to Kafka, in commit order per meeting (id is monotonic).
create table outbox (
    id          bigint generated always as identity primary key,
    event_id    uuid        not null unique,
    meeting_id  uuid        not null,
    revision    bigint      not null,
    event_type  text        not null,
    payload     jsonb       not null,
    created_at  timestamptz not null default now(),
    unique (meeting_id, revision)
);
