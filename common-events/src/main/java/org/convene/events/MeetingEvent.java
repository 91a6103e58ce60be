package org.convene.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.time.Instant;
import java.util.Objects;

/**
 * Something that happened to a meeting. Published as JSON to Kafka, keyed by {@link #meetingId()}
 * so that one meeting's events stay in order on one partition, with the CloudEvents attributes of
 * {@link CloudEventHeaders} as record headers.
 *
 * <p>The JSON names its type in {@code "type"} and its contract version in {@code "schemaVersion"}.
 * Readers ignore properties they do not know, so fields may be added without a new schema version;
 * removing or changing one needs a new version.
 *
 * <p>The {@link AnswerEvent}s travel with the meeting's events but do not revise the meeting.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
@JsonSubTypes({
  @JsonSubTypes.Type(value = MeetingScheduled.class, name = MeetingScheduled.TYPE),
  @JsonSubTypes.Type(value = MeetingDetailsChanged.class, name = MeetingDetailsChanged.TYPE),
  @JsonSubTypes.Type(value = MeetingRescheduled.class, name = MeetingRescheduled.TYPE),
  @JsonSubTypes.Type(value = AgendaChanged.class, name = AgendaChanged.TYPE),
  @JsonSubTypes.Type(value = ParticipantsChanged.class, name = ParticipantsChanged.TYPE),
  @JsonSubTypes.Type(value = MeetingCancelled.class, name = MeetingCancelled.TYPE),
  @JsonSubTypes.Type(value = AttendeeAnswered.class, name = AttendeeAnswered.TYPE),
  @JsonSubTypes.Type(value = QuorumChanged.class, name = QuorumChanged.TYPE),
  @JsonSubTypes.Type(value = QuorumRuleChanged.class, name = QuorumRuleChanged.TYPE)
})
@JsonIgnoreProperties(ignoreUnknown = true)
public sealed interface MeetingEvent
    permits MeetingScheduled,
        MeetingDetailsChanged,
        MeetingRescheduled,
        AgendaChanged,
        ParticipantsChanged,
        MeetingCancelled,
        AnswerEvent {

  /** The version of the JSON contract that this code writes and reads. */
  int SCHEMA_VERSION = 1;

  /** Unique per event; consumers use it to recognise redeliveries. */
  EventId eventId();

  /** The meeting this event is about. */
  MeetingId meetingId();

  /**
   * The meeting's revision after the change: starts at 1, grows by one with every change. Used as
   * the iCalendar {@code SEQUENCE}.
   */
  long revision();

  /** When the change was committed. */
  Instant occurredAt();

  /** The whole meeting after the change. */
  MeetingSnapshot meeting();

  /** The version of the contract this event was written with. */
  @JsonProperty("schemaVersion")
  default int schemaVersion() {
    return SCHEMA_VERSION;
  }

  /** The checks every event's constructor makes on the attributes all events share. */
  static void requireCommon(
      EventId eventId,
      MeetingId meetingId,
      long revision,
      Instant occurredAt,
      MeetingSnapshot meeting) {
    Objects.requireNonNull(eventId, "eventId");
    Objects.requireNonNull(meetingId, "meetingId");
    Objects.requireNonNull(occurredAt, "occurredAt");
    Objects.requireNonNull(meeting, "meeting");
    if (revision < 1) {
      throw new IllegalArgumentException("revision must be at least 1: " + revision);
    }
  }

  /**
   * The CloudEvents {@code type} of this event, such as {@code org.convene.meeting.scheduled.v1}.
   */
  default String cloudEventType() {
    return CloudEventHeaders.typeOf(this);
  }
}
