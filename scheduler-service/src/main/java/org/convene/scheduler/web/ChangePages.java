package org.convene.scheduler.web;

import jakarta.validation.Validator;
import java.util.Locale;
import java.util.UUID;
import org.convene.events.MeetingId;
import org.convene.scheduler.meeting.ChangeRequests;
import org.convene.scheduler.meeting.MeetingChanges;
import org.convene.scheduler.meeting.MeetingScheduling;
import org.convene.scheduler.meeting.MeetingView;
import org.convene.scheduler.meeting.ScheduleMeetingRequest;
import org.convene.scheduler.meeting.WallClockTime;
import org.convene.scheduler.system.IfMatch;
import org.convene.scheduler.system.InvalidRequestException;
import org.convene.scheduler.system.PreconditionFailedException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Change the details and reschedule (each with a preview of what it sends) and cancel, through the
 * API's request types and {@link MeetingChanges}: the same ownership check, the same rules, the
 * same revision check. A stale form is not applied; the page shows what changed meanwhile and
 * offers the change again on the current revision.
 */
@Controller
class ChangePages {

  private final MeetingScheduling scheduling;
  private final MeetingChanges changes;
  private final Validator validator;
  private final PageChanges pageChanges;

  ChangePages(
      MeetingScheduling scheduling,
      MeetingChanges changes,
      Validator validator,
      PageChanges pageChanges) {
    this.scheduling = scheduling;
    this.changes = changes;
    this.validator = validator;
    this.pageChanges = pageChanges;
  }

  @GetMapping("/meetings/{id}/reschedule")
  String rescheduleForm(@PathVariable UUID id, Model model) {
    MeetingView meeting = changeable(id);
    return reschedulePage(model, meeting, ChangeForm.readFrom(meeting), new FormErrors());
  }

  @PostMapping("/meetings/{id}/reschedule/preview")
  String previewReschedule(
      @PathVariable UUID id, @ModelAttribute("form") ChangeForm form, Locale locale, Model model) {
    FormErrors errors = new FormErrors();
    ChangeRequests.RescheduleRequest request = rescheduleRequest(form, errors);
    MeetingView meeting = scheduling.get(MeetingId.of(id));
    if (!errors.isEmpty()) {
      return reschedulePage(model, meeting, form, errors);
    }
    try {
      MeetingChanges.Preview preview =
          changes.preview(MeetingId.of(id), IfMatch.parse(form.ifMatch()), reschedule(request));
      model.addAttribute("preview", ChangeSummaries.describe(preview, locale));
    } catch (InvalidRequestException refused) {
      errors.addRefusal(refused);
    } catch (PreconditionFailedException stale) {
      return conflict(model, meeting, form);
    }
    return reschedulePage(model, meeting, form, errors);
  }

  @PostMapping("/meetings/{id}/reschedule")
  String reschedule(
      @PathVariable UUID id,
      @ModelAttribute("form") ChangeForm form,
      Model model,
      RedirectAttributes redirect) {
    FormErrors errors = new FormErrors();
    ChangeRequests.RescheduleRequest request = rescheduleRequest(form, errors);
    if (errors.isEmpty()) {
      try {
        changes.apply(MeetingId.of(id), IfMatch.parse(form.ifMatch()), reschedule(request));
        redirect.addFlashAttribute("notice", "notice.rescheduled");
        return "redirect:/meetings/" + id;
      } catch (InvalidRequestException refused) {
        errors.addRefusal(refused);
      } catch (PreconditionFailedException stale) {
        return conflict(model, scheduling.get(MeetingId.of(id)), form);
      }
    }
    return reschedulePage(model, scheduling.get(MeetingId.of(id)), form, errors);
  }

  @GetMapping("/meetings/{id}/cancel")
  String cancelForm(@PathVariable UUID id, Model model) {
    MeetingView meeting = changeable(id);
    return cancelPage(model, meeting, ChangeForm.readFrom(meeting), new FormErrors());
  }

  @PostMapping("/meetings/{id}/cancel")
  String cancel(
      @PathVariable UUID id,
      @ModelAttribute("form") ChangeForm form,
      Model model,
      RedirectAttributes redirect) {
    ChangeRequests.CancelRequest request =
        new ChangeRequests.CancelRequest(MeetingForm.trimmed(form.getReason()));
    FormErrors errors = new FormErrors().addViolations(validator.validate(request));
    if (errors.isEmpty()) {
      try {
        changes.apply(
            MeetingId.of(id),
            IfMatch.parse(form.ifMatch()),
            (meeting, context) -> meeting.cancel(request.reason()));
        redirect.addFlashAttribute("notice", "notice.cancelled");
        return "redirect:/meetings/" + id;
      } catch (InvalidRequestException refused) {
        errors.addRefusal(refused);
      } catch (PreconditionFailedException stale) {
        MeetingView current = scheduling.get(MeetingId.of(id));
        model.addAttribute("differences", form.differencesTo(current));
        form.rememberRead(current);
        return cancelPage(model, current, form, errors);
      }
    }
    return cancelPage(model, scheduling.get(MeetingId.of(id)), form, errors);
  }

