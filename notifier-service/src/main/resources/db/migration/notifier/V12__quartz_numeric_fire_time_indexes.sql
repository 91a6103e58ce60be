-- Quartz's JDBC delegate (StdJDBCDelegate, which PostgreSQLDelegate does not change here) binds the
-- time bounds of its hottest queries with setBigDecimal: the trigger-acquisition query
--   ... WHERE SCHED_NAME = ? AND TRIGGER_STATE = 'WAITING' AND NEXT_FIRE_TIME <= ?
--       AND (MISFIRE_INSTR = -1 OR (MISFIRE_INSTR <> -1 AND NEXT_FIRE_TIME >= ?)) ORDER BY NEXT_FIRE_TIME, PRIORITY DESC
-- and the misfire queries (NEXT_FIRE_TIME < ?). PostgreSQL then compares NEXT_FIRE_TIME::numeric
-- with a numeric parameter, which no index on the BIGINT column serves: every acquisition read all
-- the waiting triggers of the scheduler (~0.5 s per acquisition with 1M pending triggers; the
-- reminder benchmark handed over ~1.5 reminders/s). These indexes are on that very expression, so
-- the planner reads only the triggers due within the acquisition window.
CREATE INDEX IDX_QRTZ_T_NFT_ST_NUMERIC
  ON QRTZ_TRIGGERS (SCHED_NAME, TRIGGER_STATE, (NEXT_FIRE_TIME::numeric));
CREATE INDEX IDX_QRTZ_T_NFT_MISFIRE_NUMERIC
  ON QRTZ_TRIGGERS (SCHED_NAME, MISFIRE_INSTR, (NEXT_FIRE_TIME::numeric));
