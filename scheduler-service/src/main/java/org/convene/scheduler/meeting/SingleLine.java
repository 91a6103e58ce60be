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

/**
 * Text that ends up in an e-mail header, an iCalendar property or a subject line: no CR, LF, other
 * control characters or Unicode line separators, which could split a header or an .ics line.
 */
@Documented
@Constraint(validatedBy = SingleLine.Validator.class)
@Target({
  ElementType.FIELD,
  ElementType.PARAMETER,
  ElementType.RECORD_COMPONENT,
  ElementType.TYPE_USE
})
@Retention(RetentionPolicy.RUNTIME)
public @interface SingleLine {

  String message() default "must be a single line without control characters";

  Class<?>[] groups() default {};

  Class<? extends Payload>[] payload() default {};

  class Validator implements ConstraintValidator<SingleLine, String> {

    @Override
    public boolean isValid(String value, ConstraintValidatorContext context) {
      return value == null || value.codePoints().noneMatch(Validator::breaksLine);
    }

    static boolean breaksLine(int c) {
      return Character.isISOControl(c) || c == '\u2028' || c == '\u2029' || c == '\u0085';
    }
  }
}
