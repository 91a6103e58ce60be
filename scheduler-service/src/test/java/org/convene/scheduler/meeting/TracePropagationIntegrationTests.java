package org.convene.scheduler.meeting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.convene.scheduler.Callers.OFFICE;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.convene.scheduler.MeetingEventsTopic;
import org.convene.scheduler.SchedulerIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.json.JsonMapper;

/**
 * The trace of an API request continues in the event it publishes: the relay sends the request's
 * W3C traceparent as a Kafka header, although it publishes later on a thread of its own.
 */
@SchedulerIntegrationTest
class TracePropagationIntegrationTests {

  private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

  @Autowired MockMvc mvc;
  @Autowired JsonMapper json;
  @Autowired EmbeddedKafkaBroker broker;

  @Test
  void theEventOfARequestCarriesTheRequestsTrace() throws Exception {
    try (MeetingEventsTopic topic = new MeetingEventsTopic(broker, json, "trace-tests")) {
      String body =
          mvc.perform(
                  post("/api/meetings")
                      .with(OFFICE)
                      .header("traceparent", "00-" + TRACE_ID + "-00f067aa0ba902b7-01")
                      .contentType(MediaType.APPLICATION_JSON)
                      .content(json.writeValueAsString(MeetingRequests.valid("Traced"))))
              .andExpect(status().isCreated())
              .andReturn()
              .getResponse()
              .getContentAsString();
      String id = json.readTree(body).get("id").asString();

      topic.awaitEvents(id, 1);
      ConsumerRecord<String, String> record = topic.recordsOf(id).getFirst();
      Header traceParent = record.headers().lastHeader("traceparent");
      assertThat(traceParent).isNotNull();
      assertThat(new String(traceParent.value(), StandardCharsets.UTF_8))
          .as("same trace, a span of the scheduler's own")
          .startsWith("00-" + TRACE_ID + "-")
          .doesNotContain("00f067aa0ba902b7");
    }
  }
}
