-- A reminder whose time had already passed (beyond the grace) when its meeting was scheduled or
-- moved gets no trigger, and so left no trace: the flow page could not say why a recipient was
-- never reminded. The planner records each such decision here, once per revision and offset (a
-- redelivered event records nothing twice). Kept as long as the meeting's other flow records.
create table reminder_not_planned (
    meeting_id     uuid        not null,
    revision       bigint      not null,
    minutes_before integer     not null,
    due_at         timestamptz not null,
    decided_at     timestamptz not null,
    constraint reminder_not_planned_pk primary key (meeting_id, revision, minutes_before)
);
