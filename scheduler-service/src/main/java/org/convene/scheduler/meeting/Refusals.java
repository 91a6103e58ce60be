package org.convene.scheduler.meeting;

import java.util.Map;
import org.convene.scheduler.meeting.domain.Failure;
import org.convene.scheduler.system.ConflictException;
import org.convene.scheduler.system.InvalidRequestException;
import org.convene.scheduler.system.ResourceNotFoundException;

/** Turns the aggregate's refusals into the exceptions the API answers as problem details. */
final class Refusals {

  private Refusals() {}

  static RuntimeException toException(Failure failure) {
    return switch (failure) {
      case Failure.BrokenRules broken ->
          new InvalidRequestException(
              broken.problems().stream().map(p -> Map.entry(p.field(), p.message())).toList());
      case Failure.Conflict conflict -> new ConflictException(conflict.reason());
      case Failure.NotFound notFound -> new ResourceNotFoundException(notFound.reason());
    };
  }
}
