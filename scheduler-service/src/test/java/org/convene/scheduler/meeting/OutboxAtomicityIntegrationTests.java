package org.convene.scheduler.meeting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.convene.scheduler.Callers.OFFICE;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.convene.scheduler.SchedulerIntegrationTest;
import org.convene.scheduler.outbox.OutboxRelay;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.json.JsonMapper;

/**
 * The meeting row and its event commit together or not at all. Failures are injected by the real
 * database (triggers), not by replacing any of the code under test.
 */
@SchedulerIntegrationTest
class OutboxAtomicityIntegrationTests {

  @Autowired MockMvc mvc;
  @Autowired JsonMapper json;
  @Autowired JdbcClient jdbc;
  @Autowired OutboxRelay relay;

  @BeforeEach
  void installFaults() {
    jdbc.sql(
            """
            create or replace function fail_marked() returns trigger language plpgsql as $$
            begin
              raise exception 'injected failure for %', TG_TABLE_NAME;
            end $$
            """)
        .update();
    // Fails the outbox insert, after the meeting row was written in the same transaction.
    jdbc.sql(
            """
            create trigger fail_outbox before insert on outbox for each row
            when (cast(new.payload as jsonb) -> 'meeting' ->> 'title' = 'fail the outbox insert')
            execute function fail_marked()
            """)
        .update();
    // Fails at commit, after both rows were written: a deferred constraint trigger on meeting.
    jdbc.sql(
            """
            create constraint trigger fail_meeting_at_commit after insert on meeting
            deferrable initially deferred for each row
            when (new.title = 'fail at commit')
            execute function fail_marked()
            """)
        .update();
  }

  @AfterEach
  void removeFaults() {
    jdbc.sql("drop trigger if exists fail_outbox on outbox").update();
    jdbc.sql("drop trigger if exists fail_meeting_at_commit on meeting").update();
  }

  @Test
  void meetingIsNotStoredWhenItsEventCannotBeStored() throws Exception {
    post("fail the outbox insert")
        .andExpect(status().isInternalServerError())
        .andExpect(jsonPath("$.detail", containsString("nothing was changed")));

    assertThat(meetingsTitled("fail the outbox insert")).isZero();
  }

  @Test
  void eventIsNotStoredWhenTheMeetingsTransactionFailsAtCommit() throws Exception {
    post("fail at commit").andExpect(status().is5xxServerError());

    assertThat(meetingsTitled("fail at commit")).isZero();
    assertThat(eventsTitled("fail at commit")).isZero();
  }

  @Test
  void meetingAndEventAreBothStoredWhenNothingFails() throws Exception {
    String title = "stored together";
    // The relay deletes events once published; stopped, it leaves this one in the table.
    relay.stop();
    try {
      post(title).andExpect(status().isCreated());

      assertThat(meetingsTitled(title)).isOne();
      assertThat(eventsTitled(title)).isOne();
    } finally {
      relay.start();
    }
  }

  private org.springframework.test.web.servlet.ResultActions post(String title) throws Exception {
    return mvc.perform(
        org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post("/api/meetings")
            .with(OFFICE)
            .contentType(MediaType.APPLICATION_JSON)
            .content(json.writeValueAsString(MeetingRequests.valid(title))));
  }

  private long meetingsTitled(String title) {
    return jdbc.sql("select count(*) from meeting where title = :t")
        .param("t", title)
        .query(Long.class)
        .single();
  }

  private long eventsTitled(String title) {
    return jdbc.sql(
            "select count(*) from outbox where cast(payload as jsonb) -> 'meeting' ->> 'title' = :t")
        .param("t", title)
        .query(Long.class)
        .single();
  }
}
