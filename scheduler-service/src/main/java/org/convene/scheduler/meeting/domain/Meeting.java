package org.convene.scheduler.meeting.domain;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.convene.events.MeetingId;
import org.convene.scheduler.meeting.domain.Drafts.AgendaItemDraft;
import org.convene.scheduler.meeting.domain.Drafts.AgendaItemEdit;
import org.convene.scheduler.meeting.domain.Drafts.DetailsDraft;
import org.convene.scheduler.meeting.domain.Drafts.MeetingDraft;
import org.convene.scheduler.meeting.domain.Drafts.ParticipantEdit;
import org.convene.scheduler.meeting.domain.MeetingChange.FieldChange;
import org.convene.scheduler.meeting.domain.MeetingChange.RoleChange;

/**
 * A meeting and the rules every version of it keeps. Each operation returns the meeting after it
 * with the change it made, {@link Outcome.Unchanged} when there is nothing to change, or the reason
 * it is refused; the meeting itself never changes.
 *
 * @param description never {@code null}; empty when there is none
 * @param location {@code null} when there is an online link only
 * @param reminderMinutesBefore largest first, each once
 */
public record Meeting(
    MeetingId id,
    String title,
    String description,
    Person organiser,
    MeetingTime time,
    String location,
    String onlineLink,
    List<Document> documents,
    List<Participant> participants,
    List<AgendaItem> agenda,
    MeetingStatus status,
    List<Integer> reminderMinutesBefore) {

  public Meeting {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(title, "title");
    description = description == null ? "" : description;
    Objects.requireNonNull(organiser, "organiser");
    Objects.requireNonNull(time, "time");
    documents = List.copyOf(documents);
    participants = List.copyOf(participants);
    agenda = List.copyOf(agenda);
    Objects.requireNonNull(status, "status");
    reminderMinutesBefore = List.copyOf(reminderMinutesBefore);
  }

  /** Schedules a new meeting if the draft keeps every rule. */
  public static Outcome schedule(
      MeetingId id, MeetingDraft draft, MeetingLimits limits, Instant now) {
    RuleCheck check = new RuleCheck();
    checkTime(draft.time(), draft.offsets(), limits, now, check);
    checkPlace(draft.location(), draft.onlineLink(), check);
    checkParticipants(draft.participants(), "participants", limits, check);
    List<AgendaItem> agenda =
        draft.agenda().stream()
            .map(
                a ->
                    new AgendaItem(
                        AgendaItemId.random(),
                        a.title(),
                        a.presenter(),
                        a.durationMinutes(),
                        a.notes()))
            .toList();
    checkAgenda(agenda, draft.participants(), "agenda", limits, check);
    if (!check.passed()) {
      return brokenRules(check);
    }
    List<Integer> reminders =
        draft.reminderMinutesBefore().stream()
            .distinct()
            .sorted(Comparator.reverseOrder())
            .toList();
    Meeting meeting =
        new Meeting(
            id,
            draft.title().strip(),
            draft.description(),
            draft.organiser(),
            draft.time(),
            blankToNull(draft.location()),
            blankToNull(draft.onlineLink()),
            draft.documents(),
            draft.participants(),
            agenda,
            MeetingStatus.SCHEDULED,
            reminders);
    return new Outcome.Changed(meeting, new MeetingChange.Scheduled());
  }

  public boolean isCancelled() {
    return status == MeetingStatus.CANCELLED;
  }

  /** Whether the meeting is still to come (or running) at {@code now}. */
  public boolean endsAfter(Instant now) {
    return time.endInstant().isAfter(now);
  }

  /** Replaces title, description, location, online link and documents. */
  public Outcome changeDetails(DetailsDraft details) {
    if (isCancelled()) {
      return cancelledRefusal();
    }
    RuleCheck check = new RuleCheck();
    checkPlace(details.location(), details.onlineLink(), check);
    if (!check.passed()) {
      return brokenRules(check);
    }
    Meeting after =
        new Meeting(
            id,
            details.title().strip(),
            details.description(),
            organiser,
            time,
            blankToNull(details.location()),
            blankToNull(details.onlineLink()),
            details.documents(),
            participants,
            agenda,
            status,
            reminderMinutesBefore);
    List<FieldChange> changes = new ArrayList<>();
    compare("title", title, after.title, changes);
    compare("description", description, after.description, changes);
    compare("location", location, after.location, changes);
    compare("onlineLink", onlineLink, after.onlineLink, changes);
    compare("documents", describe(documents), describe(after.documents), changes);
    return changes.isEmpty()
        ? new Outcome.Unchanged(this)
        : new Outcome.Changed(after, new MeetingChange.DetailsChanged(changes));
  }

  /** Moves the meeting to another start, end or zone. */
  public Outcome reschedule(MeetingTime newTime, MeetingLimits limits, Instant now) {
    return reschedule(newTime, OffsetChoice.NONE, limits, now);
  }

  /** Moves the meeting to another start, end or zone, given with the offsets the caller chose. */
  public Outcome reschedule(
      MeetingTime newTime, OffsetChoice offsets, MeetingLimits limits, Instant now) {
    if (isCancelled()) {
      return cancelledRefusal();
    }
    RuleCheck check = new RuleCheck();
    checkTime(newTime, offsets, limits, now, check);
    if (!check.passed()) {
      return brokenRules(check);
    }
    if (newTime.equals(time)) {
      return new Outcome.Unchanged(this);
    }
    Meeting after =
        new Meeting(
            id,
            title,
            description,
            organiser,
            newTime,
            location,
            onlineLink,
            documents,
            participants,
            agenda,
            status,
            reminderMinutesBefore);
    return new Outcome.Changed(after, new MeetingChange.Rescheduled(time));
  }

  /** Calls the meeting off. */
  public Outcome cancel(String reason) {
    if (isCancelled()) {
      return cancelledRefusal();
    }
    Meeting after =
        new Meeting(
            id,
            title,
            description,
            organiser,
            time,
            location,
            onlineLink,
            documents,
            participants,
            agenda,
            MeetingStatus.CANCELLED,
            reminderMinutesBefore);
    return new Outcome.Changed(after, new MeetingChange.Cancelled(blankToNull(reason)));
  }

  /** Replaces the whole agenda; items that name an existing id keep their identity. */
  public Outcome replaceAgenda(List<AgendaItemDraft> items, MeetingLimits limits) {
    if (isCancelled()) {
      return cancelledRefusal();
    }
    Set<AgendaItemId> known = new HashSet<>();
    agenda.forEach(item -> known.add(item.id()));
    Set<AgendaItemId> seen = new HashSet<>();
    RuleCheck check = new RuleCheck();
    List<AgendaItem> next = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      AgendaItemDraft item = items.get(i);
      AgendaItemId itemId = item.id();
      if (itemId != null && !known.contains(itemId)) {
        check.add(
            "items[" + i + "].id", "is not an item of this meeting; leave it out for a new item");
      } else if (itemId != null && !seen.add(itemId)) {
        check.add("items[" + i + "].id", "appears more than once");
      }
      next.add(
          new AgendaItem(
              itemId == null ? AgendaItemId.random() : itemId,
              item.title(),
              item.presenter(),
              item.durationMinutes(),
              item.notes()));
    }
    if (!check.passed()) {
      return brokenRules(check);
    }
    return withAgenda(next, "items", limits);
  }

  /** Adds one item at a 1-based position, or at the end. */
  public Outcome addAgendaItem(AgendaItemDraft item, Integer position, MeetingLimits limits) {
    if (isCancelled()) {
      return cancelledRefusal();
    }
    List<AgendaItem> next = new ArrayList<>(agenda);
    int index = position == null ? next.size() : Math.min(position, next.size() + 1) - 1;
    next.add(
        index,
        new AgendaItem(
            AgendaItemId.random(),
            item.title(),
            item.presenter(),
            item.durationMinutes(),
            item.notes()));
    return withAgenda(next, "agenda", limits);
  }

  /** Changes one item's title, presenter, duration, notes or position. */
  public Outcome editAgendaItem(AgendaItemId itemId, AgendaItemEdit edit, MeetingLimits limits) {
    if (isCancelled()) {
      return cancelledRefusal();
    }
    int index = indexOf(itemId);
    if (index < 0) {
      return noSuchItem(itemId);
    }
    List<AgendaItem> next = new ArrayList<>(agenda);
    AgendaItem old = next.remove(index);
    AgendaItem edited =
        new AgendaItem(
            old.id(),
            edit.title() == null ? old.title() : edit.title(),
            edit.presenterGiven() ? edit.presenter() : old.presenter(),
            edit.durationMinutes() == null ? old.durationMinutes() : edit.durationMinutes(),
            edit.notes() == null ? old.notes() : blankToNull(edit.notes()));
    int target = edit.position() == null ? index : Math.min(edit.position(), next.size() + 1) - 1;
    next.add(target, edited);
    return withAgenda(next, "agenda", limits);
  }

  /** Takes one item off the agenda. */
  public Outcome removeAgendaItem(AgendaItemId itemId, MeetingLimits limits) {
    if (isCancelled()) {
      return cancelledRefusal();
    }
    int index = indexOf(itemId);
    if (index < 0) {
      return noSuchItem(itemId);
    }
    List<AgendaItem> next = new ArrayList<>(agenda);
    next.remove(index);
    return withAgenda(next, "agenda", limits);
  }

  /** Invites one person; inviting a new chair makes the current one a voting member. */
  public Outcome invite(Participant invited, MeetingLimits limits) {
    if (isCancelled()) {
      return cancelledRefusal();
    }
    if (indexOf(invited.mailbox()) >= 0) {
      return new Outcome.Refused(
          new Failure.Conflict(invited.mailbox() + " is already invited to this meeting."));
    }
    List<Participant> next = new ArrayList<>(participants);
    List<RoleChange> roleChanges = new ArrayList<>();
    if (invited.role() == ParticipantRole.CHAIR) {
      demoteChair(next, roleChanges);
    }
    next.add(invited);
    return withParticipants(
        next,
        new MeetingChange.ParticipantsChanged(List.of(invited), List.of(), roleChanges),
        limits);
  }

  /** Withdraws one person's invitation; not the chair's, nor a presenter's. */
  public Outcome removeParticipant(Mailbox mailbox, MeetingLimits limits) {
    if (isCancelled()) {
      return cancelledRefusal();
    }
    int index = indexOf(mailbox);
    if (index < 0) {
      return notInvited(mailbox);
    }
    Participant removed = participants.get(index);
    if (removed.role() == ParticipantRole.CHAIR) {
      return new Outcome.Refused(
          new Failure.Conflict(
              removed.mailbox() + " chairs the meeting: make somebody else chair first."));
    }
    List<String> presented =
        agenda.stream()
            .filter(item -> mailbox.equals(item.presenter()))
            .map(AgendaItem::title)
            .toList();
    if (!presented.isEmpty()) {
      return new Outcome.Refused(
          new Failure.Conflict(
              removed.mailbox() + " presents " + presented + ": change the presenter first."));
    }
    List<Participant> next = new ArrayList<>(participants);
    next.remove(index);
    return withParticipants(
        next,
        new MeetingChange.ParticipantsChanged(List.of(), List.of(removed), List.of()),
        limits);
  }

  /**
   * Changes an invited person's name, role, language or zone; a new chair demotes the current one.
   */
  public Outcome changeParticipant(Mailbox mailbox, ParticipantEdit edit, MeetingLimits limits) {
    if (isCancelled()) {
      return cancelledRefusal();
    }
    int index = indexOf(mailbox);
    if (index < 0) {
      return notInvited(mailbox);
    }
    List<Participant> next = new ArrayList<>(participants);
    Participant old = next.get(index);
    ParticipantRole role = edit.role() == null ? old.role() : edit.role();
    if (old.role() == ParticipantRole.CHAIR && role != ParticipantRole.CHAIR) {
      return new Outcome.Refused(
          new Failure.Conflict(
              old.mailbox() + " chairs the meeting: make somebody else chair instead."));
    }
    List<RoleChange> roleChanges = new ArrayList<>();
    if (role == ParticipantRole.CHAIR && old.role() != ParticipantRole.CHAIR) {
      demoteChair(next, roleChanges);
    }
    Participant changed =
        new Participant(
            edit.name() == null ? old.name() : edit.name(),
            old.mailbox(),
            role,
            edit.language() == null ? old.language() : edit.language(),
            edit.timeZone() == null ? old.timeZone() : edit.timeZone(),
            old.group());
    next.set(index, changed);
    if (role != old.role()) {
      roleChanges.add(new RoleChange(old.mailbox(), changed.name(), old.role(), role));
    }
    if (changed.equals(old) && roleChanges.isEmpty()) {
      return new Outcome.Unchanged(this);
    }
    return withParticipants(
        next, new MeetingChange.ParticipantsChanged(List.of(), List.of(), roleChanges), limits);
  }

  /**
   * Recomputes the participants from the direct invitations and the groups' current members, on the
   * system's behalf (a group's membership changed): no participant rule is checked, so a membership
   * change never fails because of one meeting.
   */
  public Outcome regroup(List<InvitedGroup> groups) {
    List<Participant> next = GroupExpansion.expand(participants, agenda, groups);
    if (next.equals(participants)) {
      return new Outcome.Unchanged(this);
    }
    return new Outcome.Changed(
        withParticipantList(next), GroupExpansion.difference(participants, next));
  }

  /**
   * Recomputes the participants from the groups as the organiser changed them: the rules must hold.
   */
  public Outcome regroup(List<InvitedGroup> groups, MeetingLimits limits) {
    if (isCancelled()) {
      return cancelledRefusal();
    }
    List<Participant> next = GroupExpansion.expand(participants, agenda, groups);
    RuleCheck check = new RuleCheck();
    checkParticipants(next, "participants", limits, check);
    if (!check.passed()) {
      return brokenRules(check);
    }
    return regroup(groups);
  }

  private Outcome withAgenda(List<AgendaItem> next, String field, MeetingLimits limits) {
    RuleCheck check = new RuleCheck();
    checkAgenda(next, participants, field, limits, check);
    if (!check.passed()) {
      return brokenRules(check);
    }
    List<AgendaItemChange> changes = AgendaDiff.between(agenda, next, time.start());
    if (changes.isEmpty()) {
      return new Outcome.Unchanged(this);
    }
    Meeting after =
        new Meeting(
            id,
            title,
            description,
            organiser,
            time,
            location,
            onlineLink,
            documents,
            participants,
            next,
            status,
            reminderMinutesBefore);
    return new Outcome.Changed(after, new MeetingChange.AgendaChanged(changes));
  }

  private Outcome withParticipants(
      List<Participant> next, MeetingChange.ParticipantsChanged change, MeetingLimits limits) {
    RuleCheck check = new RuleCheck();
    checkParticipants(next, "participants", limits, check);
    if (!check.passed()) {
      return brokenRules(check);
    }
    return new Outcome.Changed(withParticipantList(next), change);
  }

  private Meeting withParticipantList(List<Participant> next) {
    return new Meeting(
        id,
        title,
        description,
        organiser,
        time,
        location,
        onlineLink,
        documents,
        next,
        agenda,
        status,
        reminderMinutesBefore);
  }

  private int indexOf(Mailbox mailbox) {
    for (int i = 0; i < participants.size(); i++) {
      if (participants.get(i).mailbox().equals(mailbox)) {
        return i;
      }
    }
    return -1;
  }

  private int indexOf(AgendaItemId itemId) {
    for (int i = 0; i < agenda.size(); i++) {
      if (agenda.get(i).id().equals(itemId)) {
        return i;
      }
    }
    return -1;
  }

  private static Outcome brokenRules(RuleCheck check) {
    return new Outcome.Refused(new Failure.BrokenRules(check.problems()));
  }

  private Outcome cancelledRefusal() {
    return new Outcome.Refused(
        new Failure.Conflict("The meeting " + id + " is cancelled and can no longer be changed."));
  }

  private static Outcome noSuchItem(AgendaItemId itemId) {
    return new Outcome.Refused(
        new Failure.NotFound("The meeting has no agenda item with the id " + itemId + "."));
  }

  private static Outcome notInvited(Mailbox mailbox) {
    return new Outcome.Refused(new Failure.NotFound(mailbox + " is not invited to this meeting."));
  }

  /** The current chair becomes a voting member, reported as a role change. */
  private static void demoteChair(List<Participant> participants, List<RoleChange> roleChanges) {
    for (int i = 0; i < participants.size(); i++) {
      Participant p = participants.get(i);
      if (p.role() == ParticipantRole.CHAIR) {
        participants.set(i, p.withRole(ParticipantRole.VOTING));
        roleChanges.add(
            new RoleChange(p.mailbox(), p.name(), ParticipantRole.CHAIR, ParticipantRole.VOTING));
      }
    }
  }

  /**
   * End after start, both existing in the zone and unambiguous there, not in the past, not longer
   * than the maximum.
   */
  static void checkTime(
      MeetingTime time, OffsetChoice offsets, MeetingLimits limits, Instant now, RuleCheck check) {
    LocalDateTime start = time.start();
    LocalDateTime end = time.end();
    if (!end.isAfter(start)) {
      check.add("end", "must be after start");
      return;
    }
    ZoneId zone = time.zone();
    checkWallClock("start", start, offsets.start(), zone, check);
    checkWallClock("end", end, offsets.end(), zone, check);
    if (time.startInstant().isBefore(now)) {
      check.add("start", "is in the past");
    }
    if (Duration.between(start.atZone(zone), end.atZone(zone)).compareTo(limits.maxDuration())
        > 0) {
      check.add(
          "end", "makes the meeting longer than the maximum of " + describe(limits.maxDuration()));
    }
  }

  /** A place, an online link or both. */
  static void checkPlace(String location, String onlineLink, RuleCheck check) {
    if (isBlank(location) && isBlank(onlineLink)) {
      check.add("location", "give a location, an online link, or both");
    }
  }

  /** Exactly one chair, no mailbox twice, not more than the limit. */
  static void checkParticipants(
      List<Participant> participants, String field, MeetingLimits limits, RuleCheck check) {
    if (participants.size() > limits.maxParticipants()) {
      check.add(field, "must have at most " + limits.maxParticipants() + " entries");
    }
    long chairs = participants.stream().filter(p -> p.role() == ParticipantRole.CHAIR).count();
    if (chairs != 1) {
      check.add(
          field, "must include exactly one participant with role CHAIR (found " + chairs + ")");
    }
    Set<Mailbox> seen = new HashSet<>();
    for (int i = 0; i < participants.size(); i++) {
      if (!seen.add(participants.get(i).mailbox())) {
        check.add(field + "[" + i + "].email", "appears more than once in the meeting");
      }
    }
  }

  /** Not more items than the limit; every presenter is a participant. */
  static void checkAgenda(
      List<AgendaItem> agenda,
      List<Participant> participants,
      String field,
      MeetingLimits limits,
      RuleCheck check) {
    if (agenda.size() > limits.maxAgendaItems()) {
      check.add(field, "must have at most " + limits.maxAgendaItems() + " items");
    }
    Set<Mailbox> invited =
        participants.stream().map(Participant::mailbox).collect(Collectors.toSet());
    for (int i = 0; i < agenda.size(); i++) {
      Mailbox presenter = agenda.get(i).presenter();
      if (presenter != null && !invited.contains(presenter)) {
        check.add(field + "[" + i + "].presenterEmail", "is not one of the participants");
      }
    }
  }

  /**
   * A wall-clock time must exist in the zone and name one instant. A time in an hour that occurs
   * twice as the clocks go back needs its offset, and only its first occurrence can be scheduled: a
   * calendar reads a local time with a zone (iCalendar's DTSTART;TZID=) as the first occurrence, so
   * the invitation and its e-mail text then agree by construction.
   */
  private static void checkWallClock(
      String field, LocalDateTime local, ZoneOffset given, ZoneId zone, RuleCheck check) {
    List<ZoneOffset> valid = zone.getRules().getValidOffsets(local);
    if (valid.isEmpty()) {
      check.add(field, "does not exist in " + zone + " (it falls into a daylight saving time gap)");
      return;
    }
    if (given != null && !valid.contains(given)) {
      check.add(
          field,
          "does not have the offset "
              + given
              + " in "
              + zone
              + " (it has "
              + valid.stream().map(ZoneOffset::toString).collect(Collectors.joining(" or "))
              + ")");
      return;
    }
    if (valid.size() > 1 && given == null) {
      check.add(
          field,
          "occurs twice in "
              + zone
              + " as the clocks go back: give its offset, such as "
              + local
              + valid.get(0)
              + " for the first occurrence");
    } else if (valid.size() > 1 && !given.equals(valid.get(0))) {
      check.add(
          field,
          "is the second occurrence of an hour that occurs twice in "
              + zone
              + "; calendars read such a time as"
              + " its first occurrence ("
              + local
              + valid.get(0)
              + "), so choose a time outside the repeated hour");
    }
  }

  private static String describe(Duration duration) {
    return duration.toMinutes() % 60 == 0
        ? duration.toHours() + " hours"
        : duration.toMinutes() + " minutes";
  }

  private static void compare(
      String field, String before, String after, List<FieldChange> changes) {
    if (!Objects.equals(before, after)) {
      changes.add(new FieldChange(field, before, after));
    }
  }

  private static String describe(List<Document> documents) {
    return documents.isEmpty()
        ? null
        : documents.stream()
            .map(d -> d.title() + " <" + d.url() + ">")
            .collect(Collectors.joining("\n"));
  }

  private static boolean isBlank(String text) {
    return text == null || text.isBlank();
  }

  private static String blankToNull(String text) {
    return isBlank(text) ? null : text.strip();
  }
}
