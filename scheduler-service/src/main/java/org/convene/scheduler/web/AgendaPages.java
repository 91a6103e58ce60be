package org.convene.scheduler.web;

import java.util.UUID;
import org.convene.events.MeetingId;
import org.convene.scheduler.meeting.MeetingChanges;
import org.convene.scheduler.meeting.domain.AgendaItemId;
import org.convene.scheduler.meeting.domain.Drafts;
import org.convene.scheduler.system.IfMatch;
import org.convene.scheduler.system.InvalidRequestException;
import org.convene.scheduler.system.PreconditionFailedException;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Moves an agenda item up or down from the meeting's page, as the API's item edit does with a new
 * position. The buttons carry the revision the page was read at: if the meeting changed since,
 * nothing moves and the page, read again, says so.
 */
@Controller
class AgendaPages {

  private final MeetingChanges changes;

  AgendaPages(MeetingChanges changes) {
    this.changes = changes;
  }

  @PostMapping("/meetings/{id}/agenda/{itemId}/move")
  String move(
      @PathVariable UUID id,
      @PathVariable String itemId,
      @RequestParam long revision,
      @RequestParam int position,
      RedirectAttributes redirect) {
    try {
      changes.apply(
          MeetingId.of(id),
          IfMatch.parse("\"" + revision + "\""),
          (meeting, context) ->
              meeting.editAgendaItem(
                  new AgendaItemId(itemId),
                  new Drafts.AgendaItemEdit(null, false, null, null, null, position),
                  context.limits()));
      redirect.addFlashAttribute("notice", "notice.moved");
    } catch (PreconditionFailedException stale) {
      redirect.addFlashAttribute("staleRevision", revision);
    } catch (InvalidRequestException refused) {
      redirect.addFlashAttribute(
          "refusal",
          refused.problems().stream()
              .map(p -> p.getKey() + ": " + p.getValue())
              .reduce((a, b) -> a + "; " + b)
              .orElse(""));
    }
    return "redirect:/meetings/" + id;
  }
}
