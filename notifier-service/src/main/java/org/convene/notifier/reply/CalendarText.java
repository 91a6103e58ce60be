package org.convene.notifier.reply;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The content lines of an iCalendar object (RFC 5545 §3.1), read leniently: only the calendar's
 * {@code METHOD} and its events' properties matter to a reply, and a strict parser refuses real
 * replies for things that do not (an odd time zone, a vendor property). Lines are unfolded,
 * parameters split (quoted values may hold {@code :}, {@code ;} and {@code ,}), names upper-cased.
 */
final class CalendarText {

  /** One property: name, parameters (names upper-case, values unquoted), raw value. */
  record Property(String name, Map<String, String> parameters, String value) {

    Optional<String> parameter(String name) {
      return Optional.ofNullable(parameters.get(name));
    }
  }

  /**
   * A {@code VEVENT}'s own properties, in order (those of nested components such as alarms left
   * out).
   */
  record Event(List<Property> properties) {

    List<Property> all(String name) {
      return properties.stream().filter(p -> p.name().equals(name)).toList();
    }

    Optional<Property> first(String name) {
      return properties.stream().filter(p -> p.name().equals(name)).findFirst();
    }
  }

  /** What a calendar holds: its {@code METHOD}, if any, and its events. */
  record Calendar(Optional<String> method, List<Event> events) {}

  private CalendarText() {}

  static Calendar parse(String text) {
    String unfolded = text.replace("\r\n", "\n").replace('\r', '\n').replaceAll("\n[ \t]", "");
    Deque<String> open = new ArrayDeque<>();
    String method = null;
    List<Event> events = new ArrayList<>();
    List<Property> current = null;
    for (String line : unfolded.split("\n")) {
      if (line.isBlank()) {
        continue;
      }
      Property property = property(line);
      if (property == null) {
        continue;
      }
      switch (property.name()) {
        case "BEGIN" -> {
          String component = property.value().trim().toUpperCase(Locale.ROOT);
          if (component.equals("VEVENT") && open.size() == 1 && "VCALENDAR".equals(open.peek())) {
            current = new ArrayList<>();
          }
          open.push(component);
        }
        case "END" -> {
          String component = open.isEmpty() ? "" : open.pop();
          if (component.equals("VEVENT") && current != null && open.size() == 1) {
            events.add(new Event(List.copyOf(current)));
            current = null;
          }
        }
        default -> {
          if (open.size() == 1
              && "VCALENDAR".equals(open.peek())
              && property.name().equals("METHOD")) {
            method = property.value().trim().toUpperCase(Locale.ROOT);
          } else if (current != null && open.size() == 2 && "VEVENT".equals(open.peek())) {
            current.add(property);
          }
        }
      }
    }
    return new Calendar(Optional.ofNullable(method), List.copyOf(events));
  }

  /** One content line, or null when it is none (no colon after the name). */
  static Property property(String line) {
    int i = 0;
    int n = line.length();
    while (i < n && line.charAt(i) != ';' && line.charAt(i) != ':') {
      i++;
    }
    if (i == n || i == 0) {
      return null;
    }
    String name = line.substring(0, i).trim().toUpperCase(Locale.ROOT);
    Map<String, String> parameters = new LinkedHashMap<>();
    while (i < n && line.charAt(i) == ';') {
      int start = ++i;
      while (i < n && line.charAt(i) != '=' && line.charAt(i) != ';' && line.charAt(i) != ':') {
        i++;
      }
      String parameter = line.substring(start, i).trim().toUpperCase(Locale.ROOT);
      StringBuilder value = new StringBuilder();
      if (i < n && line.charAt(i) == '=') {
        i++;
        boolean quoted = false;
        while (i < n) {
          char c = line.charAt(i);
          if (c == '"') {
            quoted = !quoted;
          } else if (!quoted && (c == ';' || c == ':')) {
            break;
          } else {
            value.append(c);
          }
          i++;
        }
      }
      parameters.putIfAbsent(parameter, value.toString());
    }
    if (i >= n || line.charAt(i) != ':') {
      return null;
    }
    return new Property(name, Map.copyOf(parameters), line.substring(i + 1));
  }

  /** A TEXT value unescaped (RFC 5545 §3.3.11). */
  static String text(String value) {
    StringBuilder out = new StringBuilder(value.length());
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '\\' && i + 1 < value.length()) {
        char next = value.charAt(++i);
        out.append(next == 'n' || next == 'N' ? '\n' : next);
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}
