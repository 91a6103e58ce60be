package org.convene.scheduler.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Validator;
import java.time.ZoneId;
import org.convene.scheduler.meeting.MeetingScheduling;
import org.convene.scheduler.meeting.MeetingView;
import org.convene.scheduler.meeting.ScheduleMeetingRequest;
import org.convene.scheduler.meeting.domain.ParticipantRole;
import org.convene.scheduler.system.InvalidRequestException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Schedules a meeting from a form, through the API's request type and service: the same validation
 * (in the page's language) and the same refusals, each shown next to its field.
 */
@Controller
class NewMeetingPage {

  private final MeetingScheduling scheduling;
  private final Validator validator;

  NewMeetingPage(MeetingScheduling scheduling, Validator validator) {
    this.scheduling = scheduling;
    this.validator = validator;
  }

  @ModelAttribute("roles")
  ParticipantRole[] roles() {
    return ParticipantRole.values();
  }

  @GetMapping("/meetings/new")
  String form(HttpServletRequest request, Model model) {
    model.addAttribute(
        "form", MeetingForm.empty(ViewerZone.of(request).map(ZoneId::getId).orElse("UTC")));
    model.addAttribute("errors", new FormErrors().asMap());
    return "web/new";
  }

  @PostMapping("/meetings")
  String schedule(
      @ModelAttribute("form") MeetingForm form, Model model, RedirectAttributes redirect) {
    form.compactAndPad();
    FormErrors errors = new FormErrors();
    ScheduleMeetingRequest request = form.toRequest(errors);
    errors.addViolations(validator.validate(request));
    if (errors.isEmpty()) {
      try {
        MeetingView scheduled = scheduling.schedule(request);
        redirect.addFlashAttribute("notice", "notice.scheduled");
        return "redirect:/meetings/" + scheduled.id();
      } catch (InvalidRequestException refused) {
        errors.addRefusal(refused);
      }
    }
    model.addAttribute("errors", errors.asMap());
    return "web/new";
  }
}
