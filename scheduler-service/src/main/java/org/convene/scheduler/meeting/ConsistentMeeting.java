package org.convene.scheduler.meeting;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.convene.events.ParticipantRole;
import org.convene.scheduler.meeting.ScheduleMeetingRequest.AgendaItemRequest;
import org.convene.scheduler.meeting.ScheduleMeetingRequest.ParticipantRequest;
import org.convene.scheduler.system.SchedulerProperties;

/**
 * The rules of a meeting that span fields. Each broken rule is reported on the field a person
 * would correct, such as {@code end} or {@code agenda[2].presenterEmail}.
 */
@Documented
@Constraint(validatedBy = ConsistentMeeting.Validator.class)
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@interface ConsistentMeeting {

  String message() default "is not a consistent meeting";

  Class<?>[] groups() default {};

  Class<? extends Payload>[] payload() default {};

  class Validator implements ConstraintValidator<ConsistentMeeting, ScheduleMeetingRequest> {

    private final Clock clock;
    private final SchedulerProperties.Limits limits;

    Validator(Clock clock, SchedulerProperties properties) {
      this.clock = clock;
      this.limits = properties.limits();
    }

    @Override
    public boolean isValid(ScheduleMeetingRequest meeting, ConstraintValidatorContext context) {
      if (meeting == null) {
        return true;
      }
      Problems problems = new Problems(context);
      checkTimes(meeting, problems);
      checkPlace(meeting, problems);
      checkParticipants(meeting.participants(), problems);
      checkAgenda(meeting.agenda(), meeting.participants(), problems);
      return problems.none();
    }

    private void checkTimes(ScheduleMeetingRequest meeting, Problems problems) {
      if (meeting.start() == null || meeting.end() == null) {
        return;
      }
      if (!meeting.end().isAfter(meeting.start())) {
        problems.add("end", "must be after start");
        return;
      }
      if (meeting.timeZone() == null || !IanaZone.Validator.isKnown(meeting.timeZone())) {
        return;
      }
      ZoneId zone = ZoneId.of(meeting.timeZone());
      if (!exists(meeting.start(), zone)) {
        problems.add("start", "does not exist in " + zone + " (it falls into a daylight saving time gap)");
      }
      if (!exists(meeting.end(), zone)) {
        problems.add("end", "does not exist in " + zone + " (it falls into a daylight saving time gap)");
      }
      ZonedDateTime start = meeting.start().atZone(zone);
      ZonedDateTime end = meeting.end().atZone(zone);
      if (start.toInstant().isBefore(clock.instant())) {
        problems.add("start", "is in the past");
      }
      if (Duration.between(start, end).compareTo(limits.maxDuration()) > 0) {
        problems.add("end", "makes the meeting longer than the maximum of " + describe(limits.maxDuration()));
      }
    }

    private static void checkPlace(ScheduleMeetingRequest meeting, Problems problems) {
      if (isBlank(meeting.location()) && isBlank(meeting.onlineLink())) {
        problems.add("location", "give a location, an online link, or both");
      }
    }

    private void checkParticipants(List<ParticipantRequest> participants, Problems problems) {
      if (participants == null || participants.isEmpty()) {
        return;
      }
      if (participants.size() > limits.maxParticipants()) {
        problems.add("participants", "must have at most " + limits.maxParticipants() + " entries");
      }
      long chairs = participants.stream().filter(p -> p != null && p.role() == ParticipantRole.CHAIR).count();
      if (chairs != 1) {
        problems.add("participants", "must include exactly one participant with role CHAIR (found " + chairs + ")");
      }
      Set<String> seen = new HashSet<>();
      for (int i = 0; i < participants.size(); i++) {
        ParticipantRequest p = participants.get(i);
        if (p != null && p.email() != null && !seen.add(normalise(p.email()))) {
          problems.add("participants[" + i + "].email", "appears more than once in the meeting");
        }
      }
    }

    private void checkAgenda(List<AgendaItemRequest> agenda, List<ParticipantRequest> participants, Problems problems) {
      if (agenda == null) {
        return;
      }
      if (agenda.size() > limits.maxAgendaItems()) {
        problems.add("agenda", "must have at most " + limits.maxAgendaItems() + " items");
      }
      Set<String> invited = new HashSet<>();
      if (participants != null) {
        participants.stream().filter(p -> p != null && p.email() != null).forEach(p -> invited.add(normalise(p.email())));
      }
      for (int i = 0; i < agenda.size(); i++) {
        AgendaItemRequest item = agenda.get(i);
        if (item != null && !isBlank(item.presenterEmail()) && !invited.contains(normalise(item.presenterEmail()))) {
          problems.add("agenda[" + i + "].presenterEmail", "is not one of the participants");
        }
      }
    }

    private static boolean exists(LocalDateTime local, ZoneId zone) {
      return !zone.getRules().getValidOffsets(local).isEmpty();
    }

    private static String describe(Duration duration) {
      return duration.toMinutes() % 60 == 0 ? duration.toHours() + " hours" : duration.toMinutes() + " minutes";
    }

    static String normalise(String email) {
      return email.trim().toLowerCase(Locale.ROOT);
    }

    private static boolean isBlank(String text) {
      return text == null || text.isBlank();
    }

    /** Collects violations on named fields instead of one message on the whole object. */
    private static final class Problems {
      private final ConstraintValidatorContext context;
      private boolean any;

      Problems(ConstraintValidatorContext context) {
        this.context = context;
        context.disableDefaultConstraintViolation();
      }

      void add(String field, String message) {
        any = true;
        context.buildConstraintViolationWithTemplate(escape(message)).addPropertyNode(field).addConstraintViolation();
      }

      boolean none() {
        return !any;
      }

      /** Messages are templates: braces and dollars from input must not be interpolated. */
      private static String escape(String message) {
        return message.replace("\\", "\\\\").replace("{", "\\{").replace("}", "\\}").replace("$", "\\$");
      }
    }
  }
}
