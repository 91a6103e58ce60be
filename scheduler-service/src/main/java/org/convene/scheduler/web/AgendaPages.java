package org.convene.scheduler.web;

import jakarta.validation.Validator;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.convene.scheduler.agenda.AgendaRequests;
import org.convene.scheduler.meeting.MeetingView;
import org.convene.scheduler.meeting.domain.AgendaItemId;
import org.convene.scheduler.meeting.domain.Drafts;
import org.convene.scheduler.system.ResourceNotFoundException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The agenda on the pages: add and edit an item (each with a preview of what it sends), move it up
 * or down and remove it from the meeting's page. Every change is the API's agenda request, checked
 * by the same annotations and applied by the same meeting rules, at the revision the page was read
 * at.
 */
@Controller
class AgendaPages {

  private final PageChanges changes;
  private final Validator validator;

  AgendaPages(PageChanges changes, Validator validator) {
    this.changes = changes;
    this.validator = validator;
  }

  @GetMapping("/meetings/{id}/agenda/new")
  String addForm(@PathVariable UUID id, Model model) {
    MeetingView meeting = changes.changeable(id);
    return page(model, meeting, ItemForm.blank(meeting), null, new FormErrors());
  }

  @PostMapping("/meetings/{id}/agenda/items")
  String add(
      @PathVariable UUID id,
      @ModelAttribute("form") ItemForm form,
      @RequestParam(name = "preview", required = false) String preview,
      Locale locale,
      Model model,
      RedirectAttributes redirect) {
    MeetingView meeting = changes.changeable(id);
    FormErrors errors = new FormErrors();
    AgendaRequests.AddItemRequest request =
        new AgendaRequests.AddItemRequest(
            MeetingForm.trimmed(form.getTitle()),
            MeetingForm.trimmed(form.getPresenterEmail()),
            MeetingForm.number(form.getDurationMinutes(), "durationMinutes", errors),
            MeetingForm.trimmed(form.getNotes()),
            MeetingForm.number(form.getPosition(), "position", errors));
    errors.addViolations(validator.validate(request));
    if (!errors.isEmpty()) {
      return page(model, meeting, form, null, errors);
    }
    return answer(
        changes.run(
            id,
            form,
            preview != null,
            (current, context) ->
                current.addAgendaItem(request.toDraft(), request.position(), context.limits()),
            locale),
        "notice.itemAdded",
        model,
        meeting,
        form,
        null,
        redirect);
  }

  @GetMapping("/meetings/{id}/agenda/{itemId}/edit")
  String editForm(@PathVariable UUID id, @PathVariable String itemId, Model model) {
    MeetingView meeting = changes.changeable(id);
    List<MeetingView.AgendaItemView> agenda = meeting.agenda();
    for (int i = 0; i < agenda.size(); i++) {
      if (agenda.get(i).id().equals(itemId)) {
        return page(
            model, meeting, ItemForm.of(meeting, agenda.get(i), i + 1), itemId, new FormErrors());
      }
    }
    throw new ResourceNotFoundException("The meeting has no agenda item " + itemId + ".");
  }

  /**
   * Sends every field, as the form shows them all: a field the organiser left as it was changes
   * nothing. An emptied presenter removes the presenter.
   */
  @PostMapping("/meetings/{id}/agenda/{itemId}/edit")
  String edit(
      @PathVariable UUID id,
      @PathVariable String itemId,
      @ModelAttribute("form") ItemForm form,
      @RequestParam(name = "preview", required = false) String preview,
      Locale locale,
      Model model,
      RedirectAttributes redirect) {
    MeetingView meeting = changes.changeable(id);
    FormErrors errors = new FormErrors();
    if (MeetingForm.blank(form.getTitle())) {
      // The API leaves a title out to keep it; a form that shows it and comes back empty means it.
      errors.add("title", "must not be blank");
    }
    String presenter = form.getPresenterEmail() == null ? "" : form.getPresenterEmail().strip();
    AgendaRequests.EditItemRequest request =
        new AgendaRequests.EditItemRequest(
            MeetingForm.trimmed(form.getTitle()),
            presenter,
            MeetingForm.number(form.getDurationMinutes(), "durationMinutes", errors),
            form.getNotes() == null ? "" : form.getNotes().strip(),
            MeetingForm.number(form.getPosition(), "position", errors));
    errors.addViolations(validator.validate(request));
    if (!errors.isEmpty()) {
      return page(model, meeting, form, itemId, errors);
    }
    return answer(
        changes.run(
            id,
            form,
            preview != null,
            (current, context) ->
                current.editAgendaItem(
                    new AgendaItemId(itemId), request.toEdit(), context.limits()),
            locale),
        "notice.itemChanged",
        model,
        meeting,
        form,
        itemId,
        redirect);
  }

  @PostMapping("/meetings/{id}/agenda/{itemId}/move")
  String move(
      @PathVariable UUID id,
      @PathVariable String itemId,
      @RequestParam long revision,
      @RequestParam int position,
      RedirectAttributes redirect) {
    return changes.fromMeetingPage(
        id,
        revision,
        (meeting, context) ->
            meeting.editAgendaItem(
                new AgendaItemId(itemId),
                new Drafts.AgendaItemEdit(null, false, null, null, null, position),
                context.limits()),
        "notice.moved",
        redirect);
  }

  @PostMapping("/meetings/{id}/agenda/{itemId}/remove")
  String remove(
      @PathVariable UUID id,
      @PathVariable String itemId,
      @RequestParam long revision,
      RedirectAttributes redirect) {
    return changes.fromMeetingPage(
        id,
        revision,
        (meeting, context) -> meeting.removeAgendaItem(new AgendaItemId(itemId), context.limits()),
        "notice.itemRemoved",
        redirect);
  }

  private static String answer(
      PageChanges.Result result,
      String notice,
      Model model,
      MeetingView meeting,
      ItemForm form,
      String itemId,
      RedirectAttributes redirect) {
    return switch (result) {
      case PageChanges.Applied applied -> {
        redirect.addFlashAttribute("notice", notice);
        yield "redirect:/meetings/" + applied.meeting().id();
      }
      case PageChanges.Previewed previewed -> {
        model.addAttribute("preview", previewed.summary());
        yield page(model, meeting, form, itemId, new FormErrors());
      }
      case PageChanges.Refused refused -> page(model, meeting, form, itemId, refused.errors());
      case PageChanges.Stale stale -> {
        model.addAttribute("differences", stale.differences());
        yield page(model, stale.current(), form, itemId, new FormErrors());
      }
    };
  }

  /** The add form when {@code itemId} is {@code null}, else the edit form of that item. */
  private static String page(
      Model model, MeetingView meeting, ItemForm form, String itemId, FormErrors errors) {
    model.addAttribute("meeting", meeting);
    model.addAttribute("form", form);
    model.addAttribute("itemId", itemId);
    model.addAttribute("errors", errors.asMap());
    return "web/agenda-item";
  }
}
