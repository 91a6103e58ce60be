package org.convene.notifier.flow;

import java.security.Principal;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The flow page: find a meeting (by its id or an event's), or a recipient's meetings; a meeting's
 * timeline of events and, per recipient, what each revision owed them and what became of it. The
 * retry of failed deliveries is asked for twice: a confirmation page, then the retry.
 */
@Controller
@RequestMapping("/ops/flow")
class FlowPages {

  private final FlowSearch search;
  private final FailedRetries retries;

  FlowPages(FlowSearch search, FailedRetries retries) {
    this.search = search;
    this.retries = retries;
  }

  @GetMapping
  String flow(
      @RequestParam(required = false) @Nullable String q,
      @RequestParam(required = false) @Nullable String recipient,
      Model model) {
    model.addAttribute("found", search.find(q, recipient));
    model.addAttribute("recipient", recipient == null ? "" : recipient.strip());
    return "ops/flow";
  }

  @PostMapping("/retry")
  String retry(
      @RequestParam(required = false) @Nullable String meetingId,
      @RequestParam(required = false) @Nullable String recipient,
      @RequestParam(defaultValue = "false") boolean confirmed,
      Principal operator,
      Model model,
      RedirectAttributes redirect) {
    if (!confirmed) {
      model.addAttribute("meetingId", meetingId == null ? "" : meetingId);
      model.addAttribute("recipient", recipient == null ? "" : recipient);
      model.addAttribute(
          "target",
          FailedRetries.describe(
              meetingId == null || meetingId.isBlank()
                  ? null
                  : org.convene.events.MeetingId.parse(meetingId.strip()),
              recipient == null || recipient.isBlank() ? null : recipient.strip()));
      return "ops/retry-confirm";
    }
    int retried = retries.retry(meetingId, recipient, operator.getName());
    redirect.addFlashAttribute("retried", retried);
    return "redirect:"
        + UriComponentsBuilder.fromPath("/ops/flow")
            .queryParam("q", meetingId == null || meetingId.isBlank() ? recipient : meetingId)
            .build()
            .encode()
            .toUriString();
  }
}
