package org.convene.scheduler.meeting;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Request bodies for the meetings API, as mutable maps so tests can break one field at a time. */
final class MeetingRequests {

  private MeetingRequests() {}

  /**
   * A valid meeting a week ahead: a chair, two voting members, one non-voting, one information
   * copy.
   */
  static Map<String, Object> valid(String title) {
    LocalDateTime start =
        LocalDateTime.now(ZoneId.of("Asia/Shanghai"))
            .plusDays(7)
            .truncatedTo(ChronoUnit.HOURS)
            .withHour(9);
    Map<String, Object> meeting = new LinkedHashMap<>();
    meeting.put("title", title);
    meeting.put("description", "Approach and priorities of the work for next year.");
    meeting.put(
        "organiser", map("name", "BAST General Office", "email", "office@bast.example.org"));
    meeting.put("start", start.toString());
    meeting.put("end", start.plusMinutes(150).toString());
    meeting.put("timeZone", "Asia/Shanghai");
    meeting.put("location", "BAST head office, meeting room 1");
    meeting.put(
        "documents",
        new ArrayList<>(
            List.of(
                map(
                    "title",
                    "Work plan (draft)",
                    "url",
                    "https://docs.bast.example.org/plan.pdf"))));
    meeting.put(
        "participants",
        new ArrayList<>(
            List.of(
                participant("Shen Jie", "shen.jie@bast.example.org", "CHAIR", "zh-CN"),
                participant("Tian Wen", "tian.wen@bast.example.org", "VOTING", "zh-CN"),
                participant("Chen Weicheng", "chen.weicheng@bast.example.org", "VOTING", "en"),
                participant("Li Na", "li.na@bast.example.org", "NON_VOTING", "zh-CN"),
                participant("Archive", "archive@bast.example.org", "INFORMATION", "en"))));
    meeting.put(
        "agenda",
        new ArrayList<>(
            List.of(
                agendaItem("Opening and speech", "shen.jie@bast.example.org", 20),
                agendaItem("Department work plans", "tian.wen@bast.example.org", 90),
                agendaItem("Suggestions", "chen.weicheng@bast.example.org", 40))));
    return meeting;
  }

  static Map<String, Object> participant(String name, String email, String role, String language) {
    return map("name", name, "email", email, "role", role, "language", language);
  }

  static Map<String, Object> agendaItem(String title, String presenter, int minutes) {
    return map("title", title, "presenterEmail", presenter, "durationMinutes", minutes);
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> participantAt(Map<String, Object> meeting, int index) {
    return ((List<Map<String, Object>>) meeting.get("participants")).get(index);
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> agendaItemAt(Map<String, Object> meeting, int index) {
    return ((List<Map<String, Object>>) meeting.get("agenda")).get(index);
  }

  private static Map<String, Object> map(Object... pairs) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      map.put((String) pairs[i], pairs[i + 1]);
    }
    return map;
  }
}
