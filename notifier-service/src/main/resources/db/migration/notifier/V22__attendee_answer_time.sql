-- The meeting time each answer was given to, so that a later REQUEST tells calendars who accepted
-- (PARTSTAT) only while the meeting is still at that time: an answer to an earlier time does not
-- confirm a new one (a new time is a significant change, after which every answer is asked again).
-- Null when it is not known: answers recorded before this column, and replies to an older revision
-- than the meeting's current one.
alter table attendee_answer
  add column answered_start timestamp,
  add column answered_end   timestamp,
  add column answered_zone  text;
