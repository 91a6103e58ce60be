-- Each invited person's latest answer to a meeting, as the scheduler published it: reminders
-- leave out those who declined. The scheduler owns the answers; this is the notifier's copy.
create table attendee_answer (
  meeting_id  uuid        not null,
  -- The mailbox key (lower case), as the ledger names recipients.
  recipient   text        not null,
  answer      text        not null,
  -- When the scheduler recorded the answer: a redelivered older event never overwrites a newer one.
  recorded_at timestamptz not null,
  constraint attendee_answer_pk primary key (meeting_id, recipient)
);
