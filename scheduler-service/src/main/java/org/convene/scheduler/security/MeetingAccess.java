package org.convene.scheduler.security;

import java.util.Map;
import java.util.stream.Collectors;
import org.convene.scheduler.meeting.domain.Mailbox;
import org.convene.scheduler.meeting.domain.Meeting;
import org.convene.scheduler.meeting.domain.Person;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.stereotype.Component;

/**
 * The ownership rules: an organiser reads and changes the meetings they organise; ops read every
 * meeting and change none. Refusals are {@link AccessDeniedException}s (403).
 */
@Component
public class MeetingAccess {

  private final Map<Mailbox, String> builtInNames;

  MeetingAccess(SecurityProperties properties) {
    // Built-in users sign in only in basic mode; with tokens, the token names the caller.
    this.builtInNames =
        properties.mode() != SecurityProperties.Mode.BASIC
            ? Map.of()
            : properties.users().stream()
                .collect(
                    Collectors.toMap(
                        u -> Mailbox.of(u.username()), SecurityProperties.User::name, (a, b) -> a));
  }

  /** The signed-in caller as an organiser: e-mail address and display name. */
  public Person caller() {
    Authentication authentication = authentication();
    // The organiser's address is the account's, in one spelling whatever the caller typed.
    Mailbox email = Mailbox.of(Mailbox.of(authentication.getName()).key());
    String name = builtInNames.get(email);
    if (name == null
        && authentication.getPrincipal() instanceof Jwt jwt
        && jwt.getClaimAsString("name") != null) {
      name = jwt.getClaimAsString("name");
    }
    if (name == null && authentication.getPrincipal() instanceof OidcUser person) {
      name = person.getFullName();
    }
    return new Person(name == null ? email.address() : name, email);
  }

  public boolean callerIsOps() {
    return authentication().getAuthorities().stream()
        .anyMatch(a -> "ROLE_OPS".equals(a.getAuthority()));
  }

  /** Refuses unless the caller organises the meeting or has the ops role. */
  public void checkCanRead(Meeting meeting) {
    if (!callerIsOps() && !organises(meeting)) {
      throw new AccessDeniedException("Only the organiser of this meeting and ops can read it.");
    }
  }

  /** Refuses unless the caller organises the meeting. */
  public void checkCanChange(Meeting meeting) {
    if (!organises(meeting)) {
      throw new AccessDeniedException("Only the organiser of this meeting can change it.");
    }
  }

  /**
   * The organiser whose meetings the caller may list: anyone's (the one asked for, or all) for ops,
   * only their own for organisers.
   */
  public Mailbox organiserFilter(Mailbox requested) {
    if (callerIsOps()) {
      return requested;
    }
    Mailbox own = caller().mailbox();
    if (requested != null && !requested.equals(own)) {
      throw new AccessDeniedException("Organisers can list only their own meetings.");
    }
    return own;
  }

  private boolean organises(Meeting meeting) {
    return meeting.organiser().mailbox().equals(caller().mailbox());
  }

  private static Authentication authentication() {
    Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
    if (authentication == null) {
      throw new AccessDeniedException("Nobody is signed in.");
    }
    return authentication;
  }
}
