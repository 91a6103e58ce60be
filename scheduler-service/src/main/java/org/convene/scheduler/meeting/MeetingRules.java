package org.convene.scheduler.meeting;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.convene.events.AgendaItem;
import org.convene.events.Participant;
import org.convene.events.ParticipantRole;
import org.convene.scheduler.system.FieldProblems;
import org.convene.scheduler.system.SchedulerProperties;
import org.springframework.stereotype.Component;

/**
 * The rules every version of a meeting must keep, whether it is being scheduled or changed.
 * Each broken rule is reported on the field a person would correct.
 */
@Component
public class MeetingRules {

  private final Clock clock;
  private final SchedulerProperties.Limits limits;

  MeetingRules(Clock clock, SchedulerProperties properties) {
    this.clock = clock;
    this.limits = properties.limits();
  }

  /** End after start, both existing in the zone, not in the past, not longer than the maximum. */
  public void checkTime(LocalDateTime start, LocalDateTime end, String timeZone, FieldProblems problems) {
    if (start == null || end == null) {
      return;
    }
    if (!end.isAfter(start)) {
      problems.add("end", "must be after start");
      return;
    }
    if (timeZone == null || !IanaZone.Validator.isKnown(timeZone)) {
      return;
    }
    ZoneId zone = ZoneId.of(timeZone);
    if (!exists(start, zone)) {
      problems.add("start", "does not exist in " + zone + " (it falls into a daylight saving time gap)");
    }
    if (!exists(end, zone)) {
      problems.add("end", "does not exist in " + zone + " (it falls into a daylight saving time gap)");
    }
    ZonedDateTime zonedStart = start.atZone(zone);
    if (zonedStart.toInstant().isBefore(clock.instant())) {
      problems.add("start", "is in the past");
    }
    if (Duration.between(zonedStart, end.atZone(zone)).compareTo(limits.maxDuration()) > 0) {
      problems.add("end", "makes the meeting longer than the maximum of " + describe(limits.maxDuration()));
    }
  }

  /** A place, an online link or both. */
  public void checkPlace(String location, String onlineLink, FieldProblems problems) {
    if (isBlank(location) && isBlank(onlineLink)) {
      problems.add("location", "give a location, an online link, or both");
    }
  }

  /** Exactly one chair, no address twice, not more than the limit. */
  public void checkParticipants(List<Participant> participants, String field, FieldProblems problems) {
    if (participants.size() > limits.maxParticipants()) {
      problems.add(field, "must have at most " + limits.maxParticipants() + " entries");
    }
    long chairs = participants.stream().filter(p -> p.role() == ParticipantRole.CHAIR).count();
    if (chairs != 1) {
      problems.add(field, "must include exactly one participant with role CHAIR (found " + chairs + ")");
    }
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < participants.size(); i++) {
      if (!seen.add(normalise(participants.get(i).email()))) {
        problems.add(field + "[" + i + "].email", "appears more than once in the meeting");
      }
    }
  }

  /** Not more items than the limit; every presenter is a participant. */
  public void checkAgenda(List<AgendaItem> agenda, List<Participant> participants, String field, FieldProblems problems) {
    if (agenda.size() > limits.maxAgendaItems()) {
      problems.add(field, "must have at most " + limits.maxAgendaItems() + " items");
    }
    Set<String> invited = new HashSet<>();
    participants.forEach(p -> invited.add(normalise(p.email())));
    for (int i = 0; i < agenda.size(); i++) {
      String presenter = agenda.get(i).presenterEmail();
      if (presenter != null && !invited.contains(normalise(presenter))) {
        problems.add(field + "[" + i + "].presenterEmail", "is not one of the participants");
      }
    }
  }

  public static String normalise(String email) {
    return email.trim().toLowerCase(Locale.ROOT);
  }

  static boolean isBlank(String text) {
    return text == null || text.isBlank();
  }

  private static boolean exists(LocalDateTime local, ZoneId zone) {
    return !zone.getRules().getValidOffsets(local).isEmpty();
  }

  private static String describe(Duration duration) {
    return duration.toMinutes() % 60 == 0 ? duration.toHours() + " hours" : duration.toMinutes() + " minutes";
  }
}
