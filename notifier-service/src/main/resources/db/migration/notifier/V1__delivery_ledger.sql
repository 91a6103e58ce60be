-- One row per message the notifier owes: a redelivered event finds its rows and sends nothing
-- that is SENT already.
create table delivery (
    meeting_id uuid        not null,
    revision   bigint      not null,
    recipient  text        not null, -- the mailbox, trimmed and lower case
    kind       text        not null, -- INVITATION; later CANCELLATION, REMINDER
    status     text        not null default 'PENDING',
    attempts   integer     not null default 0,
    last_error text,
    event_id   uuid        not null, -- the event that first asked for this message
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    constraint delivery_pk primary key (meeting_id, revision, recipient, kind),
    constraint delivery_status_known check (status in ('PENDING', 'SENT', 'FAILED')),
    constraint delivery_attempts_not_negative check (attempts >= 0)
);

-- What is still owed, oldest first: for operators now, for the retry sweep later.
create index delivery_unsent on delivery (updated_at) where status <> 'SENT';
