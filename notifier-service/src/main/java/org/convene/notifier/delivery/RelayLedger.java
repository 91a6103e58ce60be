package org.convene.notifier.delivery;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The relays' allowances in table {@code relay_allowance}: one row per relay, moved by one atomic
 * statement at a time ({@link RelayAllowance} decides what to ask). The statements that move it run
 * on the connection given, in auto-commit, so that the row is locked for one statement only.
 */
@Repository
class RelayLedger {

  private static final String ACQUIRE =
      """
      with cur as (
          select relay, next_slot, rate, rate_changed_at, day, sent_today, clock_timestamp() as now_
          from relay_allowance where relay = ? for update),
      calc as (
          select relay, now_,
                 least(cast(? as float8), greatest(cast(? as float8),
                       rate + cast(? as float8) * extract(epoch from now_ - rate_changed_at))) as rate_now,
                 case when day = cast(? as date) then sent_today else 0 end as sent,
                 greatest(next_slot, now_) as start_
          from cur),
      granted as (
          select relay, now_, rate_now, sent, start_,
                 cast(case when start_ > now_ + cast(? as bigint) * interval '1 millisecond' then 0
                      else greatest(0, least(cast(? as int), cast(? as int) - sent,
                           greatest(1, ceil(extract(epoch from now_ + cast(? as bigint) * interval '1 millisecond' - start_) * rate_now))))
                      end as int) as n
          from calc)
      update relay_allowance a
      set next_slot = g.start_ + g.n / g.rate_now * interval '1 second',
          rate = g.rate_now, rate_changed_at = g.now_, day = cast(? as date), sent_today = g.sent + g.n,
          updated_at = g.now_
      from granted g where a.relay = g.relay
      returning g.n, extract(epoch from g.start_ - g.now_) as start_in, g.rate_now, a.sent_today, a.next_slot
      """;

  private static final String RELEASE =
      """
      update relay_allowance
      set sent_today = greatest(0, sent_today - cast(? as int)),
          next_slot = case when next_slot = cast(? as timestamptz)
                           then greatest(clock_timestamp(), next_slot - cast(? as float8) * interval '1 second')
                           else next_slot end,
          updated_at = clock_timestamp()
      where relay = ? and day = cast(? as date)
      returning sent_today
      """;

  private static final String SLOW_DOWN =
      """
      update relay_allowance
      set rate = greatest(cast(? as float8),
                          least(cast(? as float8), rate + cast(? as float8) * extract(epoch from clock_timestamp() - rate_changed_at))
                          * cast(? as float8)),
          rate_changed_at = clock_timestamp(), slowed_at = clock_timestamp(), slowed_reason = ?,
          next_slot = greatest(next_slot, clock_timestamp() + cast(? as bigint) * interval '1 millisecond'),
          updated_at = clock_timestamp()
      where relay = ? and (slowed_at is null or slowed_at < clock_timestamp() - cast(? as bigint) * interval '1 millisecond')
      returning rate
      """;

  private final JdbcClient jdbc;

  RelayLedger(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** What a reservation granted. */
  record Reserved(int messages, double startInSeconds, double rate, long sentToday, Instant end) {}

  /** The row as operators read it. */
  record Row(
      double rate,
      double secondsSinceRateChanged,
      LocalDate day,
      long sentToday,
      Instant slowedAt,
      String slowedReply) {}

  /** Creates the relay's row if it has none. */
  void ensure(LedgerArrays statements, String relay, double rate, LocalDate today) {
    statements.update(
        """
        insert into relay_allowance (relay, rate, day) values (?, ?, ?)
        on conflict (relay) do nothing
        """,
        relay,
        rate,
        Date.valueOf(today));
  }

  /**
   * Reserves up to {@code messages} slots; empty if the relay has no row.
   *
   * @param perDay the daily limit, {@link Integer#MAX_VALUE} for none
   */
  Optional<Reserved> reserve(
      LedgerArrays statements,
      String relay,
      double maxRate,
      double minRate,
      double recoveryPerSecond,
      LocalDate today,
      long horizonMillis,
      int messages,
      int perDay) {
    return statements
        .query(
            ACQUIRE,
            (rs, row) ->
                new Reserved(
                    rs.getInt("n"),
                    rs.getDouble("start_in"),
                    rs.getDouble("rate_now"),
                    rs.getLong("sent_today"),
                    rs.getTimestamp("next_slot").toInstant()),
            relay,
            maxRate,
            minRate,
            recoveryPerSecond,
            Date.valueOf(today),
            horizonMillis,
            messages,
            perDay,
            horizonMillis,
            Date.valueOf(today))
        .stream()
        .findFirst();
  }

  /**
   * Gives back {@code unused} slots of today's count, and their time if nobody reserved after them
   * ({@code end}, the first slot after them); today's count afterwards, if the row is today's.
   */
  Optional<Long> release(
      LedgerArrays statements,
      String relay,
      int unused,
      Instant end,
      double seconds,
      LocalDate today) {
    return statements
        .query(
            RELEASE,
            (rs, row) -> rs.getLong("sent_today"),
            unused,
            end == null ? null : Timestamp.from(end),
            seconds,
            relay,
            Date.valueOf(today))
        .stream()
        .findFirst();
  }

  /**
   * Lowers the rate in force (after bringing it up by the recovery since it last changed), unless
   * it was lowered within {@code horizonMillis}; the new rate, if lowered.
   */
  Optional<Double> slowDown(
      LedgerArrays statements,
      String relay,
      double minRate,
      double maxRate,
      double recoveryPerSecond,
      double factor,
      String reply,
      long horizonMillis) {
    return statements
        .query(
            SLOW_DOWN,
            (rs, row) -> rs.getDouble("rate"),
            minRate,
            maxRate,
            recoveryPerSecond,
            factor,
            OutcomeLedger.truncated(reply),
            horizonMillis,
            relay,
            horizonMillis)
        .stream()
        .findFirst();
  }

  /** The relay's row, if it has one. */
  Optional<Row> row(String relay) {
    return jdbc.sql(
            """
            select rate, extract(epoch from clock_timestamp() - rate_changed_at) as since, day, sent_today,
                   slowed_at, slowed_reason
            from relay_allowance where relay = :relay
            """)
        .param("relay", relay)
        .query(
            (rs, row) -> {
              Timestamp slowedAt = rs.getTimestamp("slowed_at");
              return new Row(
                  rs.getDouble("rate"),
                  rs.getDouble("since"),
                  rs.getDate("day").toLocalDate(),
                  rs.getLong("sent_today"),
                  slowedAt == null ? null : slowedAt.toInstant(),
                  rs.getString("slowed_reason"));
            })
        .optional();
  }
}
