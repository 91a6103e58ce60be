package org.convene.scheduler.meeting;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.convene.events.MeetingId;
import org.convene.scheduler.meeting.domain.Failure;
import org.convene.scheduler.meeting.domain.FieldProblem;
import org.convene.scheduler.meeting.domain.MeetingStatus;
import org.convene.scheduler.meeting.domain.ParticipantRole;
import org.convene.scheduler.system.PreconditionFailedException;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The meetings API alone: how requests are read and checked, and how answers and refusals are
 * written (JSON shape, ETag, problem details). Who may call it is the security tests' concern.
 */
@WebMvcTest(MeetingController.class)
@AutoConfigureMockMvc(addFilters = false)
class MeetingControllerTests {

  private static final UUID ID = UUID.fromString("0b7e6c1e-3f0e-4a51-9d61-2f7a5f1c9a01");

  @Autowired MockMvc mvc;
  @MockitoBean MeetingScheduling scheduling;
  @MockitoBean MeetingChanges changes;

  @Test
  void aMeetingIsAnsweredInTheApisShapeWithItsRevisionAsETag() throws Exception {
    LocalDateTime start =
        LocalDateTime.now(ZoneId.of("Asia/Shanghai")).plusDays(7).truncatedTo(ChronoUnit.HOURS);
    given(scheduling.get(MeetingId.of(ID)))
        .willReturn(
            new MeetingView(
                ID,
                4,
                MeetingStatus.SCHEDULED,
                "Work planning",
                "",
                new MeetingView.PersonView("BAST General Office", "office@bast.example.org"),
                start,
                start.plusHours(2),
                "Asia/Shanghai",
                "Room 1",
                null,
                List.of(
                    new MeetingView.DocumentView("Plan", "https://docs.bast.example.org/plan.pdf")),
                List.of(
                    new MeetingView.ParticipantView(
                        "Shen Jie",
                        "shen.jie@bast.example.org",
                        ParticipantRole.CHAIR,
                        "zh-CN",
                        null,
                        null)),
                List.of(
                    new MeetingView.AgendaItemView(
                        "Opening", "shen.jie@bast.example.org", 20, null, "item-1")),
                List.of(1440, 60)));

    mvc.perform(get("/api/meetings/{id}", ID))
        .andExpect(status().isOk())
        .andExpect(header().string("ETag", "\"4\""))
        .andExpect(jsonPath("$.id").value(ID.toString()))
        .andExpect(jsonPath("$.status").value("SCHEDULED"))
        .andExpect(jsonPath("$.organiser.email").value("office@bast.example.org"))
        .andExpect(jsonPath("$.start").value(start.toString() + ":00"))
        .andExpect(jsonPath("$.onlineLink").value(Matchers.nullValue()))
        .andExpect(jsonPath("$.participants[0].role").value("CHAIR"))
        .andExpect(jsonPath("$.participants[0].group").value(Matchers.nullValue()))
        .andExpect(jsonPath("$.agenda[0].presenterEmail").value("shen.jie@bast.example.org"))
        .andExpect(jsonPath("$.agenda[0].id").value("item-1"))
        .andExpect(jsonPath("$.reminderMinutesBefore[0]").value(1440));
  }

  @Test
  void aRequestBreakingFieldRulesIsRefusedNamingEachFieldBeforeAnythingIsScheduled()
      throws Exception {
    mvc.perform(
            post("/api/meetings")
                .contentType(MediaType.APPLICATION_JSON)
                .content(
                    """
            {"title": "  ", "start": "2030-01-01T09:00", "end": "2030-01-01T10:00", "timeZone": "+08:00",
             "location": "Room 1", "participants": [{"name": "Shen Jie", "email": "shen.jie-at-bast", "role": "CHAIR"}]}
            """))
        .andExpect(status().isBadRequest())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.title").value("Invalid request"))
        .andExpect(
            jsonPath(
                "$.errors[*].field",
                Matchers.containsInAnyOrder("participants[0].email", "timeZone", "title")));
    verifyNoInteractions(scheduling);
  }

