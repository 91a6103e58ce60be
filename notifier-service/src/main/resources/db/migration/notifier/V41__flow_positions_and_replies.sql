-- What the ops console's flow page shows: where each event was read (partition and offset of the
-- topic), and for each sent message the mail server's reply and the Message-ID it was sent with.
-- Rows recorded before this migration have none of them.
alter table meeting_event
    add column source_partition integer,
    add column source_offset    bigint;

alter table delivery
    add column message_id text,
    add column smtp_reply text;

comment on column meeting_event.source_partition is 'the topic partition the event was first read from';
comment on column meeting_event.source_offset is 'its offset there';
comment on column delivery.message_id is 'SENT: the Message-ID the mail server accepted';
comment on column delivery.smtp_reply is 'SENT: the mail server''s reply to the end of the message';

-- Finding a meeting by an event's id, and a recipient's meetings, on the flow page.
create index meeting_event_by_event on meeting_event (event_id);
create index delivery_by_mailbox on delivery (recipient, updated_at desc);
