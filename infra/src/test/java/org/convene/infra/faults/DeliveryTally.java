package org.convene.infra.faults;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.convene.infra.faults.CountingSmtpServer.Received;

/**
 * What arrived at the SMTP server against what a load owes: a message is one recipient, meeting
 * (the UUID in the iCalendar UID), SEQUENCE and METHOD. A key received twice is a duplicate as a
 * calendar client sees it; an owed key never received is lost; a received key that was not owed
 * (for a meeting of the load) is unexpected.
 */
record DeliveryTally(
    int expected,
    int received,
    List<Key> lost,
    Map<Key, Integer> duplicated,
    List<Key> unexpected,
    int duplicateMessageIds) {

  private static final Pattern MEETING_ID =
      Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
  private static final int DETAIL_LINES = 60;
  private static final Comparator<Key> ORDER =
      Comparator.comparing(Key::meetingId)
          .thenComparing(Key::recipient)
          .thenComparingInt(Key::sequence)
          .thenComparing(key -> String.valueOf(key.method()));

  /** One message as a calendar client tells them apart. */
  record Key(String recipient, String meetingId, int sequence, String method) {

    Key {
      recipient = recipient.toLowerCase(Locale.ROOT);
      method = method == null ? null : method.toUpperCase(Locale.ROOT);
    }

    @Override
    public String toString() {
      return recipient + " " + meetingId + " SEQUENCE:" + sequence + " METHOD:" + method;
    }
  }

  /** Tallies the messages of {@code received} that are for the meetings of {@code owed}. */
  static DeliveryTally of(Set<Key> owed, Collection<Received> received) {
    Set<String> meetings = owed.stream().map(Key::meetingId).collect(Collectors.toSet());
    Map<Key, Integer> counts = new LinkedHashMap<>();
    Map<String, Integer> messageIds = new LinkedHashMap<>();
    int ofTheLoad = 0;
    for (Received message : received) {
      String meetingId = meetingIdOf(message.uid());
      if (meetingId == null || !meetings.contains(meetingId)) {
        continue;
      }
      ofTheLoad++;
      counts.merge(
          new Key(message.recipient(), meetingId, message.sequence(), message.method()),
          1,
          Integer::sum);
      if (message.messageId() != null) {
        messageIds.merge(message.recipient() + " " + message.messageId(), 1, Integer::sum);
      }
    }
    List<Key> lost = owed.stream().filter(key -> !counts.containsKey(key)).sorted(ORDER).toList();
    Map<Key, Integer> duplicated = new TreeMap<>(ORDER);
    counts.forEach(
        (key, count) -> {
          if (count > 1) {
            duplicated.put(key, count);
          }
        });
    List<Key> unexpected =
        counts.keySet().stream().filter(key -> !owed.contains(key)).sorted(ORDER).toList();
    int sameMessageId =
        messageIds.values().stream().mapToInt(count -> count - 1).filter(n -> n > 0).sum();
    return new DeliveryTally(owed.size(), ofTheLoad, lost, duplicated, unexpected, sameMessageId);
  }

  /** The meeting id in an iCalendar UID, or {@code null}. */
  static String meetingIdOf(String uid) {
    if (uid == null) {
      return null;
    }
    Matcher matcher = MEETING_ID.matcher(uid.toLowerCase(Locale.ROOT));
    return matcher.find() ? matcher.group() : null;
  }

  /** Messages received more often than once, beyond the first. */
  int duplicates() {
    return duplicated.values().stream().mapToInt(count -> count - 1).sum();
  }

  /** Whether every owed message arrived at least once. */
  boolean complete() {
    return lost.isEmpty();
  }

  /** The figures in one line. */
  String figures() {
    return String.format(
        Locale.ROOT,
        "expected %d, received %d, lost %d, duplicates %d (%d messages more than once;"
            + " %d by Message-ID), unexpected %d",
        expected,
        received,
        lost.size(),
        duplicates(),
        duplicated.size(),
        duplicateMessageIds,
        unexpected.size());
  }

  /** The figures, then what arrived more than once and what never did, per recipient. */
  String details() {
    return figures() + lines();
  }

  /** What arrived more than once, what never did and what was not owed, a line each. */
  String lines() {
    StringBuilder text = new StringBuilder();
    List<String> lines = new ArrayList<>();
    duplicated.forEach((key, count) -> lines.add("  received " + count + " times: " + key));
    lost.forEach(key -> lines.add("  never received: " + key));
    unexpected.forEach(key -> lines.add("  not owed: " + key));
    lines.stream().limit(DETAIL_LINES).forEach(line -> text.append('\n').append(line));
    if (lines.size() > DETAIL_LINES) {
      text.append("\n  ... and ").append(lines.size() - DETAIL_LINES).append(" more");
    }
    return text.toString();
  }
}
