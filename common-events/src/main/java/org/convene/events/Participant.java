package org.convene.events;

import java.util.Objects;

/**
 * One person invited to a meeting, with their role.
 *
 * @param name display name
 * @param email mailbox address, unique within a meeting
 * @param role how the person takes part
 * @param language preferred language as a BCP 47 tag ({@code en}, {@code zh-CN}); the
 *     organisation's default when {@code null}
 * @param timeZone IANA zone in which the person reads times; the meeting's zone when {@code null}
 * @param group name of the group through which the person is invited; {@code null} when invited
 *     directly
 */
public record Participant(
    String name,
    String email,
    ParticipantRole role,
    String language,
    String timeZone,
    String group) {

  public Participant {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(email, "email");
    Objects.requireNonNull(role, "role");
  }

  /** A participant invited directly, not through a group. */
  public Participant(
      String name, String email, ParticipantRole role, String language, String timeZone) {
    this(name, email, role, language, timeZone, null);
  }
}
