package org.convene.scheduler.security;

import static org.convene.scheduler.Callers.DISTRICT;
import static org.convene.scheduler.Callers.OFFICE;
import static org.convene.scheduler.Callers.OPS;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.convene.scheduler.Callers;
import org.convene.scheduler.SchedulerIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.json.JsonMapper;

/** Who may do what: owner, other organiser, ops and anonymous callers. */
@SchedulerIntegrationTest
class AuthorizationIntegrationTests {

  @Autowired MockMvc mvc;
  @Autowired JsonMapper json;

  private String officeMeeting;

  @BeforeEach
  void officeSchedulesAMeeting() throws Exception {
    String body =
        mvc.perform(
                post("/api/meetings")
                    .with(OFFICE)
                    .contentType(MediaType.APPLICATION_JSON)
                    .content(json.writeValueAsString(meeting(null))))
            .andExpect(status().isCreated())
            .andReturn()
            .getResponse()
            .getContentAsString();
    officeMeeting = json.readTree(body).get("id").asString();
  }

  @Test
  void anonymousCallersAreAskedToAuthenticateWithProblemDetails() throws Exception {
    mvc.perform(get("/api/meetings/{id}", officeMeeting))
        .andExpect(status().isUnauthorized())
        .andExpect(header().string("WWW-Authenticate", "Basic realm=\"convene\""))
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.status").value(401));
    mvc.perform(
            post("/api/meetings")
                .contentType(MediaType.APPLICATION_JSON)
                .content(json.writeValueAsString(meeting(null))))
        .andExpect(status().isUnauthorized());
  }

  @Test
  void wrongPasswordIsUnauthorized() throws Exception {
    mvc.perform(
            get("/api/meetings/{id}", officeMeeting)
                .with(Callers.basic("office@bast.example.org", "guess")))
        .andExpect(status().isUnauthorized());
  }

  @Test
  void ownerAndOpsReadTheMeetingAnotherOrganiserDoesNot() throws Exception {
    mvc.perform(get("/api/meetings/{id}", officeMeeting).with(OFFICE)).andExpect(status().isOk());
    mvc.perform(get("/api/meetings/{id}", officeMeeting).with(OPS)).andExpect(status().isOk());
    mvc.perform(get("/api/meetings/{id}", officeMeeting).with(DISTRICT))
        .andExpect(status().isForbidden())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(
            jsonPath("$.detail").value("Only the organiser of this meeting and ops can read it."));
  }

  @Test
  void theOrganisersDisplayNameIsTheAccountsNotTheBodys() throws Exception {
    mvc.perform(
            post("/api/meetings")
                .with(OFFICE)
                .contentType(MediaType.APPLICATION_JSON)
                .content(
                    json.writeValueAsString(
                        meeting(
                            Map.of(
                                "name",
                                "The Minister Himself",
                                "email",
                                "OFFICE@bast.example.org")))))
        .andExpect(status().isCreated())
        .andExpect(jsonPath("$.organiser.name").value("BAST General Office"))
        .andExpect(jsonPath("$.organiser.email").value("office@bast.example.org"));
  }

  @Test
  void organiserCannotScheduleInSomebodyElsesName() throws Exception {
    mvc.perform(
            post("/api/meetings")
                .with(DISTRICT)
                .contentType(MediaType.APPLICATION_JSON)
                .content(
                    json.writeValueAsString(
                        meeting(
                            Map.of(
                                "name",
                                "BAST General Office",
                                "email",
                                "office@bast.example.org")))))
        .andExpect(status().isForbidden());
  }

  @Test
  void organisersListOnlyTheirOwnMeetings() throws Exception {
    mvc.perform(get("/api/meetings").with(DISTRICT).param("organiser", "office@bast.example.org"))
        .andExpect(status().isForbidden());
    mvc.perform(get("/api/meetings").with(OPS).param("organiser", "office@bast.example.org"))
        .andExpect(status().isOk());
  }

  @Test
  void onlyOpsSeeTheActuatorBeyondHealth() throws Exception {
    mvc.perform(get("/actuator/health")).andExpect(status().isOk());
    mvc.perform(get("/actuator/prometheus")).andExpect(status().isUnauthorized());
    mvc.perform(get("/actuator/prometheus").with(OFFICE)).andExpect(status().isForbidden());
    mvc.perform(get("/actuator/prometheus").with(OPS))
        .andExpect(status().isOk())
        .andExpect(
            content().string(org.hamcrest.Matchers.containsString("convene_outbox_backlog")));
  }

