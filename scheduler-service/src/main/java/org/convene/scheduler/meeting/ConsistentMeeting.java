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
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.convene.events.AgendaItem;
import org.convene.events.Participant;
import org.convene.scheduler.system.FieldProblems;

/**
 * The rules of {@link MeetingRules} applied to a request to schedule a meeting, reported as
 * violations on the fields a person would correct, such as {@code end} or
 * {@code agenda[2].presenterEmail}.
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

    private final MeetingRules rules;

    Validator(MeetingRules rules) {
      this.rules = rules;
    }

    @Override
    public boolean isValid(ScheduleMeetingRequest meeting, ConstraintValidatorContext context) {
      if (meeting == null) {
        return true;
      }
      FieldProblems problems = new FieldProblems();
      rules.checkTime(meeting.start(), meeting.end(), meeting.timeZone(), problems);
      rules.checkPlace(meeting.location(), meeting.onlineLink(), problems);
      // Field-level problems (a missing e-mail, say) are reported by their own constraints.
      if (meeting.participants() != null && meeting.participants().stream().allMatch(Validator::complete)) {
        List<Participant> participants =
            meeting.participants().stream().map(p -> new Participant(p.name(), p.email(), p.role(), null, null)).toList();
        rules.checkParticipants(participants, "participants", problems);
        if (meeting.agenda() != null && meeting.agenda().stream().allMatch(Objects::nonNull)) {
          List<AgendaItem> agenda =
              meeting.agenda().stream()
                  .map(a -> new AgendaItem(String.valueOf(a.title()), MeetingRules.isBlank(a.presenterEmail()) ? null : a.presenterEmail(), 0, null))
                  .toList();
          rules.checkAgenda(agenda, participants, "agenda", problems);
        }
      }
      if (problems.isEmpty()) {
        return true;
      }
      context.disableDefaultConstraintViolation();
      for (Map.Entry<String, String> problem : problems.list()) {
        context.buildConstraintViolationWithTemplate(escape(problem.getValue()))
            .addPropertyNode(problem.getKey())
            .addConstraintViolation();
      }
      return false;
    }

    private static boolean complete(ScheduleMeetingRequest.ParticipantRequest p) {
      return p != null && p.name() != null && p.email() != null && p.role() != null;
    }

    /** Messages are templates: braces and dollars must not be interpolated. */
    private static String escape(String message) {
      return message.replace("\\", "\\\\").replace("{", "\\{").replace("}", "\\}").replace("$", "\\$");
    }
  }
}
