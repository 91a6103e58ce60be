-- Reminders go through the same ledger as invitations: one row per (meeting, planned revision,
-- recipient, REMINDER, minutes before). The planned revision is the one that set the reminder's
-- time, so a trigger that fires twice finds its rows and records nothing, while a reminder moved by
-- a reschedule (a new planned revision) is owed again. Other kinds have reminder_minutes -1.
alter table delivery
    add column reminder_minutes integer not null default -1,
    add column reminder_due_at  timestamptz, -- REMINDER: when it was meant to go out
    drop constraint delivery_pk,
    add constraint delivery_pk primary key (meeting_id, revision, recipient, kind, reminder_minutes),
    drop constraint delivery_status_known,
    add constraint delivery_status_known check (status in ('PENDING', 'SENT', 'FAILED', 'SUPERSEDED', 'MISSED')),
    drop constraint delivery_kind_known,
    add constraint delivery_kind_known check (kind in ('INVITATION', 'UPDATE', 'CANCELLATION', 'REMINDER')),
    add constraint delivery_reminder_shape check (
        (kind = 'REMINDER') = (reminder_minutes >= 0 and reminder_due_at is not null));

comment on column delivery.kind is 'INVITATION, UPDATE, CANCELLATION or REMINDER: what this revision owes the recipient';
comment on column delivery.reminder_minutes is 'REMINDER: how many minutes before the start; -1 for other kinds';
comment on column delivery.status is 'PENDING, SENT, FAILED, SUPERSEDED, or MISSED: a reminder that fired too late to be sent';
