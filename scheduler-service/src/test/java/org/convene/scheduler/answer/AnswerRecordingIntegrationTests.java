package org.convene.scheduler.answer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.convene.scheduler.Callers.OFFICE;
import static org.convene.scheduler.answer.ScheduledMeetings.CHEN;
import static org.convene.scheduler.answer.ScheduledMeetings.TIAN;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import java.util.List;
import org.convene.events.MeetingId;
import org.convene.scheduler.SchedulerIntegrationTest;
import org.convene.scheduler.answer.domain.Answer;
import org.convene.scheduler.answer.domain.AnswerOutcome;
import org.convene.scheduler.answer.domain.AnswerStatus;
import org.convene.scheduler.answer.domain.Channel;
import org.convene.scheduler.answer.domain.QuorumState;
import org.convene.scheduler.meeting.domain.Mailbox;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Calendar replies of one poll are recorded in one transaction, which reads each meeting once: each
 * answer still counts the ones recorded before it, and the next transaction reads the meeting anew.
 */
@SchedulerIntegrationTest
class AnswerRecordingIntegrationTests {

  private static final String ZHOU = "zhou.min@bast.example.org";

  @Autowired MockMvc mvc;
  @Autowired JsonMapper json;
  @Autowired AnswerRecording recording;
  @Autowired TransactionTemplate transactions;

  @Test
  void answersInOneTransactionCountEachOtherAndTheNextTransactionSeesTheMeetingChanged()
      throws Exception {
    String id =
        ScheduledMeetings.schedule(mvc, json, "One poll of replies", null).get("id").asString();
    MeetingId meetingId = MeetingId.parse(id);

    List<AnswerOutcome> poll =
        transactions.execute(
            status ->
                List.of(
                    recording.record(meetingId, accepted(TIAN, 1)),
                    recording.record(meetingId, accepted(CHEN, 1))));

    assertThat(poll).allMatch(AnswerOutcome.Recorded.class::isInstance);
    AnswerOutcome.Recorded second = (AnswerOutcome.Recorded) poll.get(1);
    assertThat(second.quorumBefore().accepted()).isEqualTo(1);
    assertThat(second.quorumAfter().accepted()).isEqualTo(2);
    assertThat(second.quorumAfter().state()).isEqualTo(QuorumState.MET);

    // Zhou is invited after that poll: the next poll's transaction knows Zhou.
    mvc.perform(
            post("/api/meetings/{id}/participants", id)
                .with(OFFICE)
                .header("If-Match", "\"1\"")
                .contentType("application/json")
                .content(
                    "{\"name\": \"Zhou Min\", \"email\": \"" + ZHOU + "\", \"role\": \"VOTING\"}"))
        .andExpect(status().isOk());
    AnswerOutcome next =
        transactions.execute(status -> recording.record(meetingId, accepted(ZHOU, 2)));

    assertThat(next).isInstanceOf(AnswerOutcome.Recorded.class);
    assertThat(((AnswerOutcome.Recorded) next).quorumAfter().voters()).isEqualTo(4);
  }

  private static Answer accepted(String mailbox, long revision) {
    return new Answer(
        Mailbox.of(mailbox),
        AnswerStatus.ACCEPTED,
        null,
        revision,
        Instant.now(),
        Channel.CALENDAR_REPLY,
        null);
  }
}
