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
import org.convene.scheduler.meeting.domain.Mailbox;

/**
 * An e-mail address that can be delivered to, as {@link Mailbox#isDeliverable} defines it. Stricter
 * than {@code @Email}, which lets {@code a@b} and quoted local parts through.
 */
@Documented
@Constraint(validatedBy = MailboxAddress.Validator.class)
@Target({
  ElementType.FIELD,
  ElementType.PARAMETER,
  ElementType.RECORD_COMPONENT,
  ElementType.TYPE_USE
})
@Retention(RetentionPolicy.RUNTIME)
public @interface MailboxAddress {

  String message() default "is not a valid e-mail address";

  /** Whether an empty string (meaning "none") is accepted. */
  boolean allowEmpty() default false;

  Class<?>[] groups() default {};

  Class<? extends Payload>[] payload() default {};

  class Validator implements ConstraintValidator<MailboxAddress, String> {

    private boolean allowEmpty;

    @Override
    public void initialize(MailboxAddress annotation) {
      allowEmpty = annotation.allowEmpty();
    }

    @Override
    public boolean isValid(String value, ConstraintValidatorContext context) {
      return value == null || allowEmpty && value.isEmpty() || Mailbox.isDeliverable(value);
    }
  }
}
