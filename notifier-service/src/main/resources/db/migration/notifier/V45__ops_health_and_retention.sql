-- The flow-health page counts the messages attempted in the last minutes (sent, and those whose
-- latest attempt failed): without an index on the attempt time that is a scan of the whole ledger
-- every few seconds while the page is open.
create index delivery_last_attempt on delivery (last_attempt_at) where last_attempt_at is not null;

-- The clean-up removes dead letters an operator closed (replayed or discarded) once they are older
-- than the retention; open and parked ones stay until someone decides.
create index dead_letter_closed on dead_letter (resolved_at) where status in ('REPLAYED', 'DISCARDED');
