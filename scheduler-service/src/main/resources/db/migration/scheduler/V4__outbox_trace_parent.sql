-- The W3C traceparent of the request that caused the event, sent as a Kafka header with it so the
-- notifier's work for the event joins the same trace. Null for events written outside a trace.
alter table outbox add column trace_parent text;
