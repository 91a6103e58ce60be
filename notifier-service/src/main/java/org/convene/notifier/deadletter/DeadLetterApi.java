package org.convene.notifier.deadletter;

import java.security.Principal;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The dead letters as JSON, behind the console's page: list, one in full, and the write actions
 * (replay, park, discard) on a list of ids or on every open dead letter matching a filter. Writes
 * need the OPS role and a CSRF token, like the page's forms.
 */
@RestController
@RequestMapping("/ops/api/dead-letters")
class DeadLetterApi {

  private final DeadLetterQueries queries;
  private final DeadLetterActions actions;

  DeadLetterApi(DeadLetterQueries queries, DeadLetterActions actions) {
    this.queries = queries;
    this.actions = actions;
  }

  @GetMapping
  DeadLetterQueries.Listing list(
      @RequestParam(required = false) @Nullable String status,
      @RequestParam(required = false) @Nullable String reason,
      @RequestParam(required = false) @Nullable String group,
      @RequestParam(required = false) @Nullable String key,
      @RequestParam(defaultValue = "" + DeadLetterQueries.DEFAULT_LIMIT) int limit) {
    if (limit < 1 || limit > DeadLetterQueries.MAX_LIMIT) {
      throw new ResponseStatusException(
          HttpStatus.BAD_REQUEST, "limit must be between 1 and " + DeadLetterQueries.MAX_LIMIT);
    }
    return queries.list(new DeadLetterFilter(status(status), reason, group, key), limit);
  }

  @GetMapping("/{id}")
  DeadLetterDetail one(@PathVariable long id) {
    return queries
        .detail(id)
        .orElseThrow(
            () -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No dead letter " + id));
  }

  /**
   * Which dead letters to act on: either {@code ids}, or every open one matching {@code filter}.
   *
   * @param reason why: required to park or discard
   */
  record Selection(
      @Nullable List<Long> ids, @Nullable DeadLetterFilter filter, @Nullable String reason) {}

  @PostMapping("/replay")
  DeadLetterActions.Done replay(@RequestBody Selection selection, Principal operator) {
    return actions.replay(ids(selection), operator.getName(), target(selection));
  }

  @PostMapping("/park")
  DeadLetterActions.Done park(@RequestBody Selection selection, Principal operator) {
    return actions.park(
        ids(selection), operator.getName(), target(selection), reason(selection.reason()));
  }

  @PostMapping("/discard")
  DeadLetterActions.Done discard(@RequestBody Selection selection, Principal operator) {
    return actions.discard(
        ids(selection), operator.getName(), target(selection), reason(selection.reason()));
  }

  @ExceptionHandler(IllegalArgumentException.class)
  ResponseEntity<String> refused(IllegalArgumentException e) {
    return ResponseEntity.badRequest().body(e.getMessage());
  }

  private List<Long> ids(Selection selection) {
    boolean byIds = selection.ids() != null && !selection.ids().isEmpty();
    if (byIds == (selection.filter() != null)) {
      throw new IllegalArgumentException("Give either ids or a filter, not both nor neither");
    }
    return byIds ? selection.ids() : actions.matching(selection.filter());
  }

  static String target(List<Long> ids, @Nullable DeadLetterFilter filter) {
    return filter != null ? "all matching " + filter.describe() : "ids " + ids;
  }

  private static String target(Selection selection) {
    return target(selection.ids(), selection.filter());
  }

  static String reason(@Nullable String reason) {
    if (reason == null || reason.isBlank()) {
      throw new IllegalArgumentException("A reason is required to park or discard");
    }
    return reason.strip();
  }

  static @Nullable DeadLetterStatus status(@Nullable String status) {
    if (status == null || status.isBlank() || status.equalsIgnoreCase("any")) {
      return null;
    }
    try {
      return DeadLetterStatus.valueOf(status.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "status must be one of DEAD, REPLAYED, PARKED, DISCARDED or any: " + status);
    }
  }
}
