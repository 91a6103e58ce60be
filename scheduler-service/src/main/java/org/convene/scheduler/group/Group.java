package org.convene.scheduler.group;

import java.util.List;
import java.util.UUID;

/** A named group of people, as the API shows it. */
public record Group(UUID id, String name, String owner, long revision, List<Member> members) {

  /** One member; e-mail addresses are unique within a group. */
  public record Member(String name, String email, String language, String timeZone) {}
}
