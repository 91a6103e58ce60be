package org.convene.notifier.delivery;

import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.URLName;
import java.io.IOException;
import org.eclipse.angus.mail.smtp.SMTPTransport;

/**
 * Jakarta Mail's SMTP transport, telling whether the end of the last message was sent. A session
 * lost after that (the server's reply to the end of the data never came) may have delivered the
 * message: the server can have taken it and then failed to say so. Sent again, it is then a
 * possible duplicate, which ops must be able to count. A session lost before the end cannot have
 * delivered it: a server takes a message only once its end has arrived.
 */
final class EndAwareSmtpTransport extends SMTPTransport {

  private volatile boolean endSent;

  EndAwareSmtpTransport(Session session, String protocol) {
    super(
        session,
        new URLName(protocol, null, -1, null, null, null),
        protocol,
        "smtps".equals(protocol));
  }

  @Override
  public synchronized void sendMessage(Message message, Address[] addresses)
      throws MessagingException {
    endSent = false;
    super.sendMessage(message, addresses);
  }

  @Override
  protected void finishData() throws IOException, MessagingException {
    // Set before the end is written: a failure while writing it cannot rule out that it arrived.
    endSent = true;
    super.finishData();
  }

  @Override
  protected void finishBdat() throws IOException, MessagingException {
    endSent = true;
    super.finishBdat();
  }

  /** Whether the end of the last message was (or was being) sent to the server. */
  boolean endSent() {
    return endSent;
  }
}
