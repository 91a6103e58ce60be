package org.convene.scheduler.web;

import jakarta.validation.Validator;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.convene.scheduler.group.Group;
import org.convene.scheduler.group.GroupManagement;
import org.convene.scheduler.group.GroupRequests;
import org.convene.scheduler.meeting.domain.GroupId;
import org.convene.scheduler.security.MeetingAccess;
import org.convene.scheduler.system.ConflictException;
import org.convene.scheduler.system.IfMatch;
import org.convene.scheduler.system.InvalidRequestException;
import org.convene.scheduler.system.PreconditionFailedException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Groups on the pages: list them, create one, replace its members, as the API's group requests do.
 * Members are typed one a line, "Name &lt;address&gt;"; a line's problems are shown under its
 * number. Ops read the groups and change none, as with meetings.
 */
@Controller
class GroupPages {

  private static final Pattern NAMED = Pattern.compile("^(.*?)\\s*<([^<>]*)>$");

  private final GroupManagement groups;
  private final MeetingAccess access;
  private final Validator validator;

  GroupPages(GroupManagement groups, MeetingAccess access, Validator validator) {
    this.groups = groups;
    this.access = access;
    this.validator = validator;
  }

  @GetMapping("/groups")
  String list(Model model) {
    return listPage(model, "", "", new FormErrors());
  }

  @PostMapping("/groups")
  String create(
      @RequestParam(defaultValue = "") String name,
      @RequestParam(defaultValue = "") String members,
      Model model,
      RedirectAttributes redirect) {
    refuseOps();
    GroupRequests.CreateGroupRequest request =
        new GroupRequests.CreateGroupRequest(MeetingForm.trimmed(name), memberList(members));
    FormErrors errors = new FormErrors().addViolations(validator.validate(request));
    if (errors.isEmpty()) {
      try {
        Group group = groups.create(request);
        redirect.addFlashAttribute("notice", "notice.groupCreated");
        return "redirect:/groups/" + group.id();
      } catch (InvalidRequestException refused) {
        errors.addRefusal(refused);
      } catch (ConflictException taken) {
        errors.add("name", taken.getMessage());
      }
    }
    return listPage(model, name, members, errors);
  }

  @GetMapping("/groups/{id}")
  String show(@PathVariable UUID id, Model model) {
    Group group = groups.get(GroupId.of(id));
    return groupPage(model, group, group.revision(), lines(group), new FormErrors());
  }

  @PostMapping("/groups/{id}/members")
  String replaceMembers(
      @PathVariable UUID id,
      @RequestParam long revision,
      @RequestParam(defaultValue = "") String members,
      Model model,
      RedirectAttributes redirect) {
    refuseOps();
    GroupRequests.ReplaceMembersRequest request =
        new GroupRequests.ReplaceMembersRequest(memberList(members));
    FormErrors errors = new FormErrors().addViolations(validator.validate(request));
    if (errors.isEmpty()) {
      try {
        groups.replaceMembers(
            GroupId.of(id), IfMatch.parse("\"" + revision + "\""), request.members());
        redirect.addFlashAttribute("notice", "notice.membersChanged");
        return "redirect:/groups/" + id;
      } catch (InvalidRequestException refused) {
        errors.addRefusal(refused);
      } catch (PreconditionFailedException stale) {
        // The typed members stay; the form now carries the current revision, so sending it again
        // replaces the members as they are now.
        Group current = groups.get(GroupId.of(id));
        model.addAttribute("staleMembers", lines(current));
        return groupPage(model, current, current.revision(), members, errors);
      }
    }
    return groupPage(model, groups.get(GroupId.of(id)), revision, members, errors);
  }

  private void refuseOps() {
    if (access.callerIsOps()) {
      throw new AccessDeniedException("Ops read groups and change none.");
    }
  }

  /**
   * One member a line: "Name &lt;address&gt;", or a bare address, which leaves the name blank and
   * so refused, as the API refuses a member without one.
   */
  static List<GroupRequests.MemberRequest> memberList(String text) {
    List<GroupRequests.MemberRequest> members = new ArrayList<>();
    for (String line : text.split("\\R")) {
      String member = line.strip();
      if (member.isEmpty()) {
        continue;
      }
      Matcher named = NAMED.matcher(member);
      if (named.matches()) {
        members.add(
            new GroupRequests.MemberRequest(
                named.group(1).strip(), named.group(2).strip(), null, null));
      } else {
        members.add(new GroupRequests.MemberRequest("", member, null, null));
      }
    }
    return members;
  }

  private static String lines(Group group) {
    StringBuilder text = new StringBuilder();
    for (Group.Member member : group.members()) {
      text.append(member.name()).append(" <").append(member.email()).append(">\n");
    }
    return text.toString();
  }

  private String listPage(Model model, String name, String members, FormErrors errors) {
    model.addAttribute("groups", groups.list());
    model.addAttribute("name", name);
    model.addAttribute("members", members);
    model.addAttribute("errors", errors.asMap());
    return "web/groups";
  }

  private static String groupPage(
      Model model, Group group, long revision, String members, FormErrors errors) {
    model.addAttribute("group", group);
    model.addAttribute("revision", revision);
    model.addAttribute("members", members);
    model.addAttribute("errors", errors.asMap());
    return "web/group";
  }
}
