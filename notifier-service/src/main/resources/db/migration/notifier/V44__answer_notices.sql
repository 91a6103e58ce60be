-- Confirmations of answers, quorum alerts and nudges to answer go through the delivery ledger like
-- every other message. The answer events that owe them are kept here as received, by event id: a
-- redelivered event finds its row and owes nothing again. They cannot go into meeting_event, which
-- holds one event per revision, since an answer does not change the meeting's revision.
create table answer_event (
  event_id    uuid        not null,
  meeting_id  uuid        not null,
  event_type  text        not null,
  payload     jsonb       not null,
  occurred_at timestamptz not null,
  received_at timestamptz not null default now(),
  constraint answer_event_pk primary key (event_id)
);

-- The newest answer event of a meeting carries its quorum as it stands.
create index answer_event_by_meeting on answer_event (meeting_id, occurred_at desc);

-- One person may answer several times at one revision: each answer owes its own confirmation, and
-- each change of the quorum into UNREACHABLE its own alert. Such a row names the answer event that
-- owes it; every other row has the nil id.
alter table delivery
    add column notice_id uuid not null default '00000000-0000-0000-0000-000000000000',
    drop constraint delivery_pk,
    add constraint delivery_pk primary key (meeting_id, revision, recipient, kind, reminder_minutes, notice_id),
    drop constraint delivery_kind_known,
    add constraint delivery_kind_known check (
        kind in ('INVITATION', 'UPDATE', 'CANCELLATION', 'REMINDER', 'CONFIRMATION', 'QUORUM_ALERT', 'NUDGE')),
    drop constraint delivery_reminder_shape,
    add constraint delivery_reminder_shape check (
        (reminder_minutes >= 0) = (reminder_due_at is not null)
        and (kind not in ('REMINDER', 'NUDGE') or reminder_minutes >= 0)
        and (kind in ('REMINDER', 'NUDGE', 'QUORUM_ALERT') or reminder_minutes = -1));

comment on column delivery.kind is
    'INVITATION, UPDATE, CANCELLATION, REMINDER; CONFIRMATION of an answer, QUORUM_ALERT to the organiser and chair, NUDGE to answer';
comment on column delivery.reminder_minutes is
    'REMINDER, NUDGE and a QUORUM_ALERT at a lead time: how many minutes before the start; -1 otherwise';
comment on column delivery.notice_id is
    'CONFIRMATION and a QUORUM_ALERT on becoming UNREACHABLE: the answer event that owes it; the nil id otherwise';
