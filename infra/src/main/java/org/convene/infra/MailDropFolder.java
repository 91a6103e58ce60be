package org.convene.infra;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes every delivered message as an {@code .eml} file (the raw RFC 822 bytes, which mail clients
 * such as Outlook and Thunderbird open, invitation included). Names sort by arrival and show the
 * recipient: {@code 0001-shen.jie@bast.example.org-Invitation-2022-theory.eml}.
 */
final class MailDropFolder {

  private static final Logger log = LoggerFactory.getLogger(MailDropFolder.class);
  private static final int MAX_SUBJECT_LENGTH = 60;

  private final Path folder;
  private final AtomicInteger sequence = new AtomicInteger();

  /** Uses {@code folder}, created if needed; files of an earlier run are deleted. */
  MailDropFolder(Path folder) {
    this.folder = folder;
    try {
      Files.createDirectories(folder);
      try (DirectoryStream<Path> old = Files.newDirectoryStream(folder, "*.eml")) {
        for (Path file : old) {
          Files.delete(file);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare the mail folder " + folder, e);
    }
  }

  Path folder() {
    return folder;
  }

  /**
   * Writes {@code message} as delivered to {@code recipient}. A message that cannot be written is
   * logged and skipped: the copy on disk is a convenience, the mailbox still gets the message.
   */
  void write(MimeMessage message, String recipient) {
    Path file = folder.resolve(fileName(sequence.incrementAndGet(), recipient, subjectOf(message)));
    try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE_NEW)) {
      message.writeTo(out);
    } catch (IOException | MessagingException e) {
      log.warn("Could not write {}: {}", file, e.toString());
    }
  }

  static String fileName(int sequence, String recipient, String subject) {
    String safeSubject = sanitize(subject == null ? "" : subject, "");
    if (safeSubject.length() > MAX_SUBJECT_LENGTH) {
      int lastWord = safeSubject.lastIndexOf('-', MAX_SUBJECT_LENGTH);
      safeSubject = safeSubject.substring(0, lastWord > 0 ? lastWord : MAX_SUBJECT_LENGTH);
    }
    return "%04d-%s-%s.eml"
        .formatted(
            sequence, sanitize(recipient, "@+"), safeSubject.isEmpty() ? "message" : safeSubject);
  }

  // Letters of any script stay (a Chinese subject remains readable); whatever could separate
  // path segments or upset a shell becomes '-'.
  private static String sanitize(String text, String alsoAllowed) {
    return text.replaceAll("[^\\p{L}\\p{N}._" + alsoAllowed + "-]+", "-")
        .replaceAll("-{2,}", "-")
        .replaceAll("^-|-$", "");
  }

  private static String subjectOf(MimeMessage message) {
    try {
      return message.getSubject();
    } catch (MessagingException e) {
      return null;
    }
  }
}
