-- The mail relay's limits, shared by every dispatcher thread of every notifier instance: one row
-- per relay (host:port), updated in one atomic statement per batch. Dispatchers reserve send slots
-- spaced 1/rate apart (next_slot), so that however many threads and instances send, the relay sees
-- at most the rate in force; the row outlives restarts, so a restart neither forgets today's count
-- nor starts with a burst.
create table relay_allowance (
    relay           text             not null, -- host:port of the SMTP relay
    next_slot       timestamptz      not null default now(), -- the first send slot not reserved yet
    rate            double precision not null, -- messages per second in force now (lowered when the relay asks)
    rate_changed_at timestamptz      not null default now(), -- the rate recovers linearly from here
    slowed_at       timestamptz,               -- when the relay last asked to slow down
    slowed_reason   text,                      -- what it replied
    day             date             not null, -- the relay's day that sent_today counts
    sent_today      integer          not null default 0, -- messages handed to the relay that day
    updated_at      timestamptz      not null default now(),
    constraint relay_allowance_pk primary key (relay),
    constraint relay_allowance_rate_positive check (rate > 0),
    constraint relay_allowance_sent_not_negative check (sent_today >= 0)
);

-- The claim takes the most urgent due messages first and lets meetings of the same urgency take
-- turns: urgency is the hour of the meeting's start (or of a time change's earlier start; of a
-- reminder's due time), turn a place in a round-robin among that hour's messages, given when the
-- message is recorded.
alter table delivery
    add column meeting_start timestamptz, -- when the meeting starts, as this revision says
    add column urgency       timestamptz not null default now(),
    add column turn          bigint      not null default 0;

update delivery set urgency = due_at where status = 'PENDING';

comment on column delivery.urgency is
    'the hour of the meeting start the message is about (the earlier one for a time change; the due time for a reminder): earlier goes first';
comment on column delivery.turn is
    'round-robin place among messages of the same urgency, so that a large meeting does not hold back small ones';

create index delivery_urgency on delivery (urgency, turn) where status = 'PENDING';
