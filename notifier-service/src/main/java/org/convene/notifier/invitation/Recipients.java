package org.convene.notifier.invitation;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.convene.events.MeetingSnapshot;
import org.convene.events.Participant;

/** Who receives a meeting's messages: each distinct mailbox once, in the organiser's order. */
public final class Recipients {

  private Recipients() {}

  /** The participants with distinct mailboxes; where two share one (case aside), the first wins. */
  public static List<Participant> of(MeetingSnapshot meeting) {
    Map<String, Participant> byMailbox = new LinkedHashMap<>();
    for (Participant participant : meeting.participants()) {
      byMailbox.putIfAbsent(mailboxKey(participant.email()), participant);
    }
    return List.copyOf(byMailbox.values());
  }

  /**
   * The mailbox as a key: trimmed, lower case. Strictly only the domain is case-insensitive, but no
   * real mailbox provider tells {@code Li.Na@} from {@code li.na@}, and the organiser did not mean
   * two people.
   */
  public static String mailboxKey(String email) {
    return email.strip().toLowerCase(Locale.ROOT);
  }
}
