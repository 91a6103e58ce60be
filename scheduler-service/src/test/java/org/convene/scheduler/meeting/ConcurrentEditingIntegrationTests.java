package org.convene.scheduler.meeting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.convene.scheduler.Callers.OFFICE;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.convene.events.MeetingEvent;
import org.convene.events.MeetingRescheduled;
import org.convene.scheduler.MeetingEventsTopic;
import org.convene.scheduler.SchedulerIntegrationTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.json.JsonMapper;

/** Many editors at once: no lost update, and each meeting's events leave in revision order. */
@SchedulerIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConcurrentEditingIntegrationTests {

  @Autowired MockMvc mvc;
  @Autowired JsonMapper json;
  @Autowired EmbeddedKafkaBroker broker;

  private MeetingEventsTopic topic;

  @BeforeAll
  void subscribe() {
    topic = new MeetingEventsTopic(broker, json, "concurrency-tests");
  }

  @AfterAll
  void close() {
    topic.close();
  }

  @Test
  void twentyEditorsOfDifferentMeetingsGetTheirEventsInRevisionOrder() throws Exception {
    int editors = 20;
    int changesEach = 5;
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < editors; i++) {
      ids.add(schedule("Concurrent " + i));
    }
    ExecutorService pool = Executors.newFixedThreadPool(editors);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<Long>> done = new ArrayList<>();
    for (String id : ids) {
      done.add(pool.submit(editSequentially(id, changesEach, go)));
    }
    go.countDown();
    for (Future<Long> revision : done) {
      assertThat(revision.get(60, TimeUnit.SECONDS)).isEqualTo(1L + changesEach);
    }
    pool.shutdown();

    Map<String, List<MeetingEvent>> eventsOfEach = topic.awaitEventsOfEach(ids, 1 + changesEach);
    for (String id : ids) {
      List<MeetingEvent> events = eventsOfEach.get(id);
      assertThat(events).extracting(MeetingEvent::revision).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
      // Each reschedule's "previous" is the time the one before set: no change was lost.
      for (int n = 2; n < events.size(); n++) {
        assertThat(((MeetingRescheduled) events.get(n)).previous())
            .isEqualTo(events.get(n - 1).meeting().time());
      }
    }
  }

  @Test
  void concurrentChangesAgainstTheSameRevisionLetExactlyOneWin() throws Exception {
    String id = schedule("Contested");
    int editors = 10;
    ExecutorService pool = Executors.newFixedThreadPool(editors);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<Integer>> statuses = new ArrayList<>();
    for (int i = 0; i < editors; i++) {
      int hour = 8 + i;
      statuses.add(
          pool.submit(
              () -> {
                go.await();
                return reschedule(id, 1, hour).getStatus();
              }));
    }
    go.countDown();
    List<Integer> answers = new ArrayList<>();
    for (Future<Integer> status : statuses) {
      answers.add(status.get(60, TimeUnit.SECONDS));
    }
    pool.shutdown();

    assertThat(answers).filteredOn(s -> s == 200).hasSize(1);
    assertThat(answers).filteredOn(s -> s == 412).hasSize(editors - 1);
    assertThat(topic.awaitEvents(id, 2)).extracting(MeetingEvent::revision).containsExactly(1L, 2L);
  }

  private Callable<Long> editSequentially(String id, int changes, CountDownLatch go) {
    return () -> {
      go.await();
      long revision = 1;
      for (int n = 0; n < changes; n++) {
        MockHttpServletResponse response = reschedule(id, revision, 8 + n);
        assertThat(response.getStatus()).isEqualTo(200);
        revision = Long.parseLong(response.getHeader("ETag").replace("\"", ""));
      }
      return revision;
    };
  }

  private MockHttpServletResponse reschedule(String id, long ifMatch, int hour) throws Exception {
    LocalDateTime start =
        LocalDateTime.now().plusDays(30).withHour(hour).withMinute(0).withSecond(0).withNano(0);
    Map<String, Object> body =
        Map.of(
            "start",
            start.toString(),
            "end",
            start.plusMinutes(45).toString(),
            "timeZone",
            "Europe/Berlin");
    return mvc.perform(
            put("/api/meetings/{id}/time", id)
                .with(OFFICE)
                .header("If-Match", "\"" + ifMatch + "\"")
                .contentType(MediaType.APPLICATION_JSON)
                .content(json.writeValueAsString(body)))
        .andReturn()
        .getResponse();
  }

  private String schedule(String title) throws Exception {
    String body =
        mvc.perform(
                post("/api/meetings")
                    .with(OFFICE)
                    .contentType(MediaType.APPLICATION_JSON)
                    .content(json.writeValueAsString(MeetingRequests.valid(title))))
            .andReturn()
            .getResponse()
            .getContentAsString();
    return json.readTree(body).get("id").asString();
  }
}
