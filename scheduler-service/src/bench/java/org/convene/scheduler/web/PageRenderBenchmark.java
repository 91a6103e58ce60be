package org.convene.scheduler.web;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.convene.events.MeetingId;
import org.convene.scheduler.ApiMeetings;
import org.convene.scheduler.SchedulerIntegrationTest;
import org.convene.scheduler.answer.AnswerRecording;
import org.convene.scheduler.answer.domain.Answer;
import org.convene.scheduler.answer.domain.AnswerStatus;
import org.convene.scheduler.answer.domain.Channel;
import org.convene.scheduler.meeting.domain.Mailbox;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * How long the server takes to render a meeting page of 500 participants, two in three of whom
 * answered, and 20 agenda items (database reads, access check, answers and quorum, Thymeleaf),
 * through MockMvc so that no network is counted. Three runs after a warm-up; prints each run's p50
 * and p99 of wall-clock and of CPU time, their median and range, and the machine's load; asserts
 * none. Compiled with the tests, never run by the build (its name matches neither test pattern);
 * {@code scheduler-service/bench/run-page-render-bench.sh} runs it as the module's only integration
 * test.
 */
@SchedulerIntegrationTest
// What no server spends: MockMvc copying every request and response (the whole page) into a buffer
// to print it should the test fail (6 % of a run's CPU samples), and its response writer flushing
// and encoding after every write (about 20 %: Thymeleaf writes each piece of text and each
// attribute on its own). Tomcat's writer buffers; so does Thymeleaf, told to hand over the page
// once it is complete.
@TestPropertySource(
    properties = {
      "spring.test.mockmvc.print=none",
      "spring.thymeleaf.servlet.produce-partial-output-while-processing=false"
    })
class PageRenderBenchmark {

  private static final int RUNS = 3;
  private static final int RENDERS = 200;

  @Autowired MockMvc mvc;
  @Autowired JsonMapper json;
  @Autowired AnswerRecording recording;

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
    JsonNode body = ApiMeetings.schedule(mvc, json, meeting);
    String id = body.get("id").asString();

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
    // Two answers in three, as a meeting a few days before it is held: the page shows each.
    Instant answeredAt = Instant.now();
    int answers = 0;
    for (int i = 1; i < 500; i++) {
      if (i % 3 != 2) {
        answers++;
        recording.record(
            MeetingId.parse(id),
            new Answer(
                Mailbox.of("p" + i + "@bast.example.org"),
                i % 5 == 0 ? AnswerStatus.DECLINED : AnswerStatus.ACCEPTED,
                null,
                1,
                answeredAt,
                Channel.LINK,
                i % 7 == 0 ? "Comment of person " + i : null));
      }
    }
    for (int i = 0; i < 100; i++) {
      mvc.perform(get("/meetings/" + id).session(session))
          .andExpect(status().isOk())
          .andExpect(
              org.springframework.test.web.servlet.result.MockMvcResultMatchers.content()
                  .string(org.hamcrest.Matchers.containsString("Participants (500)")));
    }
    int size = 0;
    // The request runs on this thread (MockMvc): its CPU time is the render's cost, which a loaded
    // machine stretches less than the wall-clock time.
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    double[][] runs = new double[RUNS][];
    for (int run = 0; run < RUNS; run++) {
      long[] nanos = new long[RENDERS];
      long[] cpu = new long[RENDERS];
      for (int i = 0; i < nanos.length; i++) {
        long c0 = threads.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        size =
            mvc.perform(get("/meetings/" + id).session(session))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsByteArray()
                .length;
        nanos[i] = System.nanoTime() - t0;
        cpu[i] = threads.getCurrentThreadCpuTime() - c0;
      }
      Arrays.sort(nanos);
      Arrays.sort(cpu);
      runs[run] =
          new double[] {
            nanos[RENDERS / 2] / 1e6,
            nanos[RENDERS * 99 / 100 - 1] / 1e6,
            cpu[RENDERS / 2] / 1e6,
            cpu[RENDERS * 99 / 100 - 1] / 1e6
          };
      System.out.printf(
          "Run %d: meeting page, 500 participants (%d answers), 20 agenda items, %d bytes, %d renders: p50 %.1f ms, p99 %.1f ms, max %.1f ms; CPU time p50 %.1f ms, p99 %.1f ms%n",
          run + 1,
          answers,
          size,
          RENDERS,
          runs[run][0],
          runs[run][1],
          nanos[RENDERS - 1] / 1e6,
          runs[run][2],
          runs[run][3]);
    }
    System.out.printf(
        "Over %d runs: p50 median %.1f ms (range %.1f–%.1f), p99 median %.1f ms (range %.1f–%.1f); CPU time p50 median %.1f ms (range %.1f–%.1f); load %.1f; JVM options %s%n",
        RUNS,
        median(runs, 0),
        min(runs, 0),
        max(runs, 0),
        median(runs, 1),
        min(runs, 1),
        max(runs, 1),
        median(runs, 2),
        min(runs, 2),
        max(runs, 2),
        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
        // The test JVMs' own options (client compiler, serial collector) would time a JVM no server
        // runs: the script switches them off, and this line shows what was timed.
        ManagementFactory.getRuntimeMXBean().getInputArguments());
  }

  private static double median(double[][] runs, int column) {
    double[] values = Arrays.stream(runs).mapToDouble(r -> r[column]).sorted().toArray();
    return values[values.length / 2];
  }

  private static double min(double[][] runs, int column) {
    return Arrays.stream(runs).mapToDouble(r -> r[column]).min().orElseThrow();
  }

  private static double max(double[][] runs, int column) {
    return Arrays.stream(runs).mapToDouble(r -> r[column]).max().orElseThrow();
  }
}
