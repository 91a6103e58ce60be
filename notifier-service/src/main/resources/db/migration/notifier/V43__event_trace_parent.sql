-- The W3C traceparent the scheduler sent with the event (the trace of the API request that caused
-- it): the dispatcher continues that trace when it sends the event's messages.
alter table meeting_event add column trace_parent text;
