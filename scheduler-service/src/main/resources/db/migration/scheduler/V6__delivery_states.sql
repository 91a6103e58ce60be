-- What became of the newest message to each participant, as the notifier reported it (the
-- delivery-outcomes topic): the meeting page shows it per person. Never read from the notifier's
-- database. mailbox_key is the address in lower case, as for answers.
create table delivery_state (
    meeting_id  uuid        not null references meeting (id) on delete cascade,
    mailbox_key text        not null,
    revision    bigint      not null check (revision >= 1),
    message     text        not null,
    state       text        not null,
    reason      text,
    reported_at timestamptz not null,
    primary key (meeting_id, mailbox_key)
);
