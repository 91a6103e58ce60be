package org.convene.notifier.reply;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.convene.events.ReplyReceived;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The organiser mailbox the reader watches, prefix {@code convene.notifier.replies}. Checked at
 * start-up: a bad value stops the service with a message naming the property. Off by default.
 *
 * @param enabled whether the notifier reads the mailbox at all
 * @param host the IMAP server
 * @param port its port (143, or 993 with {@code ssl})
 * @param username the mailbox's login
 * @param password its password, unless {@code oauth2Registration} is set
 * @param oauth2Registration the Spring Security OAuth 2.0 client registration ({@code
 *     spring.security.oauth2.client.registration.<id>}, client credentials grant) whose access
 *     token signs in by XOAUTH2 instead of the password: Exchange Online and Google Workspace take
 *     no passwords over IMAP
 * @param folder the folder replies arrive in
 * @param handledFolder the folder handled messages are moved to (made when missing), so that the
 *     watched folder holds only what is still to be read, whether or not a person opened it
 * @param ssl whether to connect with implicit TLS (imaps)
 * @param pollInterval how often to look for new messages when the server has no IDLE
 * @param idleRefresh how long one IDLE lasts before the reader looks again anyway: shorter than the
 *     server's and any firewall's idle time-out
 * @param reconnectDelay how long to wait before connecting again after the server went away
 * @param timeout connection and read time-out of the IMAP connection
 * @param maxMessageBytes larger messages are quarantined unread: a reply is a few kilobytes
 * @param topic the topic replies are published to
 */
@Validated
@ConfigurationProperties("convene.notifier.replies")
record ReplyProperties(
    @DefaultValue("false") boolean enabled,
    @DefaultValue("localhost") @NotBlank String host,
    @DefaultValue("143") @Min(1) @Max(65535) int port,
    String username,
    String password,
    String oauth2Registration,
    @DefaultValue("INBOX") @NotBlank String folder,
    @DefaultValue("Handled") @NotBlank String handledFolder,
    @DefaultValue("false") boolean ssl,
    @DefaultValue("5s") @NotNull Duration pollInterval,
    @DefaultValue("25s") @NotNull Duration idleRefresh,
    @DefaultValue("2s") @NotNull Duration reconnectDelay,
    @DefaultValue("60s") @NotNull Duration timeout,
    @DefaultValue("1048576") @Min(1024) int maxMessageBytes,
    @DefaultValue(ReplyReceived.DEFAULT_TOPIC) @NotBlank String topic) {

  ReplyProperties {
    for (Duration d : new Duration[] {pollInterval, idleRefresh, reconnectDelay, timeout}) {
      if (d != null && (d.isNegative() || d.isZero())) {
        throw new IllegalArgumentException(
            "convene.notifier.replies durations must be positive, not " + d);
      }
    }
    if (folder != null && folder.equalsIgnoreCase(handledFolder)) {
      throw new IllegalArgumentException(
          "convene.notifier.replies.handled-folder must differ from convene.notifier.replies.folder");
    }
    if (enabled && (username == null || username.isBlank())) {
      throw new IllegalArgumentException(
          "convene.notifier.replies.username must be set when the mailbox reader is enabled");
    }
  }

  @Override
  public String toString() {
    return "ReplyProperties[enabled="
        + enabled
        + ", host="
        + host
        + ", port="
        + port
        + ", username="
        + username
        + ", password=(hidden), oauth2Registration="
        + oauth2Registration
        + ", folder="
        + folder
        + ", handledFolder="
        + handledFolder
        + ", ssl="
        + ssl
        + ", topic="
        + topic
        + "]";
  }
}
