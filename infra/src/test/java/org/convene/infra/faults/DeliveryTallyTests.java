package org.convene.infra.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.convene.infra.faults.CountingSmtpServer.Received;
import org.convene.infra.faults.DeliveryTally.Key;
import org.junit.jupiter.api.Test;

class DeliveryTallyTests {

  private static final String MEETING = "3daa8ca1-0e9c-4549-aa0b-319e07c0c77a";
  private static final String OTHER_MEETING = "11111111-2222-3333-4444-555555555555";

  @Test
  void aMessageReceivedTwiceIsOneDuplicateAndAnOwedOneNeverReceivedIsLost() {
    Set<Key> owed =
        Set.of(
            new Key("a@example.org", MEETING, 1, "REQUEST"),
            new Key("b@example.org", MEETING, 1, "REQUEST"),
            new Key("c@example.org", MEETING, 1, "REQUEST"));

    DeliveryTally tally =
        DeliveryTally.of(
            owed,
            List.of(
                received("a@example.org", MEETING, 1, "REQUEST", "<1@x>"),
                received("A@example.org", MEETING, 1, "REQUEST", "<1@x>"),
                received("b@example.org", MEETING, 1, "REQUEST", "<2@x>")));

    assertThat(tally.received()).isEqualTo(3);
    assertThat(tally.duplicates()).isEqualTo(1);
    assertThat(tally.duplicated())
        .containsOnlyKeys(new Key("a@example.org", MEETING, 1, "REQUEST"));
    assertThat(tally.duplicateMessageIds()).isEqualTo(1);
    assertThat(tally.lost()).containsExactly(new Key("c@example.org", MEETING, 1, "REQUEST"));
    assertThat(tally.complete()).isFalse();
    assertThat(tally.details())
        .contains("received 2 times: a@example.org", "never received: c@example.org");
  }

  @Test
  void anotherSequenceOrMethodIsAnotherMessageNotADuplicate() {
    Set<Key> owed = Set.of(new Key("a@example.org", MEETING, 1, "REQUEST"));

    DeliveryTally tally =
        DeliveryTally.of(
            owed,
            List.of(
                received("a@example.org", MEETING, 1, "REQUEST", "<1@x>"),
                received("a@example.org", MEETING, 2, "REQUEST", "<2@x>"),
                received("a@example.org", MEETING, 1, "CANCEL", "<3@x>")));

    assertThat(tally.duplicates()).isZero();
    assertThat(tally.complete()).isTrue();
    assertThat(tally.unexpected())
        .containsExactlyInAnyOrder(
            new Key("a@example.org", MEETING, 2, "REQUEST"),
            new Key("a@example.org", MEETING, 1, "CANCEL"));
  }

  @Test
  void messagesOfOtherMeetingsAreLeftOut() {
    Set<Key> owed = Set.of(new Key("a@example.org", MEETING, 1, "REQUEST"));

    DeliveryTally tally =
        DeliveryTally.of(
            owed,
            List.of(
                received("a@example.org", MEETING, 1, "REQUEST", "<1@x>"),
                received("a@example.org", OTHER_MEETING, 1, "REQUEST", "<2@x>"),
                received("a@example.org", OTHER_MEETING, 1, "REQUEST", "<2@x>"),
                new Received("a@example.org", null, -1, null, "<3@x>", 1, Instant.now())));

    assertThat(tally.received()).isEqualTo(1);
    assertThat(tally.duplicates()).isZero();
    assertThat(tally.unexpected()).isEmpty();
  }

  @Test
  void aReminderIsToldApartByItsMessageIdFromTheInvitationAndFromOtherOffsets() {
    Set<Key> owed =
        Set.of(
            new Key("a@example.org", MEETING, 1, "REQUEST"),
            Key.reminder("a@example.org", MEETING, 1, 60),
            Key.reminder("a@example.org", MEETING, 1, 1440));

    DeliveryTally tally =
        DeliveryTally.of(
            owed,
            List.of(
                received("a@example.org", MEETING, 1, "REQUEST", "<1@x>"),
                reminder("a@example.org", "<" + MEETING + ".1.reminder-60.0a1b2c@convene.local>"),
                reminder("a@example.org", "<" + MEETING + ".1.reminder-60.0a1b2c@convene.local>"),
                reminder(
                    "a@example.org",
                    "<" + OTHER_MEETING + ".1.reminder-1440.0a1b2c@convene.local>"),
                reminder("a@example.org", "<no-reminder@convene.local>")));

    assertThat(tally.received()).isEqualTo(3);
    assertThat(tally.duplicated())
        .containsOnlyKeys(Key.reminder("a@example.org", MEETING, 1, 60))
        .containsValue(2);
    assertThat(tally.lost()).containsExactly(Key.reminder("a@example.org", MEETING, 1, 1440));
    assertThat(tally.unexpected()).isEmpty();
  }

  @Test
  void theMeetingIdIsFoundInTheUid() {
    assertThat(DeliveryTally.meetingIdOf(MEETING.toUpperCase() + "@convene")).isEqualTo(MEETING);
    assertThat(DeliveryTally.meetingIdOf("no-id-here@convene")).isNull();
    assertThat(DeliveryTally.meetingIdOf(null)).isNull();
  }

  /** A message without a calendar, as reminders are. */
  private static Received reminder(String recipient, String messageId) {
    return new Received(recipient, null, -1, null, messageId, 1, Instant.now());
  }

  private static Received received(
      String recipient, String meetingId, int sequence, String method, String messageId) {
    return new Received(
        recipient.toLowerCase(),
        meetingId + "@convene",
        sequence,
        method,
        messageId,
        1,
        Instant.now());
  }
}
