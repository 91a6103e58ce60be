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

  private static final String TYPE_PREFIX = "org.convene.meeting.";
  private static final String TYPE_SUFFIX = ".v" + MeetingEvent.SCHEMA_VERSION;

  // The types as constants, so that a consumer can name the types it skips in its configuration
  // and leave their values unread.
  public static final String SCHEDULED = TYPE_PREFIX + "scheduled" + TYPE_SUFFIX;
  public static final String DETAILS_CHANGED = TYPE_PREFIX + "details-changed" + TYPE_SUFFIX;
  public static final String RESCHEDULED = TYPE_PREFIX + "rescheduled" + TYPE_SUFFIX;
  public static final String AGENDA_CHANGED = TYPE_PREFIX + "agenda-changed" + TYPE_SUFFIX;
  public static final String PARTICIPANTS_CHANGED =
      TYPE_PREFIX + "participants-changed" + TYPE_SUFFIX;
  public static final String CANCELLED = TYPE_PREFIX + "cancelled" + TYPE_SUFFIX;
  public static final String ATTENDEE_ANSWERED = TYPE_PREFIX + "attendee-answered" + TYPE_SUFFIX;
  public static final String QUORUM_CHANGED = TYPE_PREFIX + "quorum-changed" + TYPE_SUFFIX;
  public static final String QUORUM_RULE_CHANGED =
      TYPE_PREFIX + "quorum-rule-changed" + TYPE_SUFFIX;

  private CloudEventHeaders() {}

  /** The CloudEvents type of an event: reverse-DNS, past tense, with the schema version. */
  public static String typeOf(MeetingEvent event) {
    return switch (event) {
      case MeetingScheduled ignored -> SCHEDULED;
      case MeetingDetailsChanged ignored -> DETAILS_CHANGED;
      case MeetingRescheduled ignored -> RESCHEDULED;
      case AgendaChanged ignored -> AGENDA_CHANGED;
      case ParticipantsChanged ignored -> PARTICIPANTS_CHANGED;
      case MeetingCancelled ignored -> CANCELLED;
      case AttendeeAnswered ignored -> ATTENDEE_ANSWERED;
      case QuorumChanged ignored -> QUORUM_CHANGED;
      case QuorumRuleChanged ignored -> QUORUM_RULE_CHANGED;
    };
  }
}
