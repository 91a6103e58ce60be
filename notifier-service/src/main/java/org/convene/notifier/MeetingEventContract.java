package org.convene.notifier;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.convene.events.MeetingEvent;
import org.convene.events.MeetingSnapshot;
import org.convene.events.Participant;
import org.convene.events.QuorumRule;

/**
 * The rules of the published contract that its records' constructors do not enforce, checked on
 * every event before anything is recorded or planned for it. The scheduler never publishes such an
 * event; another client might, and the notifier would then invite to, or remind of, a meeting that
 * cannot exist.
 */
public final class MeetingEventContract {

  private MeetingEventContract() {}

  /**
   * @throws InvalidMeetingEventException naming the meeting, its revision and every rule broken
   */
  public static void check(MeetingEvent event) {
    List<String> broken = new ArrayList<>();
    MeetingSnapshot meeting = event.meeting();
    if (meeting.title().isBlank()) {
      broken.add("meeting.title must not be empty");
    }
    if (meeting.organiser().email().isBlank()) {
      broken.add("meeting.organiser.email must not be empty");
    }
    if (meeting.end().isBefore(meeting.start())) {
      broken.add("meeting.end " + meeting.end() + " is before meeting.start " + meeting.start());
    }
    if (meeting.participants().isEmpty()) {
      broken.add("meeting.participants must not be empty");
    }
    Set<String> mailboxes = new HashSet<>();
    for (int i = 0; i < meeting.participants().size(); i++) {
      Participant participant = meeting.participants().get(i);
      if (participant.email().isBlank()) {
        broken.add("meeting.participants[" + i + "].email must not be empty");
      } else if (!mailboxes.add(participant.email().strip().toLowerCase(Locale.ROOT))) {
        broken.add(
            "meeting.participants["
                + i
                + "].email "
                + participant.email()
                + " appears more than once");
      }
    }
    String rule = ruleProblem(meeting.quorumRule());
    if (rule != null) {
      broken.add(rule);
    }
    if (!broken.isEmpty()) {
      throw new InvalidMeetingEventException(
          event.getClass().getSimpleName()
              + " of meeting "
              + event.meetingId()
              + " revision "
              + event.revision()
              + " breaks the contract: "
              + String.join("; ", broken));
    }
  }

  /**
   * What is wrong with the rule's value for its kind, or {@code null}: the quorum is worked out
   * from it.
   */
  private static String ruleProblem(QuorumRule rule) {
    Integer value = rule.value();
    return switch (rule.kind()) {
      case MAJORITY ->
          value == null ? null : "meeting.quorumRule.value must be empty for a majority: " + value;
      case FRACTION ->
          value != null && value >= 1 && value <= 100
              ? null
              : "meeting.quorumRule.value must be a percentage from 1 to 100: " + value;
      case FIXED ->
          value != null && value >= 1
              ? null
              : "meeting.quorumRule.value must be a number of at least 1: " + value;
    };
  }
}
