package org.convene.scheduler.web;

import jakarta.validation.ConstraintViolation;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.convene.scheduler.system.InvalidRequestException;

/**
 * What is wrong with a submitted form, by field. The fields are named as in the API's requests
 * ({@code title}, {@code participants[1].email}), so the API's validation and the meeting's
 * refusals land next to the input a person would correct, in the API's own words.
 */
final class FormErrors {

  private final Map<String, String> byField = new LinkedHashMap<>();

  FormErrors add(String field, String message) {
    byField.merge(field, message, (a, b) -> a.equals(b) ? a : a + "; " + b);
    return this;
  }

  FormErrors addViolations(Set<? extends ConstraintViolation<?>> violations) {
    violations.stream()
        .sorted(
            java.util.Comparator.comparing(
                (ConstraintViolation<?> v) -> v.getPropertyPath().toString()))
        .forEach(v -> add(field(v.getPropertyPath().toString()), v.getMessage()));
    return this;
  }

  FormErrors addRefusal(InvalidRequestException refusal) {
    refusal.problems().forEach(problem -> add(problem.getKey(), problem.getValue()));
    return this;
  }

  boolean isEmpty() {
    return byField.isEmpty();
  }

  Map<String, String> asMap() {
    return Map.copyOf(byField);
  }

  /**
   * Bean Validation names a list's element {@code participants[0].<list element>}; the page names
   * the row.
   */
  private static String field(String path) {
    return path.replace(".<list element>", "");
  }
}
