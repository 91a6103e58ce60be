package org.convene.notifier.reply;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.FetchProfile;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.UIDFolder;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.util.Arrays;
import java.util.Properties;
import org.convene.notifier.testing.ImapProxy;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What the reader takes from the folder, against a real IMAP server (GreenMail) and client. */
class MailboxReaderWaitingTests {

  private final Session session = Session.getInstance(new Properties());
  private GreenMail server;
  private GreenMailUser user;

  @BeforeEach
  void startServer() {
    server = new GreenMail(ServerSetup.dynamicPort(ServerSetupTest.SMTP_IMAP));
    server.start();
    user = server.setUser("meetings@convene.test", "meetings", "secret");
  }

  @AfterEach
  void stopServer() {
    server.stop();
  }

  @Test
  void messagesThisConnectionMovedAwayAreNotWaitingAnyMore() throws Exception {
    deliver("reply 1", "reply 2", "reply 3");
    Store store = session.getStore("imap");
    store.connect("127.0.0.1", server.getImap().getPort(), "meetings", "secret");
    try {
      IMAPFolder inbox = (IMAPFolder) store.getFolder("INBOX");
      inbox.open(Folder.READ_WRITE);
      Folder handled = store.getFolder("Handled");
      handled.create(Folder.HOLDS_MESSAGES);
      Message[] first = MailboxReader.waiting(inbox);
      assertThat(first).hasSize(3);

      // A batch handled and moved, as the reader does.
      inbox.moveMessages(Arrays.copyOfRange(first, 0, 2), handled);

      // Jakarta Mail still lists the two moved messages, expunged: reading one would throw.
      assertThat(inbox.getMessages()).anyMatch(Message::isExpunged);
      assertThat(MailboxReader.waiting(inbox))
          .extracting(Message::getSubject)
          .containsExactly("reply 3");
    } finally {
      store.close();
    }
  }

  /**
   * With MOVE, and on a server without it (the copy, the deletion mark and the expunge): by UID
   * either way.
   */
  @ParameterizedTest(name = "server has MOVE: {0}")
  @ValueSource(booleans = {true, false})
  void aMoveTakesTheMessagesHandledWhateverAnotherConnectionExpungedMeanwhile(boolean hasMove)
      throws Exception {
    deliver("reply 1", "reply 2", "reply 3");
    Store reader = session.getStore("imap");
    Store person = session.getStore("imap");
    ImapProxy withoutMove = new ImapProxy("127.0.0.1", server.getImap().getPort());
    withoutMove.hideCapability("MOVE");
    reader.connect(
        "127.0.0.1",
        hasMove ? server.getImap().getPort() : withoutMove.port(),
        "meetings",
        "secret");
    person.connect("127.0.0.1", server.getImap().getPort(), "meetings", "secret");
    try {
      assertThat(((IMAPStore) reader).hasCapability("MOVE")).isEqualTo(hasMove);
      IMAPFolder inbox = (IMAPFolder) reader.getFolder("INBOX");
      inbox.open(Folder.READ_WRITE);
      Folder handled = reader.getFolder("Handled");
      handled.create(Folder.HOLDS_MESSAGES);
      Message[] waiting = MailboxReader.waiting(inbox);
      inbox.fetch(waiting, uids());

      // Somebody with the organiser mailbox open in a mail program deletes the first reply.
      Folder theirs = person.getFolder("INBOX");
      theirs.open(Folder.READ_WRITE);
      theirs.getMessage(1).setFlag(Flags.Flag.DELETED, true);
      theirs.expunge();

      // The reader has handled reply 2, and moves it: reply 3, unread, must stay.
      MailboxReader.move(inbox, new Message[] {waiting[1]}, handled);

      handled.open(Folder.READ_ONLY);
      assertThat(handled.getMessages()).extracting(Message::getSubject).containsExactly("reply 2");
      theirs.close(false);
      Folder left = person.getFolder("INBOX");
      left.open(Folder.READ_ONLY);
      assertThat(left.getMessages()).extracting(Message::getSubject).containsExactly("reply 3");
    } finally {
      reader.close();
      person.close();
      withoutMove.close();
    }
  }

  private static FetchProfile uids() {
    FetchProfile profile = new FetchProfile();
    profile.add(UIDFolder.FetchProfileItem.UID);
    return profile;
  }

  private void deliver(String... subjects) throws MessagingException {
    for (String subject : subjects) {
      MimeMessage message = new MimeMessage(session);
      message.setFrom(new InternetAddress("tian.wen@example.org"));
      message.setSubject(subject);
      message.setText("Accepted");
      user.deliver(message);
    }
  }
}