  @Test
  void aValueOfTheWrongTypeIsRefusedNamingItsPath() throws Exception {
    mvc.perform(
            post("/api/meetings")
                .contentType(MediaType.APPLICATION_JSON)
                .content(
                    """
            {"title": "T", "start": "2030-01-01T09:00", "end": "2030-01-01T10:00", "timeZone": "Asia/Shanghai",
             "location": "Room 1", "participants": [{"name": "Shen Jie", "email": "shen.jie@bast.example.org", "role": "OBSERVER"}]}
            """))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].field").value("participants[0].role"))
        .andExpect(jsonPath("$.errors[0].message", Matchers.containsString("CHAIR")));
    verifyNoInteractions(scheduling);
  }

  @Test
  void unknownPropertiesAreRefusedNamingThemSoThatTyposDoNotPassUnnoticed() throws Exception {
    mvc.perform(
            post("/api/meetings")
                .contentType(MediaType.APPLICATION_JSON)
                .content(
                    """
            {"title": "T", "startTime": "2030-01-01T09:00", "end": "2030-01-01T10:00", "timeZone": "Asia/Shanghai",
             "location": "Room 1", "participants": [{"name": "Shen Jie", "email": "shen.jie@bast.example.org", "role": "CHAIR"}]}
            """))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].field").value("startTime"))
        .andExpect(jsonPath("$.errors[0].message").value("is not a known property"));
    mvc.perform(
            put("/api/meetings/{id}/time", ID)
                .header("If-Match", "\"1\"")
                .contentType(MediaType.APPLICATION_JSON)
                .content(
                    """
            {"start": "2030-01-01T09:00", "end": "2030-01-01T10:00", "timeZone": "Asia/Shanghai", "bogus": 1}
            """))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].field").value("bogus"));
    verifyNoInteractions(scheduling, changes);
  }

  @Test
  void aMalformedIfMatchIsRefusedNamingTheHeader() throws Exception {
    mvc.perform(post("/api/meetings/{id}/cancel", ID).header("If-Match", "2"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].field").value("If-Match"));
    verifyNoInteractions(changes);
  }

  @Test
  void aChangeWithoutIfMatchIsRefusedWith428() throws Exception {
    mvc.perform(post("/api/meetings/{id}/cancel", ID))
        .andExpect(status().isPreconditionRequired())
        .andExpect(jsonPath("$.type").value("urn:convene:problem:if-match-required"));
    verifyNoInteractions(changes);
  }

  @Test
  void aChangeAgainstAnOldRevisionIsRefusedWith412AndTheCurrentETag() throws Exception {
    given(changes.apply(eq(MeetingId.of(ID)), any(), any()))
        .willThrow(new PreconditionFailedException("\"2\"", 3));

    mvc.perform(post("/api/meetings/{id}/cancel", ID).header("If-Match", "\"2\""))
        .andExpect(status().isPreconditionFailed())
        .andExpect(header().string("ETag", "\"3\""))
        .andExpect(jsonPath("$.currentRevision").value(3));
  }

  @Test
  void theAggregatesRefusalsBecomeProblemDetails() throws Exception {
    String body =
        """
        {"start": "2030-01-01T09:00", "end": "2030-01-01T10:00", "timeZone": "Asia/Shanghai"}
        """;
    given(changes.apply(eq(MeetingId.of(ID)), argThat(ifMatch -> ifMatch.matches(1)), any()))
        .willThrow(
            Refusals.toException(
                new Failure.BrokenRules(List.of(new FieldProblem("start", "is in the past")))));
    mvc.perform(
            put("/api/meetings/{id}/time", ID)
                .header("If-Match", "\"1\"")
                .contentType(MediaType.APPLICATION_JSON)
                .content(body))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].field").value("start"))
        .andExpect(jsonPath("$.detail").value("start: is in the past"));

    given(changes.apply(eq(MeetingId.of(ID)), argThat(ifMatch -> ifMatch.matches(2)), any()))
        .willThrow(Refusals.toException(new Failure.Conflict("The meeting is cancelled.")));
    mvc.perform(
            put("/api/meetings/{id}/time", ID)
                .header("If-Match", "\"2\"")
                .contentType(MediaType.APPLICATION_JSON)
                .content(body))
        .andExpect(status().isConflict())
        .andExpect(jsonPath("$.detail").value("The meeting is cancelled."));

    given(changes.apply(eq(MeetingId.of(ID)), argThat(ifMatch -> ifMatch.matches(3)), any()))
        .willThrow(Refusals.toException(new Failure.NotFound("No such item.")));
    mvc.perform(
            put("/api/meetings/{id}/time", ID)
                .header("If-Match", "\"3\"")
                .contentType(MediaType.APPLICATION_JSON)
                .content(body))
        .andExpect(status().isNotFound())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
  }
}
