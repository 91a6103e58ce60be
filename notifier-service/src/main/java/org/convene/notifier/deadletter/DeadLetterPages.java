package org.convene.notifier.deadletter;

import java.security.Principal;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The dead-letter pages of the ops console. Every write action is asked for twice: the form shows a
 * confirmation page naming what will be done to how many, and only its own form (with the same
 * choices and {@code confirmed}) does it.
 */
@Controller
@RequestMapping("/ops/dead-letters")
class DeadLetterPages {

  /** The actions the pages offer. */
  enum Action {
    REPLAY,
    PARK,
    DISCARD
  }

  private final DeadLetterQueries queries;
  private final DeadLetterActions actions;

  DeadLetterPages(DeadLetterQueries queries, DeadLetterActions actions) {
    this.queries = queries;
    this.actions = actions;
  }

  @GetMapping
  String list(
      @RequestParam(required = false) @Nullable String status,
      @RequestParam(required = false) @Nullable String reason,
      @RequestParam(required = false) @Nullable String group,
      @RequestParam(required = false) @Nullable String key,
      Model model) {
    DeadLetterFilter filter = filter(status == null ? "DEAD" : status, reason, group, key);
    model.addAttribute("filter", filter);
    model.addAttribute("statuses", DeadLetterStatus.values());
    model.addAttribute("listing", queries.list(filter, DeadLetterQueries.DEFAULT_LIMIT));
    return "ops/dead-letters";
  }

  @GetMapping("/{id}")
  String one(@PathVariable long id, Model model) {
    model.addAttribute(
        "detail",
        queries
            .detail(id)
            .orElseThrow(
                () -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No dead letter " + id)));
    return "ops/dead-letter";
  }

  /**
   * An action on the selected dead letters ({@code ids}) or on all open ones matching the filter
   * ({@code all}): first the confirmation page, then, when confirmed, the action.
   */
  @PostMapping("/actions")
  String act(
      @RequestParam Action action,
      @RequestParam(required = false) @Nullable List<Long> ids,
      @RequestParam(defaultValue = "false") boolean all,
      @RequestParam(required = false) @Nullable String status,
      @RequestParam(name = "filterReason", required = false) @Nullable String filterReason,
      @RequestParam(required = false) @Nullable String group,
      @RequestParam(required = false) @Nullable String key,
      @RequestParam(required = false) @Nullable String reason,
      @RequestParam(defaultValue = "false") boolean confirmed,
      Principal operator,
      Model model,
      RedirectAttributes redirect) {
    DeadLetterFilter filter = all ? filter(status, filterReason, group, key) : null;
    List<Long> chosen = all ? actions.matching(filter) : ids == null ? List.of() : ids;
    String problem = null;
    if (chosen.isEmpty()) {
      problem = "No dead letter is selected, or none that matches is still open.";
    } else if (action != Action.REPLAY && (reason == null || reason.isBlank())) {
      problem = "Give a reason to park or discard.";
    }
    if (problem != null || !confirmed) {
      model.addAttribute("action", action);
      model.addAttribute("ids", all ? List.of() : chosen);
      model.addAttribute("count", chosen.size());
      model.addAttribute("all", all);
      model.addAttribute("filter", filter);
      model.addAttribute("reason", reason);
      model.addAttribute("problem", problem);
      model.addAttribute("target", DeadLetterApi.target(chosen, filter));
      return "ops/dead-letter-confirm";
    }
    String target = DeadLetterApi.target(chosen, filter);
    DeadLetterActions.Done done =
        switch (action) {
          case REPLAY -> actions.replay(chosen, operator.getName(), target);
          case PARK -> actions.park(chosen, operator.getName(), target, reason.strip());
          case DISCARD -> actions.discard(chosen, operator.getName(), target, reason.strip());
        };
    redirect.addFlashAttribute("done", done);
    redirect.addFlashAttribute("doneAction", action);
    return "redirect:/ops/dead-letters";
  }

  /** A bad filter or choice (an unknown status, too many dead letters): a 400 saying which. */
  @ExceptionHandler(IllegalArgumentException.class)
  ResponseEntity<String> refused(IllegalArgumentException e) {
    return ResponseEntity.badRequest().body(e.getMessage());
  }

  private static DeadLetterFilter filter(
      @Nullable String status,
      @Nullable String reason,
      @Nullable String group,
      @Nullable String key) {
    return new DeadLetterFilter(DeadLetterApi.status(status), reason, group, key);
  }
}
