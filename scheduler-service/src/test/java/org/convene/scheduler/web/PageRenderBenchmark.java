package org.convene.scheduler.web;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.convene.scheduler.Callers;
import org.convene.scheduler.SchedulerIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.json.JsonMapper;

/**
 * How long the server takes to render a meeting page of 500 participants and 20 agenda items
 * (database read, access check, Thymeleaf), through MockMvc so that no network is counted. Prints
 * its figures and the machine's load; asserts none. Not part of the build (its name matches neither
 * test pattern); run it with {@code ./mvnw -B -pl scheduler-service -am verify -Dtest=none
 * -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=PageRenderBenchmark
 * -Dfailsafe.failIfNoSpecifiedTests=false}.
 */
@SchedulerIntegrationTest
class PageRenderBenchmark {

  @Autowired MockMvc mvc;
  @Autowired JsonMapper json;

  @Test
  void aMeetingPageOfFiveHundredParticipants() throws Exception {
    LocalDateTime start =
        LocalDateTime.now(ZoneId.of("Asia/Shanghai"))
            .plusDays(9)
            .withHour(9)
            .withMinute(0)
            .withSecond(0)
            .withNano(0);
    List<Map<String, Object>> people = new ArrayList<>();
    people.add(Map.of("name", "Chair", "email", "chair@bast.example.org", "role", "CHAIR"));
    for (int i = 1; i < 500; i++) {
      people.add(
          Map.of(
              "name",
              "Person " + i,
              "email",
              "p" + i + "@bast.example.org",
              "role",
              i % 3 == 0 ? "NON_VOTING" : "VOTING"));
    }
    List<Map<String, Object>> agenda = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      agenda.add(
          Map.of(
              "title",
              "Item " + i,
              "presenterEmail",
              "p" + (i + 1) + "@bast.example.org",
              "durationMinutes",
              10));
    }
    Map<String, Object> meeting =
        new HashMap<>(
            Map.of(
                "title",
                "Big",
                "start",
                start.toString(),
                "end",
                start.plusHours(4).toString(),
                "timeZone",
                "Asia/Shanghai",
                "location",
                "Hall 1",
                "participants",
                people,
                "agenda",
                agenda));
    String body =
        mvc.perform(
                post("/api/meetings")
                    .with(Callers.OFFICE)
                    .contentType(MediaType.APPLICATION_JSON)
                    .content(json.writeValueAsString(meeting)))
            .andExpect(status().isCreated())
            .andReturn()
            .getResponse()
            .getContentAsString();
    String id = json.readTree(body).get("id").asString();

    MockHttpSession session = new MockHttpSession();
    String page =
        mvc.perform(get("/login").session(session)).andReturn().getResponse().getContentAsString();
    Matcher m = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(page);
    if (!m.find()) {
      throw new IllegalStateException("The sign-in page has no CSRF token");
    }
    mvc.perform(
            post("/login")
                .session(session)
                .param("username", "office@bast.example.org")
                .param("password", "office-secret")
                .param("_csrf", m.group(1)))
        .andExpect(status().isFound());
    for (int i = 0; i < 100; i++) {
      mvc.perform(get("/meetings/" + id).session(session))
          .andExpect(status().isOk())
          .andExpect(
              org.springframework.test.web.servlet.result.MockMvcResultMatchers.content()
                  .string(org.hamcrest.Matchers.containsString("Participants (500)")));
    }
    long[] nanos = new long[300];
    int size = 0;
    for (int i = 0; i < nanos.length; i++) {
      long t0 = System.nanoTime();
      size =
          mvc.perform(get("/meetings/" + id).session(session))
              .andExpect(status().isOk())
              .andReturn()
              .getResponse()
              .getContentAsByteArray()
              .length;
      nanos[i] = System.nanoTime() - t0;
    }
    Arrays.sort(nanos);
    System.out.printf(
        "Meeting page, 500 participants, 20 agenda items, %d bytes, server time over 300 renders: p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms; load %.1f%n",
        size,
        nanos[150] / 1e6,
        nanos[270] / 1e6,
        nanos[297] / 1e6,
        nanos[299] / 1e6,
        java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
  }
}