  private MeetingView changeable(UUID id) {
    return pageChanges.changeable(id);
  }

  private ChangeRequests.RescheduleRequest rescheduleRequest(ChangeForm form, FormErrors errors) {
    WallClockTime start = MeetingForm.time(form.getStart(), "start", errors);
    WallClockTime end = MeetingForm.time(form.getEnd(), "end", errors);
    ChangeRequests.RescheduleRequest request =
        new ChangeRequests.RescheduleRequest(start, end, MeetingForm.trimmed(form.getTimeZone()));
    errors.addViolations(validator.validate(request));
    return request;
  }

  private static MeetingChanges.Operation reschedule(ChangeRequests.RescheduleRequest request) {
    return (meeting, context) ->
        meeting.reschedule(
            request.toTime(), request.offsets(), context.limits(), context.clock().instant());
  }

  /**
   * The stale form's values stay; it now carries the current revision, so sending it again applies
   * them.
   */
  private String conflict(Model model, MeetingView current, ChangeForm form) {
    model.addAttribute("differences", form.differencesTo(current));
    form.rememberRead(current);
    return reschedulePage(model, current, form, new FormErrors());
  }

  private static String reschedulePage(
      Model model, MeetingView meeting, ChangeForm form, FormErrors errors) {
    model.addAttribute("meeting", meeting);
    model.addAttribute("form", form);
    model.addAttribute("errors", errors.asMap());
    return "web/reschedule";
  }

  @GetMapping("/meetings/{id}/details")
  String detailsForm(@PathVariable UUID id, Model model) {
    MeetingView meeting = changeable(id);
    return detailsPage(model, meeting, ChangeForm.readFrom(meeting), new FormErrors());
  }

  @PostMapping("/meetings/{id}/details/preview")
  String previewDetails(
      @PathVariable UUID id, @ModelAttribute("form") ChangeForm form, Locale locale, Model model) {
    MeetingView meeting = scheduling.get(MeetingId.of(id));
    ChangeRequests.ChangeDetailsRequest request = detailsRequest(form, meeting);
    FormErrors errors = new FormErrors().addViolations(validator.validate(request));
    if (errors.isEmpty()) {
      try {
        MeetingChanges.Preview preview =
            changes.preview(
                MeetingId.of(id),
                IfMatch.parse(form.ifMatch()),
                (current, context) -> current.changeDetails(request.toDraft()));
        model.addAttribute("preview", ChangeSummaries.describe(preview, locale));
      } catch (InvalidRequestException refused) {
        errors.addRefusal(refused);
      } catch (PreconditionFailedException stale) {
        model.addAttribute("differences", form.differencesTo(meeting));
        form.rememberRead(meeting);
      }
    }
    return detailsPage(model, meeting, form, errors);
  }

  @PostMapping("/meetings/{id}/details")
  String changeDetails(
      @PathVariable UUID id,
      @ModelAttribute("form") ChangeForm form,
      Model model,
      RedirectAttributes redirect) {
    MeetingView meeting = scheduling.get(MeetingId.of(id));
    ChangeRequests.ChangeDetailsRequest request = detailsRequest(form, meeting);
    FormErrors errors = new FormErrors().addViolations(validator.validate(request));
    if (errors.isEmpty()) {
      try {
        changes.apply(
            MeetingId.of(id),
            IfMatch.parse(form.ifMatch()),
            (current, context) -> current.changeDetails(request.toDraft()));
        redirect.addFlashAttribute("notice", "notice.detailsChanged");
        return "redirect:/meetings/" + id;
      } catch (InvalidRequestException refused) {
        errors.addRefusal(refused);
      } catch (PreconditionFailedException stale) {
        MeetingView current = scheduling.get(MeetingId.of(id));
        model.addAttribute("differences", form.differencesTo(current));
        form.rememberRead(current);
        return detailsPage(model, current, form, errors);
      }
    }
    return detailsPage(model, meeting, form, errors);
  }

  /**
   * The documents are not on the form: the request carries them as they are, since it replaces
   * them.
   */
  private static ChangeRequests.ChangeDetailsRequest detailsRequest(
      ChangeForm form, MeetingView meeting) {
    return new ChangeRequests.ChangeDetailsRequest(
        MeetingForm.trimmed(form.getTitle()),
        MeetingForm.trimmed(form.getDescription()),
        MeetingForm.trimmed(form.getLocation()),
        MeetingForm.trimmed(form.getOnlineLink()),
        meeting.documents().stream()
            .map(d -> new ScheduleMeetingRequest.DocumentRequest(d.title(), d.url()))
            .toList());
  }

  private static String detailsPage(
      Model model, MeetingView meeting, ChangeForm form, FormErrors errors) {
    model.addAttribute("meeting", meeting);
    model.addAttribute("form", form);
    model.addAttribute("errors", errors.asMap());
    return "web/details";
  }

  private static String cancelPage(
      Model model, MeetingView meeting, ChangeForm form, FormErrors errors) {
    model.addAttribute("meeting", meeting);
    model.addAttribute("form", form);
    model.addAttribute("errors", errors.asMap());
    return "web/cancel";
  }
}
