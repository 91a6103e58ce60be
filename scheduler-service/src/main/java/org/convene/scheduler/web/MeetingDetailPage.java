package org.convene.scheduler.web;

import jakarta.servlet.http.HttpServletRequest;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.convene.events.MeetingId;
import org.convene.scheduler.answer.MeetingResponses;
import org.convene.scheduler.group.GroupManagement;
import org.convene.scheduler.inbox.DeliveryStates;
import org.convene.scheduler.meeting.MeetingScheduling;
import org.convene.scheduler.meeting.MeetingView;
import org.convene.scheduler.meeting.domain.Mailbox;
import org.convene.scheduler.meeting.domain.MeetingStatus;
import org.convene.scheduler.meeting.domain.ParticipantRole;
import org.convene.scheduler.security.MeetingAccess;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * One meeting: its details, time, agenda with planned times, participants by role with each
 * person's answer, the tallies and the quorum, the groups it invites; for its organiser, the
 * buttons and forms that change it.
 */
@Controller
class MeetingDetailPage {

  /** An agenda item with the time it is planned for, counted from the meeting's start. */
  record PlannedItem(
      String id,
      int number,
      String title,
      String presenter,
      String from,
      String to,
      int minutes,
      String notes) {}

  private final MeetingScheduling scheduling;
  private final MeetingAccess access;
  private final MeetingResponses responses;
  private final GroupManagement groups;
  private final DeliveryStates deliveries;

  MeetingDetailPage(
      MeetingScheduling scheduling,
      MeetingAccess access,
      MeetingResponses responses,
      GroupManagement groups,
      DeliveryStates deliveries) {
    this.scheduling = scheduling;
    this.access = access;
    this.responses = responses;
    this.groups = groups;
    this.deliveries = deliveries;
  }

  @GetMapping("/meetings/{id}")
  String show(@PathVariable UUID id, HttpServletRequest request, Locale locale, Model model) {
    MeetingView meeting = scheduling.get(MeetingId.of(id));
    ZoneId viewer = ViewerZone.of(request).orElse(ZoneId.of(meeting.timeZone()));
    model.addAttribute("meeting", meeting);
    model.addAttribute("time", TimeText.of(meeting, viewer, locale));
    model.addAttribute("agenda", planned(meeting, locale));
    Optional<MeetingResponses.Responses> answers = responses.of(MeetingId.of(id));
    model.addAttribute(
        "byRole",
        byRole(meeting, answers.orElse(null), deliveries.of(MeetingId.of(id)), viewer, locale));
    answers.ifPresent(a -> model.addAttribute("answers", a));
    boolean canChange = canChange(meeting);
    model.addAttribute("canChange", canChange);
    model.addAttribute("roles", ParticipantRole.values());
    model.addAttribute("invitedGroups", groups.invitedTo(MeetingId.of(id)));
    if (canChange) {
      model.addAttribute("allGroups", groups.list());
    }
    return "web/meeting";
  }

  boolean canChange(MeetingView meeting) {
    return meeting.status() == MeetingStatus.SCHEDULED
        && Mailbox.of(meeting.organiser().email()).equals(access.caller().mailbox());
  }

  private static List<PlannedItem> planned(MeetingView meeting, Locale locale) {
    List<PlannedItem> items = new ArrayList<>();
    LocalDateTime at = meeting.start();
    int number = 1;
    for (MeetingView.AgendaItemView item : meeting.agenda()) {
      LocalDateTime end = at.plusMinutes(item.durationMinutes());
      items.add(
          new PlannedItem(
              item.id(),
              number++,
              item.title(),
              presenterName(meeting, item.presenterEmail()),
              TimeText.clock(at, locale),
              TimeText.clock(end, locale),
              item.durationMinutes(),
              item.notes()));
      at = end;
    }
    return items;
  }

  private static String presenterName(MeetingView meeting, String email) {
    if (email == null) {
      return null;
    }
    Mailbox presenter = Mailbox.of(email);
    return meeting.participants().stream()
        .filter(p -> Mailbox.of(p.email()).equals(presenter))
        .map(p -> p.name() + " <" + p.email() + ">")
        .findFirst()
        .orElse(email);
  }

  /** The participants of one role. */
  record RoleGroup(ParticipantRole role, List<Person> people) {}

  /**
   * One participant with their answer and their newest delivery, if any; the times in the viewer's
   * zone.
   *
   * @param answer {@code null} while the person has not answered
   * @param delivery {@code null} while the notifier has reported nothing for them (pending)
   */
  record Person(
      MeetingView.ParticipantView participant,
      MeetingResponses.PersonAnswer answer,
      String answeredAt,
      DeliveryStates.PersonDelivery delivery,
      String deliveredAt) {}

  private static List<RoleGroup> byRole(
      MeetingView meeting,
      MeetingResponses.Responses answers,
      Map<String, DeliveryStates.PersonDelivery> deliveries,
      ZoneId viewer,
      Locale locale) {
    DateTimeFormatter when =
        DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT)
            .withLocale(locale)
            .withZone(viewer);
    Map<ParticipantRole, List<Person>> byRole = new EnumMap<>(ParticipantRole.class);
    for (MeetingView.ParticipantView p : meeting.participants()) {
      MeetingResponses.PersonAnswer answer = answers == null ? null : answers.of(p.email());
      DeliveryStates.PersonDelivery delivery = deliveries.get(Mailbox.of(p.email()).key());
      byRole
          .computeIfAbsent(p.role(), r -> new ArrayList<>())
          .add(
              new Person(
                  p,
                  answer,
                  answer == null ? null : when.format(answer.answeredAt()),
                  delivery,
                  delivery == null ? null : when.format(delivery.at())));
    }
    return byRole.entrySet().stream().map(e -> new RoleGroup(e.getKey(), e.getValue())).toList();
  }
}
