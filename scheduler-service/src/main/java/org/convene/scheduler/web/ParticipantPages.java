package org.convene.scheduler.web;

import jakarta.validation.Validator;
import java.util.Locale;
import java.util.UUID;
import org.convene.events.MeetingId;
import org.convene.scheduler.group.GroupManagement;
import org.convene.scheduler.group.GroupRequests;
import org.convene.scheduler.meeting.MeetingView;
import org.convene.scheduler.meeting.domain.GroupId;
import org.convene.scheduler.meeting.domain.Mailbox;
import org.convene.scheduler.meeting.domain.ParticipantRole;
import org.convene.scheduler.participant.ParticipantRequests;
import org.convene.scheduler.system.ConflictException;
import org.convene.scheduler.system.IfMatch;
import org.convene.scheduler.system.InvalidRequestException;
import org.convene.scheduler.system.PreconditionFailedException;
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
 * Participants and groups on the pages: invite a person (with a preview of what it sends), change a
 * person's role or remove them, invite a group in a role or withdraw its invitation. Each is the
 * API's request, checked and applied as the API does, at the revision the page was read at.
 */
@Controller
class ParticipantPages {

  private final PageChanges changes;
  private final GroupManagement groups;
  private final Validator validator;

  ParticipantPages(PageChanges changes, GroupManagement groups, Validator validator) {
    this.changes = changes;
    this.groups = groups;
    this.validator = validator;
  }

  @ModelAttribute("roles")
  ParticipantRole[] roles() {
    return ParticipantRole.values();
  }

  @GetMapping("/meetings/{id}/participants/new")
  String inviteForm(@PathVariable UUID id, Model model) {
    MeetingView meeting = changes.changeable(id);
    return page(model, meeting, PersonForm.blank(meeting), new FormErrors());
  }

  @PostMapping("/meetings/{id}/participants")
  String invite(
      @PathVariable UUID id,
      @ModelAttribute("form") PersonForm form,
      @RequestParam(name = "preview", required = false) String preview,
      Locale locale,
      Model model,
      RedirectAttributes redirect) {
    MeetingView meeting = changes.changeable(id);
    FormErrors errors = new FormErrors();
    ParticipantRequests.AddParticipantRequest request =
        new ParticipantRequests.AddParticipantRequest(
            MeetingForm.trimmed(form.getName()),
            MeetingForm.trimmed(form.getEmail()),
            MeetingForm.role(form.getRole(), "role", errors),
            MeetingForm.trimmed(form.getLanguage()),
            MeetingForm.trimmed(form.getTimeZone()));
    errors.addViolations(validator.validate(request));
    if (!errors.isEmpty()) {
      return page(model, meeting, form, errors);
    }
    return switch (changes.run(
        id,
        form,
        preview != null,
        (current, context) -> current.invite(request.toParticipant(), context.limits()),
        locale)) {
      case PageChanges.Applied applied -> {
        redirect.addFlashAttribute("notice", "notice.invited");
        yield "redirect:/meetings/" + id;
      }
      case PageChanges.Previewed previewed -> {
        model.addAttribute("preview", previewed.summary());
        yield page(model, meeting, form, new FormErrors());
      }
      case PageChanges.Refused refused -> page(model, meeting, form, refused.errors());
      case PageChanges.Stale stale -> {
        model.addAttribute("differences", stale.differences());
        yield page(model, stale.current(), form, new FormErrors());
      }
    };
  }

  /**
   * One person's role and removal, on a page of their own: the meeting's page links to it rather
   * than carrying two forms per person (500 people made it a megabyte).
   */
  @GetMapping("/meetings/{id}/participants/edit")
  String person(@PathVariable UUID id, @RequestParam String email, Model model) {
    MeetingView meeting = changes.changeable(id);
    Mailbox mailbox = Mailbox.of(email);
    MeetingView.ParticipantView person =
        meeting.participants().stream()
            .filter(p -> Mailbox.of(p.email()).equals(mailbox))
            .findFirst()
            .orElseThrow(
                () -> new ResourceNotFoundException("The meeting does not invite " + email + "."));
    model.addAttribute("meeting", meeting);
    model.addAttribute("person", person);
    return "web/person";
  }

  /** A new role; making someone chair makes the chair a voting member. */
  @PostMapping("/meetings/{id}/participants/role")
  String changeRole(
      @PathVariable UUID id,
      @RequestParam String email,
      @RequestParam ParticipantRole role,
      @RequestParam long revision,
      RedirectAttributes redirect) {
    ParticipantRequests.ChangeParticipantRequest request =
        new ParticipantRequests.ChangeParticipantRequest(null, role, null, null);
    return changes.fromMeetingPage(
        id,
        revision,
        (meeting, context) ->
            meeting.changeParticipant(Mailbox.of(email), request.toEdit(), context.limits()),
        "notice.roleChanged",
        redirect);
  }

  @PostMapping("/meetings/{id}/participants/remove")
  String remove(
      @PathVariable UUID id,
      @RequestParam String email,
      @RequestParam long revision,
      RedirectAttributes redirect) {
    return changes.fromMeetingPage(
        id,
        revision,
        (meeting, context) -> meeting.removeParticipant(Mailbox.of(email), context.limits()),
        "notice.participantRemoved",
        redirect);
  }

  /**
   * Invites a group through the groups' own service, which keeps the meeting's invited groups and
   * its participants in step; so not through {@link PageChanges#fromMeetingPage}, whose operation
   * only sees the meeting.
   */
  @PostMapping("/meetings/{id}/groups")
  String inviteGroup(
      @PathVariable UUID id,
      @RequestParam UUID groupId,
      @RequestParam ParticipantRole role,
      @RequestParam long revision,
      RedirectAttributes redirect) {
    return throughGroups(
        id,
        revision,
        ifMatch ->
            groups.invite(
                MeetingId.of(id), ifMatch, new GroupRequests.InviteGroupRequest(groupId, role)),
        "notice.groupInvited",
        redirect);
  }

  @PostMapping("/meetings/{id}/groups/{groupId}/remove")
  String uninviteGroup(
      @PathVariable UUID id,
      @PathVariable UUID groupId,
      @RequestParam long revision,
      RedirectAttributes redirect) {
    return throughGroups(
        id,
        revision,
        ifMatch -> groups.uninvite(MeetingId.of(id), ifMatch, GroupId.of(groupId)),
        "notice.groupRemoved",
        redirect);
  }

  private static String throughGroups(
      UUID id,
      long revision,
      java.util.function.Function<IfMatch, MeetingView> change,
      String notice,
      RedirectAttributes redirect) {
    try {
      change.apply(IfMatch.parse("\"" + revision + "\""));
      redirect.addFlashAttribute("notice", notice);
    } catch (PreconditionFailedException stale) {
      redirect.addFlashAttribute("staleRevision", revision);
    } catch (InvalidRequestException refused) {
      redirect.addFlashAttribute("refusal", PageChanges.text(refused));
    } catch (ConflictException | ResourceNotFoundException refused) {
      redirect.addFlashAttribute("refusal", refused.getMessage());
    }
    return "redirect:/meetings/" + id;
  }

  private static String page(Model model, MeetingView meeting, PersonForm form, FormErrors errors) {
    model.addAttribute("meeting", meeting);
    model.addAttribute("form", form);
    model.addAttribute("errors", errors.asMap());
    return "web/participant";
  }
}
