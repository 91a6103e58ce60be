package org.convene.scheduler.meeting;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import org.convene.events.FieldChange;
import org.convene.events.MeetingCancelled;
import org.convene.events.MeetingDetailsChanged;
import org.convene.events.MeetingRescheduled;
import org.convene.events.MeetingSnapshot;
import org.convene.events.MeetingStatus;
import org.convene.events.ReferenceDocument;
import org.convene.scheduler.meeting.ChangeRequests.CancelRequest;
import org.convene.scheduler.meeting.ChangeRequests.ChangeDetailsRequest;
import org.convene.scheduler.meeting.ChangeRequests.RescheduleRequest;
import org.convene.scheduler.system.FieldProblems;
import org.springframework.stereotype.Component;

/** The changes to a meeting's own fields: details, time, cancellation. */
@Component
class MeetingEditing {

  private final MeetingRules rules;

  MeetingEditing(MeetingRules rules) {
    this.rules = rules;
  }

  MeetingChange changeDetails(MeetingSnapshot meeting, ChangeDetailsRequest request) {
    FieldProblems problems = new FieldProblems();
    rules.checkPlace(request.location(), request.onlineLink(), problems);
    problems.throwIfAny();
    List<ReferenceDocument> documents =
        request.documents() == null
            ? List.of()
            : request.documents().stream().map(d -> new ReferenceDocument(d.title().strip(), d.url().strip())).toList();
    String description = request.description() == null ? "" : request.description();
    MeetingSnapshot after =
        MeetingEdit.of(meeting)
            .details(request.title().strip(), description, blankToNull(request.location()), blankToNull(request.onlineLink()), documents)
            .build();
    List<FieldChange> changes = new ArrayList<>();
    compare("title", meeting.title(), after.title(), changes);
    compare("description", meeting.description(), after.description(), changes);
    compare("location", meeting.location(), after.location(), changes);
    compare("onlineLink", meeting.onlineLink(), after.onlineLink(), changes);
    compare("documents", describe(meeting.documents()), describe(after.documents()), changes);
    return changes.isEmpty()
        ? MeetingChange.none(meeting)
        : new MeetingChange(after, false, (e, m, r, t, s) -> new MeetingDetailsChanged(e, m, r, t, s, changes));
  }

  MeetingChange reschedule(MeetingSnapshot meeting, RescheduleRequest request) {
    FieldProblems problems = new FieldProblems();
    rules.checkTime(request.start(), request.end(), request.timeZone(), problems);
    problems.throwIfAny();
    MeetingSnapshot after = MeetingEdit.of(meeting).time(request.start(), request.end(), request.timeZone()).build();
    if (after.time().equals(meeting.time())) {
      return MeetingChange.none(meeting);
    }
    return new MeetingChange(after, false, (e, m, r, t, s) -> new MeetingRescheduled(e, m, r, t, s, meeting.time()));
  }

  MeetingChange cancel(MeetingSnapshot meeting, CancelRequest request) {
    String reason = request == null || MeetingRules.isBlank(request.reason()) ? null : request.reason().strip();
    MeetingSnapshot after = MeetingEdit.of(meeting).status(MeetingStatus.CANCELLED).build();
    return new MeetingChange(after, false, (e, m, r, t, s) -> new MeetingCancelled(e, m, r, t, s, reason));
  }

  private static void compare(String field, String before, String after, List<FieldChange> changes) {
    if (!Objects.equals(before, after)) {
      changes.add(new FieldChange(field, before, after));
    }
  }

  private static String describe(List<ReferenceDocument> documents) {
    return documents.isEmpty()
        ? null
        : documents.stream().map(d -> d.title() + " <" + d.url() + ">").collect(Collectors.joining("\n"));
  }

  private static String blankToNull(String text) {
    return text == null || text.isBlank() ? null : text.strip();
  }
}
