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

/** Free text such as a description: line breaks and tabs allowed, other control characters not. */
@Documented
@Constraint(validatedBy = MultiLine.Validator.class)
@Target({
  ElementType.FIELD,
  ElementType.PARAMETER,
  ElementType.RECORD_COMPONENT,
  ElementType.TYPE_USE
})
@Retention(RetentionPolicy.RUNTIME)
public @interface MultiLine {

  String message() default "must not contain control characters other than line breaks and tabs";

  Class<?>[] groups() default {};

  Class<? extends Payload>[] payload() default {};

  class Validator implements ConstraintValidator<MultiLine, String> {

    @Override
    public boolean isValid(String value, ConstraintValidatorContext context) {
      return value == null
          || value
              .codePoints()
              .allMatch(c -> c == '\n' || c == '\r' || c == '\t' || !Character.isISOControl(c));
    }
  }
}
