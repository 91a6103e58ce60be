package org.convene.scheduler.system;

import java.net.URI;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.exc.ValueInstantiationException;

/**
 * Turns every refusal into RFC 9457 problem details. Bad input answers 400 with an {@code errors}
 * list naming each field (as a JSON path into the request) and what is wrong with it; nothing of
 * the input is echoed into a stack trace.
 */
@RestControllerAdvice
class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

  static final URI INVALID_REQUEST = URI.create("urn:convene:problem:invalid-request");
  static final URI NOT_FOUND = URI.create("urn:convene:problem:not-found");
  static final URI FORBIDDEN = URI.create("urn:convene:problem:forbidden");
  static final URI STALE = URI.create("urn:convene:problem:stale-revision");
  static final URI PRECONDITION_REQUIRED = URI.create("urn:convene:problem:if-match-required");
  static final URI CONFLICT = URI.create("urn:convene:problem:conflict");
  static final URI INTERNAL = URI.create("urn:convene:problem:internal-error");

  private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

  /** One bad field: where it is in the request and what is wrong with it. */
  record FieldProblem(String field, String message) {}

  @Override
  protected ResponseEntity<Object> handleMethodArgumentNotValid(
      MethodArgumentNotValidException ex,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    List<FieldProblem> problems =
        Stream.concat(
                ex.getBindingResult().getFieldErrors().stream()
                    .map(ProblemDetailsAdvice::toProblem),
                ex.getBindingResult().getGlobalErrors().stream()
                    .map(e -> new FieldProblem("", String.valueOf(e.getDefaultMessage()))))
            .sorted(Comparator.comparing(FieldProblem::field).thenComparing(FieldProblem::message))
            .distinct()
            .toList();
    return ResponseEntity.badRequest().body(invalid(problems));
  }

  @Override
  protected ResponseEntity<Object> handleHttpMessageNotReadable(
      HttpMessageNotReadableException ex,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    FieldProblem problem = describeUnreadable(ex);
    return ResponseEntity.badRequest().body(invalid(List.of(problem)));
  }

  @Override
  protected ResponseEntity<Object> handleHandlerMethodValidationException(
      HandlerMethodValidationException ex,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    List<FieldProblem> problems =
        ex.getParameterValidationResults().stream()
            .flatMap(
                result ->
                    result.getResolvableErrors().stream()
                        .map(
                            error ->
                                new FieldProblem(
                                    String.valueOf(result.getMethodParameter().getParameterName()),
                                    String.valueOf(error.getDefaultMessage()))))
            .toList();
    return ResponseEntity.badRequest().body(invalid(problems));
  }

  @Override
  protected ResponseEntity<Object> handleTypeMismatch(
      TypeMismatchException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    String name = ex.getPropertyName() == null ? "" : ex.getPropertyName();
    String expected = ex.getRequiredType() == null ? "value" : describe(ex.getRequiredType());
    String allowed =
        ex.getRequiredType() != null && ex.getRequiredType().isEnum()
            ? ": expected one of " + List.of(ex.getRequiredType().getEnumConstants())
            : "";
    return ResponseEntity.badRequest()
        .body(invalid(List.of(new FieldProblem(name, "is not a valid " + expected + allowed))));
  }

  @ExceptionHandler(InvalidRequestException.class)
  ResponseEntity<ProblemDetail> onInvalidRequest(InvalidRequestException ex) {
    return ResponseEntity.badRequest()
        .body(
            invalid(
                ex.problems().stream()
                    .map(p -> new FieldProblem(p.getKey(), p.getValue()))
                    .toList()));
  }

  @ExceptionHandler(AccessDeniedException.class)
  ResponseEntity<ProblemDetail> onAccessDenied(AccessDeniedException ex) {
    return respond(problem(HttpStatus.FORBIDDEN, FORBIDDEN, "Forbidden", ex.getMessage()));
  }

  @ExceptionHandler(PreconditionFailedException.class)
  ResponseEntity<ProblemDetail> onStale(PreconditionFailedException ex) {
    ProblemDetail problem =
        problem(HttpStatus.PRECONDITION_FAILED, STALE, "Stale revision", ex.getMessage());
    problem.setProperty("currentRevision", ex.currentRevision());
    return ResponseEntity.status(HttpStatus.PRECONDITION_FAILED)
        .eTag(Long.toString(ex.currentRevision()))
        .body(problem);
  }

  @ExceptionHandler(PreconditionRequiredException.class)
  ResponseEntity<ProblemDetail> onPreconditionRequired(PreconditionRequiredException ex) {
    return respond(
        problem(
            HttpStatus.PRECONDITION_REQUIRED,
            PRECONDITION_REQUIRED,
            "If-Match required",
            ex.getMessage()));
  }

  @ExceptionHandler(ConflictException.class)
  ResponseEntity<ProblemDetail> onConflict(ConflictException ex) {
    return respond(problem(HttpStatus.CONFLICT, CONFLICT, "Conflict", ex.getMessage()));
  }

  @ExceptionHandler(ResourceNotFoundException.class)
  ResponseEntity<ProblemDetail> onNotFound(ResourceNotFoundException ex) {
    return respond(problem(HttpStatus.NOT_FOUND, NOT_FOUND, "Not found", ex.getMessage()));
  }

  /**
   * Anything unexpected: 500 with a reference that also appears in the log line carrying the stack
   * trace, so ops can find it; the client sees no internals.
   */
  @ExceptionHandler(Exception.class)
  ResponseEntity<ProblemDetail> onUnexpected(Exception ex, WebRequest request) {
    String reference = UUID.randomUUID().toString();
    log.error(
        "Unexpected failure {} while handling {}", reference, request.getDescription(false), ex);
    ProblemDetail problem =
        problem(
            HttpStatus.INTERNAL_SERVER_ERROR,
            INTERNAL,
            "Internal error",
            "The request could not be completed; nothing was changed. Reference: " + reference);
    problem.setProperty("reference", reference);
    return respond(problem);
  }

  private static ProblemDetail problem(HttpStatus status, URI type, String title, String detail) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
    problem.setType(type);
    problem.setTitle(title);
    return problem;
  }

  private static ResponseEntity<ProblemDetail> respond(ProblemDetail problem) {
    return ResponseEntity.status(problem.getStatus()).body(problem);
  }

  private static ProblemDetail invalid(List<FieldProblem> problems) {
    ProblemDetail problem =
        ProblemDetail.forStatusAndDetail(
            HttpStatus.BAD_REQUEST,
            problems.stream()
                .map(p -> p.field().isEmpty() ? p.message() : p.field() + ": " + p.message())
                .reduce((a, b) -> a + "; " + b)
                .orElse("The request is invalid."));
    problem.setType(INVALID_REQUEST);
    problem.setTitle("Invalid request");
    problem.setProperty("errors", problems);
    return problem;
  }

  private static FieldProblem toProblem(FieldError error) {
    String message = error.getDefaultMessage();
    if (error.isBindingFailure()) {
      message = "has the wrong type";
    }
    return new FieldProblem(error.getField(), message == null ? "is invalid" : message);
  }

  private static FieldProblem describeUnreadable(HttpMessageNotReadableException ex) {
    Throwable cause = ex.getCause();
    while (cause != null && !(cause instanceof JacksonException) && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    if (cause instanceof UnrecognizedPropertyException unknown) {
      return new FieldProblem(path(unknown), "is not a known property");
    }
    if (cause instanceof InvalidFormatException format) {
      String target = format.getTargetType() == null ? "value" : describe(format.getTargetType());
      String allowed =
          format.getTargetType() != null && format.getTargetType().isEnum()
              ? ": expected one of " + List.of(format.getTargetType().getEnumConstants())
              : "";
      return new FieldProblem(path(format), "is not a valid " + target + allowed);
    }
    if (cause instanceof ValueInstantiationException instantiation) {
      String target =
          instantiation.getType() == null
              ? "value"
              : describe(instantiation.getType().getRawClass());
      return new FieldProblem(path(instantiation), "is not a valid " + target);
    }
    if (cause instanceof MismatchedInputException mismatched) {
      return new FieldProblem(path(mismatched), "has the wrong type or format");
    }
    if (cause instanceof JacksonException json) {
      return new FieldProblem(path(json), "is not well-formed JSON");
    }
    return new FieldProblem("", "The request body is missing or is not readable JSON.");
  }

  private static String describe(Class<?> type) {
    return switch (type.getSimpleName()) {
      case "LocalDateTime" -> "local date-time such as 2026-12-03T09:30";
      case "WallClockTime" ->
          "local date-time such as 2026-12-03T09:30, with its offset if needed, such as 2026-10-25T02:30+02:00";
      case "UUID" -> "UUID";
      case "OffsetDateTime" -> "date-time with offset such as 2026-12-03T09:30:00+08:00";
      case "Integer", "int", "Long", "long" -> "whole number";
      default -> type.getSimpleName();
    };
  }

  /** The JSON path of the offending value, such as {@code participants[2].role}. */
  private static String path(JacksonException ex) {
    StringBuilder path = new StringBuilder();
    for (JacksonException.Reference reference : ex.getPath()) {
      if (reference.getPropertyName() != null) {
        if (!path.isEmpty()) {
          path.append('.');
        }
        path.append(reference.getPropertyName());
      } else if (reference.getIndex() >= 0) {
        path.append('[').append(reference.getIndex()).append(']');
      }
    }
    return path.toString();
  }
}
