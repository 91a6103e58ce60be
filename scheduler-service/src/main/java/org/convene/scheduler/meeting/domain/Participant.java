package org.convene.scheduler.meeting.domain;

import java.util.Objects;

/**
 * One person invited to a meeting.
 *
 * @param language preferred language ({@code en}, {@code zh-CN}); {@code null} for the default
 * @param timeZone IANA zone the person reads times in; {@code null} for the meeting's
 * @param group the group through which the person is invited; {@code null} when invited directly
 */
public record Participant(
    String name,
    Mailbox mailbox,
    ParticipantRole role,
    String language,
    String timeZone,
    String group) {

  public Participant {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(mailbox, "mailbox");
    Objects.requireNonNull(role, "role");
    name = name.strip();
  }

  /** A person invited directly, not through a group. */
  public static Participant direct(
      String name, Mailbox mailbox, ParticipantRole role, String language, String timeZone) {
    return new Participant(name, mailbox, role, language, timeZone, null);
  }

  Participant withRole(ParticipantRole newRole) {
    return new Participant(name, mailbox, newRole, language, timeZone, group);
  }

  Participant invitedDirectly() {
    return new Participant(name, mailbox, role, language, timeZone, null);
  }
}
