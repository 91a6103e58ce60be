-- The replies the mailbox reader has handled, by Message-ID: a restart, or the same reply
-- delivered twice, never publishes it again.
create table processed_reply (
  message_id   text        primary key,
  outcome      text        not null check (outcome in ('PUBLISHED', 'QUARANTINED')),
  processed_at timestamptz not null
);

-- What the reader could not take as a reply, kept with the reason for operators: nothing that
-- arrives in the organiser mailbox is dropped without a trace.
create table quarantined_reply (
  id          bigserial   primary key,
  message_id  text        not null,
  sender      text,
  subject     text,
  reason      text        not null,
  received_at timestamptz not null,
  -- The message as it arrived, capped, for diagnosis.
  raw         bytea
);
create index quarantined_reply_received_at on quarantined_reply (received_at);
