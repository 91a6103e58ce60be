package org.convene.notifier.flow;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.convene.events.MeetingId;
import org.convene.notifier.reminder.AbsentAttendees;
import org.convene.notifier.reminder.ReminderSchedules;
import org.convene.notifier.reminder.UnplannedReminders;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A meeting's reminders for the flow page, from the reminder plan (what waits for its trigger), the
 * ledger's REMINDER rows (what fired, and what became of it), the reminders the planner dropped
 * because their time had passed, and who was left out because they declined or delegated.
 */
@Component
class FlowReminders {

  private final JdbcClient jdbc;
  private final ReminderSchedules schedules;
  private final AbsentAttendees absent;
  private final UnplannedReminders unplanned;

  FlowReminders(
      JdbcClient jdbc,
      ReminderSchedules schedules,
      AbsentAttendees absent,
      UnplannedReminders unplanned) {
    this.jdbc = jdbc;
    this.schedules = schedules;
    this.absent = absent;
    this.unplanned = unplanned;
  }

  /**
   * @param recipients the recipients the page shows (their mailboxes)
   */
  MeetingReminders of(MeetingId meetingId, List<String> recipients) {
    Optional<ReminderSchedules.Schedule> schedule = schedules.of(meetingId);
    List<Fired> fired = fired(meetingId);
    List<MeetingReminders.Reminder> reminders = new ArrayList<>();
    for (Fired f : fired) {
      reminders.add(fired(f));
    }
    for (UnplannedReminders.Unplanned u : unplanned.of(meetingId)) {
      reminders.add(notPlanned(u));
    }
    schedule.ifPresent(
        plan ->
            plan.dueAt()
                .forEach(
                    (minutes, dueAt) -> {
                      if (fired.stream()
                          .anyMatch(
                              f ->
                                  f.minutesBefore() == minutes
                                      && f.plannedRevision() == plan.plannedRevision())) {
                        return;
                      }
                      Instant fireAt = plan.waiting().get(minutes);
                      reminders.add(
                          fireAt != null
                              ? new MeetingReminders.Reminder(
                                  minutes,
                                  plan.plannedRevision(),
                                  dueAt,
                                  "PLANNED",
                                  fireAt,
                                  0,
                                  0,
                                  0,
                                  0,
                                  "Planned: due at " + dueAt + ", its trigger fires at " + fireAt,
                                  null)
                              : new MeetingReminders.Reminder(
                                  minutes,
                                  plan.plannedRevision(),
                                  dueAt,
                                  "FIRED_EMPTY",
                                  null,
                                  0,
                                  0,
                                  0,
                                  0,
                                  "Fired, nobody reminded: the meeting was cancelled, or everyone"
                                      + " had declined",
                                  null));
                    }));
    reminders.sort(
        Comparator.comparingLong(MeetingReminders.Reminder::plannedRevision)
            .thenComparing(
                Comparator.comparingInt(MeetingReminders.Reminder::minutesBefore).reversed()));
    return new MeetingReminders(
        schedule.map(ReminderSchedules.Schedule::plannedRevision).orElse(null),
        reminders,
        skipped(meetingId, recipients, fired));
  }

  private MeetingReminders.Reminder fired(Fired f) {
    boolean missed = f.missed() > 0 && f.missed() == f.total();
    String explanation =
        missed
            ? "Missed: due at "
                + f.dueAt()
                + ", fired at "
                + f.firedAt()
                + ", later than the grace of "
                + readable(schedules.grace())
                + " allows (no notifier ran in time): recorded, nobody reminded"
            : "Fired at "
                + f.firedAt()
                + " (due at "
                + f.dueAt()
                + "): "
                + f.sent()
                + " sent, "
                + f.owed()
                + " owed, "
                + f.failed()
                + " failed";
    return new MeetingReminders.Reminder(
        f.minutesBefore(),
        f.plannedRevision(),
        f.dueAt(),
        missed ? "MISSED" : "FIRED",
        f.firedAt(),
        f.sent(),
        f.owed(),
        f.failed(),
        f.missed(),
        explanation,
        null);
  }

  /** A reminder the planner dropped: its time had passed when its revision was planned. */
  private MeetingReminders.Reminder notPlanned(UnplannedReminders.Unplanned u) {
    return new MeetingReminders.Reminder(
        u.minutesBefore(),
        u.revision(),
        u.dueAt(),
        "NOT_PLANNED",
        null,
        0,
        0,
        0,
        0,
        "Not planned: due at "
            + u.dueAt()
            + ", which had already passed (by more than the grace of "
            + readable(schedules.grace())
            + ") when revision "
            + u.revision()
            + " was planned at "
            + u.decidedAt(),
        u.decidedAt());
  }

  /**
   * Recipients shown who got no row of a reminder that fired with rows, because their latest answer
   * was a decline or a delegation.
   */
  private Map<String, List<MeetingReminders.Skipped>> skipped(
      MeetingId meetingId, List<String> recipients, List<Fired> fired) {
    if (fired.isEmpty() || recipients.isEmpty()) {
      return Map.of();
    }
    Set<String> declined = absent.absent(meetingId);
    Map<String, List<MeetingReminders.Skipped>> skipped = new LinkedHashMap<>();
    for (String recipient : recipients) {
      if (!declined.contains(recipient)) {
        continue;
      }
      for (Fired f : fired) {
        if (!f.recipients().contains(recipient)) {
          skipped
              .computeIfAbsent(recipient, r -> new ArrayList<>())
              .add(
                  new MeetingReminders.Skipped(
                      f.minutesBefore(),
                      f.plannedRevision(),
                      "Skipped: they declined (or delegated), and reminders leave out whoever"
                          + " will not attend"));
        }
      }
    }
    return skipped;
  }

  /** The reminders that fired: their rows by planned revision and offset. */
  private List<Fired> fired(MeetingId meetingId) {
    return jdbc.sql(
            """
            select revision, reminder_minutes, min(reminder_due_at) as due_at, min(created_at) as fired_at,
                   count(*) filter (where status = 'SENT') as sent,
                   count(*) filter (where status = 'PENDING') as owed,
                   count(*) filter (where status = 'FAILED') as failed,
                   count(*) filter (where status = 'MISSED') as missed,
                   count(*) as total,
                   array_agg(recipient order by recipient) as recipients
            from delivery where meeting_id = :meetingId and kind = 'REMINDER'
            group by revision, reminder_minutes
            """)
        .param("meetingId", meetingId.value())
        .query(
            (rs, row) ->
                new Fired(
                    rs.getInt("reminder_minutes"),
                    rs.getLong("revision"),
                    instant(rs.getTimestamp("due_at")),
                    instant(rs.getTimestamp("fired_at")),
                    rs.getLong("sent"),
                    rs.getLong("owed"),
                    rs.getLong("failed"),
                    rs.getLong("missed"),
                    rs.getLong("total"),
                    List.of((String[]) rs.getArray("recipients").getArray())))
        .list();
  }

  private record Fired(
      int minutesBefore,
      long plannedRevision,
      Instant dueAt,
      Instant firedAt,
      long sent,
      long owed,
      long failed,
      long missed,
      long total,
      List<String> recipients) {}

  /** {@code 10 min}, {@code 30 s}: as an operator reads a grace. */
  static String readable(java.time.Duration duration) {
    return duration.toSecondsPart() == 0 && duration.toMinutes() > 0
        ? duration.toMinutes() + " min"
        : duration.toSeconds() + " s";
  }

  private static @Nullable Instant instant(@Nullable Timestamp timestamp) {
    return timestamp == null ? null : timestamp.toInstant();
  }
}
