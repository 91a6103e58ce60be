package org.convene.scheduler.meeting.domain;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An e-mail address as people typed it (surrounding blanks removed). Two spellings that differ only
 * in case are the same mailbox: mail relays and people treat them alike, so a meeting cannot invite
 * both.
 */
public record Mailbox(String address) {

  private static final String ATOM = "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+";
  private static final String LABEL = "[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?";
  private static final Pattern DELIVERABLE =
      Pattern.compile(ATOM + "(?:\\." + ATOM + ")*@" + LABEL + "(?:\\." + LABEL + ")+");

  public Mailbox {
    Objects.requireNonNull(address, "address");
    address = address.strip();
    if (address.isEmpty()) {
      throw new IllegalArgumentException("A mailbox address must not be blank");
    }
  }

  public static Mailbox of(String address) {
    return new Mailbox(address);
  }

  /** The mailbox, or {@code null} for a missing or blank address (meaning "nobody"). */
  public static Mailbox ofNullable(String address) {
    return address == null || address.isBlank() ? null : new Mailbox(address);
  }

  /**
   * Whether the text is an address that can be delivered to: a dot-atom local part and a domain
   * with at least one dot (the form mail relays and calendar clients accept), at most 254
   * characters.
   */
  public static boolean isDeliverable(String address) {
    return address.length() <= 254 && DELIVERABLE.matcher(address).matches();
  }

  /** The form in which two spellings of one mailbox are equal. */
  public String key() {
    return address.toLowerCase(Locale.ROOT);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Mailbox mailbox && key().equals(mailbox.key());
  }

  @Override
  public int hashCode() {
    return key().hashCode();
  }

  @Override
  public String toString() {
    return address;
  }
}
