package org.convene.infra;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * The scheduler's built-in users on the local stack (HTTP Basic): one organiser account per
 * organiser of the demo meetings, and one ops account. The username is the e-mail address, which is
 * also the organiser address of that user's meetings; every password is {@value #PASSWORD}.
 */
public final class LocalAccounts {

  /** The password of every local account: this stack is for one developer's machine. */
  public static final String PASSWORD = "convene";

  /**
   * One built-in user.
   *
   * @param username e-mail address, used to sign in
   * @param name display name, the organiser's name on invitations
   * @param role {@code ORGANISER} or {@code OPS}
   */
  public record Account(String username, String name, String role) {

    /** The value of an HTTP {@code Authorization} header that signs in as this account. */
    public String authorization() {
      String credentials = username + ":" + PASSWORD;
      return "Basic "
          + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
    }
  }

  public static final Account GENERAL_OFFICE =
      new Account("office@bast.example.org", "BAST General Office", "ORGANISER");
  public static final Account PARTY_AFFAIRS =
      new Account("party-affairs@bast.example.org", "BAST Party Affairs Office", "ORGANISER");
  public static final Account PLANNING =
      new Account("planning@bast.example.org", "BAST Planning Department", "ORGANISER");
  public static final Account OPS = new Account("ops@bast.example.org", "Convene Ops", "OPS");

  public static final List<Account> ALL = List.of(GENERAL_OFFICE, PARTY_AFFAIRS, PLANNING, OPS);

  private LocalAccounts() {}

  /** The account with this username, if there is one. */
  public static Optional<Account> byUsername(String username) {
    return ALL.stream()
        .filter(account -> account.username().equalsIgnoreCase(username))
        .findFirst();
  }

  /** Command-line arguments that give the scheduler these users. */
  public static List<String> schedulerArguments() {
    List<String> arguments = new ArrayList<>();
    arguments.add("--convene.security.mode=basic");
    for (int i = 0; i < ALL.size(); i++) {
      Account account = ALL.get(i);
      String prefix = "--convene.security.users[" + i + "].";
      arguments.add(prefix + "username=" + account.username());
      arguments.add(prefix + "name=" + account.name());
      arguments.add(prefix + "password=" + PASSWORD);
      arguments.add(prefix + "roles=" + account.role());
    }
    return arguments;
  }

  /**
   * Command-line arguments that let the notifier's health page read the scheduler's outbox figures
   * from its actuator at {@code scheduler}, signed in as the ops account: without them the page
   * says the outbox is not configured.
   */
  public static List<String> notifierOutboxArguments(URI scheduler) {
    String prefix = "--convene.notifier.ops.health.scheduler.";
    return List.of(
        prefix + "base-url=" + scheduler,
        prefix + "username=" + OPS.username(),
        prefix + "password=" + PASSWORD);
  }
}
