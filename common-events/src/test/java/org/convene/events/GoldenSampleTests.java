package org.convene.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The golden samples pin the wire format: reading them must give the sample events (old
 * readers keep working), and writing the sample events must give them back (a change to the
 * records that alters the JSON fails here first).
 */
class GoldenSampleTests {

  private final JsonMapper json = JsonMapper.builder().build();

  @Test
  void goldenMeetingScheduledReadsAsTheSampleEvent() throws IOException {
    MeetingEvent read = json.readValue(golden("MeetingScheduled.v1.json"), MeetingEvent.class);

    assertThat(read).isEqualTo(SampleEvents.meetingScheduled());
  }

  @Test
  void sampleMeetingScheduledWritesAsTheGoldenJson() throws IOException {
    String wire = json.writeValueAsString(SampleEvents.meetingScheduled());
    JsonNode written = json.readTree(wire);

    // Compared as maps: property order is not part of the contract.
    assertThat(json.readValue(wire, Map.class))
        .isEqualTo(json.readValue(golden("MeetingScheduled.v1.json"), Map.class));
    assertThat(written.get("type").asString()).isEqualTo("MeetingScheduled");
    assertThat(written.get("schemaVersion").asInt()).isEqualTo(MeetingEvent.SCHEMA_VERSION);
  }

  @Test
  void readersIgnorePropertiesAddedByNewerWriters() throws IOException {
    String withExtra = golden("MeetingScheduled.v1.json").replaceFirst("\\{", "{\"addedLater\": {\"x\": 1},");

    assertThat(json.readValue(withExtra, MeetingEvent.class)).isEqualTo(SampleEvents.meetingScheduled());
  }

  @Test
  void unknownEventTypeIsRefused() throws IOException {
    String unknown = golden("MeetingScheduled.v1.json").replace("\"MeetingScheduled\"", "\"MeetingTeleported\"");

    assertThatThrownBy(() -> json.readValue(unknown, MeetingEvent.class))
        .isInstanceOf(DatabindException.class)
        .hasMessageContaining("MeetingTeleported");
  }

  @Test
  void eventWithoutMeetingIdIsRefused() throws IOException {
    String broken = golden("MeetingScheduled.v1.json").replace("\"meetingId\"", "\"meetingIdentifier\"");

    assertThatThrownBy(() -> json.readValue(broken, MeetingEvent.class)).hasStackTraceContaining("meetingId");
  }

  @Test
  void cloudEventTypeNamesTheEventAndTheSchemaVersion() {
    assertThat(SampleEvents.meetingScheduled().cloudEventType()).isEqualTo("org.convene.meeting.scheduled.v1");
  }

  static String golden(String name) throws IOException {
    try (InputStream in = GoldenSampleTests.class.getResourceAsStream("/golden/" + name)) {
      assertThat(in).as("golden sample %s", name).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
