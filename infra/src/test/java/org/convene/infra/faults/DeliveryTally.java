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
 * (for a meeting of the load) is unexpected. A reminder carries no calendar: its Message-ID names
 * the meeting, the revision that planned it and its minutes before the start, which make its key.
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

  /** A reminder's Message-ID: meeting, planned revision, minutes before the start, recipient. */
  private static final Pattern REMINDER_MESSAGE_ID =
      Pattern.compile(
          "<([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\\.(\\d+)\\.reminder-(\\d+)\\.");

  private static final String REMINDER = "REMINDER-";
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

    /**
     * A reminder {@code minutesBefore} the start, planned at {@code plannedRevision}: SEQUENCE is
     * the revision, METHOD {@code REMINDER-<minutes>}, as no iTIP method can be.
     */
    static Key reminder(
        String recipient, String meetingId, long plannedRevision, int minutesBefore) {
      return new Key(
          recipient, meetingId, Math.toIntExact(plannedRevision), REMINDER + minutesBefore);
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
      Key key = keyOf(message);
      if (key == null || !meetings.contains(key.meetingId())) {
        continue;
      }
      ofTheLoad++;
      counts.merge(key, 1, Integer::sum);
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

  /** The key of a message with a calendar or of a reminder; {@code null} for anything else. */
  static Key keyOf(Received message) {
    String meetingId = meetingIdOf(message.uid());
    if (meetingId != null) {
      return new Key(message.recipient(), meetingId, message.sequence(), message.method());
    }
    Matcher reminder =
        REMINDER_MESSAGE_ID.matcher(
            message.messageId() == null ? "" : message.messageId().toLowerCase(Locale.ROOT));
    if (reminder.find()) {
      return Key.reminder(
          message.recipient(),
          reminder.group(1),
          Long.parseLong(reminder.group(2)),
          Integer.parseInt(reminder.group(3)));
    }
    return null;
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
