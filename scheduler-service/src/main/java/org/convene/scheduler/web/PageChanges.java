package org.convene.scheduler.web;

import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.convene.events.MeetingId;
import org.convene.scheduler.meeting.MeetingChanges;
import org.convene.scheduler.meeting.MeetingScheduling;
import org.convene.scheduler.meeting.MeetingView;
import org.convene.scheduler.meeting.domain.Mailbox;
import org.convene.scheduler.meeting.domain.MeetingStatus;
import org.convene.scheduler.security.MeetingAccess;
import org.convene.scheduler.system.ConflictException;
import org.convene.scheduler.system.IfMatch;
import org.convene.scheduler.system.InvalidRequestException;
import org.convene.scheduler.system.PreconditionFailedException;
import org.convene.scheduler.system.ResourceNotFoundException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Runs one change a form asks for, as the API runs it (through {@link MeetingChanges}, against the
 * revision the form was read at), and says how it went in the terms a page answers with: applied,
 * previewed, refused field by field, or stale.
 */
@Component
class PageChanges {

  /** How a submitted change went. */
  sealed interface Result {}

  record Applied(MeetingView meeting) implements Result {}

  record Previewed(ChangeSummaries.Summary summary) implements Result {}

  record Refused(FormErrors errors) implements Result {}

  /**
   * The meeting changed after the form was read: nothing was done; {@code current} is the meeting
   * as it is now, the form now carries its revision.
   */
  record Stale(MeetingView current, List<ChangeForm.Difference> differences) implements Result {}

  private final MeetingChanges changes;
  private final MeetingScheduling scheduling;
  private final MeetingAccess access;

  PageChanges(MeetingChanges changes, MeetingScheduling scheduling, MeetingAccess access) {
    this.changes = changes;
    this.scheduling = scheduling;
    this.access = access;
  }

  /**
   * The meeting, if the caller may change it: a form that could only be refused is not offered.
   * Submitting is checked again where the change is made.
   */
  MeetingView changeable(UUID id) {
    MeetingView meeting = scheduling.get(MeetingId.of(id));
    if (!Mailbox.of(meeting.organiser().email()).equals(access.caller().mailbox())) {
      throw new AccessDeniedException("Only the organiser of this meeting can change it.");
    }
    if (meeting.status() == MeetingStatus.CANCELLED) {
      throw new ConflictException(
          "The meeting " + id + " is cancelled and can no longer be changed.");
    }
    return meeting;
  }

  /**
   * A change made by one button on the meeting's page (move, remove, change a role): applied at the
   * revision the page was read at, then back to the page, which says how it went.
   */
  String fromMeetingPage(
      UUID id,
      long revision,
      MeetingChanges.Operation operation,
      String notice,
      RedirectAttributes redirect) {
    try {
      changes.apply(MeetingId.of(id), IfMatch.parse("\"" + revision + "\""), operation);
      redirect.addFlashAttribute("notice", notice);
    } catch (PreconditionFailedException stale) {
      redirect.addFlashAttribute("staleRevision", revision);
    } catch (InvalidRequestException refused) {
      redirect.addFlashAttribute("refusal", text(refused));
    } catch (ConflictException | ResourceNotFoundException refused) {
      // The meeting's state refused it (a presenter cannot be removed, the item is gone).
      redirect.addFlashAttribute("refusal", refused.getMessage());
    }
    return "redirect:/meetings/" + id;
  }

  /** A refusal in one line, in the API's words: "role: a group cannot chair a meeting". */
  static String text(InvalidRequestException refused) {
    return refused.problems().stream()
        .map(p -> p.getKey().isEmpty() ? p.getValue() : p.getKey() + ": " + p.getValue())
        .reduce((a, b) -> a + "; " + b)
        .orElse("");
  }

  /** Applies the change, or only previews it. */
  Result run(
      UUID id,
      ChangeForm form,
      boolean previewOnly,
      MeetingChanges.Operation operation,
      Locale locale) {
    MeetingId meetingId = MeetingId.of(id);
    IfMatch ifMatch = IfMatch.parse(form.ifMatch());
    try {
      if (previewOnly) {
        return new Previewed(
            ChangeSummaries.describe(changes.preview(meetingId, ifMatch, operation), locale));
      }
      return new Applied(changes.apply(meetingId, ifMatch, operation));
    } catch (InvalidRequestException refused) {
      return new Refused(new FormErrors().addRefusal(refused));
    } catch (ConflictException conflict) {
      // Refused by the state the meeting is in (someone is invited already): the form stays, with
      // the API's words above it.
      return new Refused(new FormErrors().add("", conflict.getMessage()));
    } catch (PreconditionFailedException stale) {
      MeetingView current = scheduling.get(meetingId);
      List<ChangeForm.Difference> differences = form.differencesTo(current);
      form.rememberRead(current);
      return new Stale(current, differences);
    }
  }
}
