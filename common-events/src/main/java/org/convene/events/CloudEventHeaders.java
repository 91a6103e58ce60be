package org.convene.events;

/**
 * The CloudEvents Kafka protocol binding attributes (binary mode) that every published {@link
 * MeetingEvent} carries as record headers, UTF-8 encoded.
 */
public final class CloudEventHeaders {

  /** Header holding the event id. */
  public static final String ID = "ce_id";

  /** Header holding the event type, see {@link #typeOf(MeetingEvent)}. */
  public static final String TYPE = "ce_type";

  /** Header holding the producing service, {@value #SOURCE_SCHEDULER} for meeting events. */
  public static final String SOURCE = "ce_source";

  /** Header holding the CloudEvents version, always {@value #SPEC_VERSION_1_0}. */
  public static final String SPEC_VERSION = "ce_specversion";

  /** Header holding the time of the change, RFC 3339. */
  public static final String TIME = "ce_time";

  /** Header holding the meeting id, the CloudEvents subject. */
  public static final String SUBJECT = "ce_subject";

  public static final String SPEC_VERSION_1_0 = "1.0";
  public static final String SOURCE_SCHEDULER = "/convene/scheduler";

  /** The Kafka topic all meeting events are published to, unless configured otherwise. */
  public static final String DEFAULT_TOPIC = "convene.meeting-events";

  private CloudEventHeaders() {}

  /** The CloudEvents type of an event: reverse-DNS, past tense, with the schema version. */
  public static String typeOf(MeetingEvent event) {
    String name =
        switch (event) {
          case MeetingScheduled ignored -> "scheduled";
          case MeetingDetailsChanged ignored -> "details-changed";
          case MeetingRescheduled ignored -> "rescheduled";
          case AgendaChanged ignored -> "agenda-changed";
          case ParticipantsChanged ignored -> "participants-changed";
          case MeetingCancelled ignored -> "cancelled";
          case AttendeeAnswered ignored -> "attendee-answered";
          case QuorumChanged ignored -> "quorum-changed";
          case QuorumRuleChanged ignored -> "quorum-rule-changed";
        };
    return "org.convene.meeting." + name + ".v" + MeetingEvent.SCHEMA_VERSION;
  }
}
