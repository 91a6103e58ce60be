package org.convene.scheduler;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Meetings scheduled through the API, as a test's given rather than its subject. */
public final class ApiMeetings {

  private ApiMeetings() {}

  /**
   * Schedules the meeting {@code request} describes (a map or record of the API's JSON) as the
   * office organiser, expecting 201; the created meeting as the API returned it.
   */
  public static JsonNode schedule(MockMvc mvc, JsonMapper json, Object request) throws Exception {
    String body =
        mvc.perform(
                post("/api/meetings")
                    .with(Callers.OFFICE)
                    .contentType(MediaType.APPLICATION_JSON)
                    .content(json.writeValueAsString(request)))
            .andExpect(status().isCreated())
            .andReturn()
            .getResponse()
            .getContentAsString();
    return json.readTree(body);
  }
}
