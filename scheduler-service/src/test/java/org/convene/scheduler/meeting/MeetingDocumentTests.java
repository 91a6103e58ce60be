package org.convene.scheduler.meeting;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import org.convene.events.MeetingId;
import org.convene.scheduler.meeting.domain.Meeting;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The stored format is the scheduler's own, but rows written before it existed hold the contract's
 * snapshot: both must read, and a meeting must be written back field for field as it was, so no
 * migration is needed.
 */
class MeetingDocumentTests {

  private final JsonMapper json = JsonMapper.builder().build();

  @Test
  void aStoredSnapshotIsReadAndWrittenBackUnchanged() throws IOException {
    JsonNode stored = meetingOf("golden/AgendaChanged.v1.json");

    Meeting meeting = json.treeToValue(stored, MeetingDocument.class).toMeeting(MeetingId.random());

    assertThat(meeting.agenda()).hasSize(3);
    assertThat(meeting.participants().get(3).group()).isEqualTo("Deputy section directors");
    assertThat(json.valueToTree(MeetingDocument.of(meeting)).toString())
        .isEqualTo(stored.toString());
  }

  @Test
  void agendaItemsStoredWithoutIdsGetOne() throws IOException {
    JsonNode stored = meetingOf("golden/compat/MeetingScheduled.v1.before-item-ids.json");

    Meeting meeting = json.treeToValue(stored, MeetingDocument.class).toMeeting(MeetingId.random());

    assertThat(meeting.agenda())
        .isNotEmpty()
        .allSatisfy(item -> assertThat(item.id().value()).isNotBlank());
  }

  private JsonNode meetingOf(String sample) throws IOException {
    try (InputStream in = getClass().getClassLoader().getResourceAsStream(sample)) {
      assertThat(in).as(sample).isNotNull();
      ObjectNode meeting = (ObjectNode) json.readTree(in).get("meeting");
      // The rule is kept in its own table (QuorumRules), never in the stored meeting: the rows
      // that hold a contract snapshot were written before snapshots carried it.
      meeting.remove("quorumRule");
      return meeting;
    }
  }
}
