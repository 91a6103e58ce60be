-- Each message's outcome is recorded as soon as the mail server answers, not at the end of its
-- batch; just before a message goes out its row is marked in flight. A row found in flight when it
-- is claimed again may have reached the recipient already (the notifier or its database was lost
-- between the server's reply and the record): it is sent again, with the same Message-ID, and
-- flagged, so that at most the one message in flight per SMTP connection can arrive twice.
alter table delivery
    add column sending_since      timestamptz,
    add column possible_duplicate boolean not null default false;

comment on column delivery.sending_since is
    'set just before the message is handed to the mail server, cleared with its outcome: set on a row that is claimed again means it may have been sent already';
comment on column delivery.possible_duplicate is
    'an attempt may have reached the recipient without its outcome being recorded: the message was (or will be) sent again, with the same Message-ID';

-- What operators look at: the messages that may have arrived twice.
create index delivery_possible_duplicate on delivery (updated_at) where possible_duplicate;
