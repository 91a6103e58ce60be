package org.convene.notifier.flow;

import java.security.Principal;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The flow page as JSON: {@code q} is a meeting id, an event id or a recipient's address; within a
 * meeting, {@code recipient} narrows it to one person. Each step of a recipient carries its answer
 * ("did they get revision N, when, and if not, why").
 */
@RestController
@RequestMapping("/ops/api")
class FlowApi {

  private final FlowSearch search;
  private final FailedRetries retries;

  FlowApi(FlowSearch search, FailedRetries retries) {
    this.search = search;
    this.retries = retries;
  }

  @GetMapping("/flow")
  FlowSearch.Found flow(
      @RequestParam(required = false) @Nullable String q,
      @RequestParam(required = false) @Nullable String recipient) {
    return search.find(q, recipient);
  }

  /** Which FAILED messages to make owed again; both empty means all. */
  record Retry(@Nullable String meetingId, @Nullable String recipient) {}

  /** How many FAILED messages are owed again. */
  record Retried(int retried) {}

  @PostMapping("/deliveries/retry")
  Retried retry(@RequestBody Retry retry, Principal operator) {
    return new Retried(retries.retry(retry.meetingId(), retry.recipient(), operator.getName()));
  }
}