  @Test
  void builtInUsersKeepTheirConfiguredPasswordsAfterSignIn(
      @Autowired org.springframework.security.core.userdetails.UserDetailsService users)
      throws Exception {
    mvc.perform(get("/api/meetings/{id}", officeMeeting).with(OFFICE)).andExpect(status().isOk());
    // Not a UserDetailsPasswordService: sign-in must not re-encode the password with bcrypt,
    // which would cost every later request tens of milliseconds of CPU.
    org.assertj.core.api.Assertions.assertThat(users)
        .isNotInstanceOf(
            org.springframework.security.core.userdetails.UserDetailsPasswordService.class);
    org.assertj.core.api.Assertions.assertThat(
            users.loadUserByUsername("office@bast.example.org").getPassword())
        .isEqualTo("{noop}office-secret");
  }

  @Test
  void apiDocumentationIsPublicAndDescribesEveryOperation() throws Exception {
    mvc.perform(get("/v3/api-docs"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.paths['/api/meetings'].post").exists())
        .andExpect(jsonPath("$.paths['/api/meetings/{id}/time'].put").exists())
        .andExpect(jsonPath("$.paths['/api/meetings/{id}/agenda/items/{itemId}'].patch").exists())
        .andExpect(jsonPath("$.paths['/api/meetings/{id}/participants/{email}'].delete").exists())
        .andExpect(jsonPath("$.paths['/api/meetings/{id}/cancel'].post").exists())
        .andExpect(jsonPath("$.paths['/api/groups/{id}/members'].put").exists());
  }

  @Test
  void apiDocumentationHasARealTitleAndNamesEveryRefusalAsProblemDetails() throws Exception {
    String problem = "#/components/schemas/ProblemDetail";
    org.springframework.test.web.servlet.ResultActions docs =
        mvc.perform(get("/v3/api-docs"))
            .andExpect(status().isOk())
            .andExpect(jsonPath("$.info.title").value("Convene scheduler API"))
            .andExpect(jsonPath("$.info.version").value("1.0"))
            .andExpect(jsonPath("$.components.schemas.ProblemDetail.properties.errors").exists())
            .andExpect(jsonPath("$.paths['/api/meetings'].post.responses['201']").exists())
            .andExpect(jsonPath("$.paths['/api/meetings'].post.responses['200']").doesNotExist())
            .andExpect(jsonPath("$.paths['/api/groups'].post.responses['201']").exists());
    for (String status : List.of("400", "401", "403", "404", "409", "412", "428")) {
      docs.andExpect(
          jsonPath(
                  "$.paths['/api/meetings/{id}/time'].put.responses['"
                      + status
                      + "'].content['application/problem+json'].schema['$ref']")
              .value(problem));
    }
    for (String status : List.of("400", "401", "403", "409")) {
      docs.andExpect(
          jsonPath(
                  "$.paths['/api/meetings'].post.responses['"
                      + status
                      + "'].content['application/problem+json'].schema['$ref']")
              .value(problem));
    }
    docs.andExpect(jsonPath("$.paths['/api/meetings/{id}'].get.responses['404']").exists())
        .andExpect(jsonPath("$.paths['/api/meetings/{id}'].get.responses['412']").doesNotExist());
  }

  private static Map<String, Object> meeting(Map<String, Object> organiser) {
    LocalDateTime start =
        LocalDateTime.now(ZoneId.of("Europe/Berlin")).plusDays(5).truncatedTo(ChronoUnit.HOURS);
    Map<String, Object> meeting =
        new java.util.HashMap<>(
            Map.of(
                "title",
                "Authorisation check",
                "start",
                start.toString(),
                "end",
                start.plusHours(1).toString(),
                "timeZone",
                "Europe/Berlin",
                "location",
                "Room 3",
                "participants",
                List.of(
                    Map.of(
                        "name",
                        "Shen Jie",
                        "email",
                        "shen.jie@bast.example.org",
                        "role",
                        "CHAIR"))));
    if (organiser != null) {
      meeting.put("organiser", organiser);
    }
    return meeting;
  }
}
