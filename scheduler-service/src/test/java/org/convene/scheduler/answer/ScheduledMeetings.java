package org.convene.scheduler.answer;

import static org.convene.scheduler.Callers.OFFICE;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.convene.scheduler.ApiMeetings;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Meetings scheduled through the API for the answer tests, and their responses read back. */
public final class ScheduledMeetings {

  public static final String CHAIR = "shen.jie@bast.example.org";
  public static final String TIAN = "tian.wen@bast.example.org";
  public static final String CHEN = "chen.weicheng@bast.example.org";
  public static final String LI = "li.na@bast.example.org";
  public static final String ARCHIVE = "archive@bast.example.org";

  private ScheduledMeetings() {}

  /**
   * A meeting a week ahead in Shanghai: chair, two voting members, a non-voting attendee, an
   * information copy.
   */
  public static JsonNode schedule(
      MockMvc mvc, JsonMapper json, String title, Map<String, Object> quorum) throws Exception {
    LocalDateTime start =
        LocalDateTime.now(ZoneId.of("Asia/Shanghai"))
            .plusDays(7)
            .truncatedTo(ChronoUnit.HOURS)
            .withHour(9);
    Map<String, Object> meeting = new LinkedHashMap<>();
    meeting.put("title", title);
    meeting.put("start", start.toString());
    meeting.put("end", start.plusMinutes(150).toString());
    meeting.put("timeZone", "Asia/Shanghai");
    meeting.put("location", "BAST head office, meeting room 1");
    meeting.put(
        "participants",
        List.of(
            Map.of("name", "Shen Jie", "email", CHAIR, "role", "CHAIR", "language", "zh-CN"),
            Map.of("name", "Tian Wen", "email", TIAN, "role", "VOTING", "language", "zh-CN"),
            Map.of("name", "Chen Weicheng", "email", CHEN, "role", "VOTING", "language", "en"),
            Map.of("name", "Li Na", "email", LI, "role", "NON_VOTING", "language", "zh-CN"),
            Map.of("name", "Archive", "email", ARCHIVE, "role", "INFORMATION", "language", "en")));
    if (quorum != null) {
      meeting.put("quorum", quorum);
    }
    return ApiMeetings.schedule(mvc, json, meeting);
  }

  public static JsonNode responses(MockMvc mvc, JsonMapper json, String meetingId)
      throws Exception {
    String body =
        mvc.perform(get("/api/meetings/{id}/responses", meetingId).with(OFFICE))
            .andExpect(status().isOk())
            .andReturn()
            .getResponse()
            .getContentAsString();
    return json.readTree(body);
  }

  /** The participant entry of {@code email} in a responses document. */
  public static JsonNode participant(JsonNode responses, String email) {
    for (JsonNode p : responses.get("participants")) {
      if (p.get("email").asString().equalsIgnoreCase(email)) {
        return p;
      }
    }
    throw new AssertionError("No participant " + email + " in " + responses);
  }
}
