package org.convene.notifier.reply;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.mail.AuthenticationFailedException;
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
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.angus.mail.iap.Argument;
import org.eclipse.angus.mail.iap.ProtocolException;
import org.eclipse.angus.mail.iap.Response;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.eclipse.angus.mail.imap.protocol.IMAPProtocol;
import org.eclipse.angus.mail.imap.protocol.UIDSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Watches the organiser mailbox over IMAP and hands each new reply to the scheduler. Waits with
 * IDLE where the server has it (looking again every {@code idle-refresh} anyway, so that a
 * connection a firewall dropped silently is noticed), else polls; when the server goes away it
 * connects again after {@code reconnect-delay}, for as long as the notifier runs.
 *
 * <p>Each message is handled once: its Message-ID is recorded after the reply is on the broker (or
 * it was quarantined), so neither a restart nor the same reply delivered twice publishes it again;
 * a crash between the two publishes it again, which the scheduler recognises by the same id. The
 * message is then marked \Seen, and \Flagged when quarantined, and moved to the {@code
 * handled-folder}. The watched folder so holds only what is still to be read, and every message in
 * it is read, seen or not: a person who opens the mailbox in a mail program (which marks messages
 * seen) hides no reply, and the server's work per look does not grow with every reply ever
 * received. Messages are taken up to {@value #BATCH} at a time, so that a burst of replies costs a
 * few round trips to the IMAP server, the database and the broker per batch rather than per
 * message.
 *
 * <p>Counts the messages in {@value #REPLIES} by outcome: {@code published}, {@code quarantined},
 * {@code duplicate} (handled before); in {@value #REOPENED}, the times the folder held messages the
 * server had not announced, so that the reader opened it again to see them.
 */
@Component
@ConditionalOnProperty(name = "convene.notifier.replies.enabled", havingValue = "true")
class MailboxReader implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(MailboxReader.class);

  /** Messages handled together: one fetch, one look-up, one wait for the broker, one record. */
  static final int BATCH = 100;

  /**
   * The session the copies of messages are parsed in: one for all, since making a session reads
   * Jakarta Mail's provider lists from the class path, which took most of a message's time.
   */
  private static final Session PARSING = Session.getInstance(new Properties());

  /** Messages read from the replies mailbox, by outcome. */
  static final String REPLIES = "convene.notifier.replies";

  /** Times the folder was opened again to see messages the server had not announced. */
  static final String REOPENED = "convene.notifier.replies.reopened";

  private final ReplyProperties properties;
  private final MailboxConnector connector;
  private final ProcessedReplies processed;
  private final KafkaProperties kafka;
  private final JsonMapper json;
  private final Clock clock;
  private final MeterRegistry meters;
  private final MailboxStatus status;

  private volatile boolean running;
  private volatile Store store;
  private Thread thread;
  private ReplyPublisher publisher;
  private ScheduledExecutorService wakeUps;

  MailboxReader(
      ReplyProperties properties,
      MailboxSignIn signIn,
      ProcessedReplies processed,
      KafkaProperties kafka,
      JsonMapper json,
      Clock clock,
      MeterRegistry meters,
      MailboxStatus status) {
    this.meters = meters;
    this.status = status;
    this.properties = properties;
    this.connector = new MailboxConnector(properties, signIn);
    this.processed = processed;
    this.kafka = kafka;
    this.json = json;
    this.clock = clock;
  }

  @Override
  public synchronized void start() {
    if (running) {
      return;
    }
    publisher = new ReplyPublisher(kafka.buildProducerProperties(), json, properties.topic());
    wakeUps =
        Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("mailbox-reader-wake").daemon().factory());
    running = true;
    status.connecting(properties.username() + " on " + properties.host() + ":" + properties.port());
    thread = Thread.ofPlatform().name("mailbox-reader").daemon().start(this::run);
    log.info(
        "Reading replies from {} folder {} on {}:{}",
        properties.username(),
        properties.folder(),
        properties.host(),
        properties.port());
  }

  @Override
  public synchronized void stop() {
    if (!running) {
      return;
    }
    running = false;
    closeQuietly(store);
    thread.interrupt();
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    wakeUps.shutdownNow();
    publisher.close();
    status.stopped();
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  private void run() {
    while (running) {
      try {
        store = connector.connect();
        IMAPFolder folder = (IMAPFolder) store.getFolder(properties.folder());
        folder.open(Folder.READ_WRITE);
        Folder handled = handledFolder(store);
        boolean idle = ((IMAPStore) store).hasCapability("IDLE");
        log.info(
            "Connected to the replies mailbox ({})",
            idle ? "IDLE" : "polling every " + properties.pollInterval());
        status.reading();
        boolean timedOut = false;
        while (running && folder.isOpen()) {
          // Again until a look finds nothing: what arrived while a batch was handled would
          // otherwise wait for the next arrival or the IDLE's refresh.
          int found = readNew(folder, handled);
          status.looked();
          if (found > 0) {
            continue;
          }
          if (timedOut && unannounced(store, folder)) {
            folder.close(false);
            folder.open(Folder.READ_WRITE);
            continue;
          }
          timedOut = waitForMail(folder, idle);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (AuthenticationFailedException e) {
        if (running) {
          status.unavailable("sign-in refused: " + e.getMessage());
          log.warn(
              "The replies mailbox refused to sign {} in, connecting again in {}: {}",
              properties.username(),
              properties.reconnectDelay(),
              e.getMessage());
        }
      } catch (Exception e) {
        if (running) {
          status.unavailable(e.toString());
          log.warn(
              "Replies mailbox unavailable, connecting again in {}: {}",
              properties.reconnectDelay(),
              e.toString());
        }
      } finally {
        closeQuietly(store);
      }
      if (!pause(properties.reconnectDelay().toMillis())) {
        return;
      }
    }
  }

  /**
   * Whether the server holds messages in the folder that this connection was never told of. A
   * server owes the selected folder an EXISTS for each arrival, but one that loses it (GreenMail
   * did, under a steady stream of deliveries and moves) leaves the message there unread for good:
   * every look asks the connection's view, which never grows. The count is asked by STATUS on the
   * store's own connection, before the folder's connection is asked with a NOOP, so an arrival in
   * between only raises the folder's count.
   */
  private boolean unannounced(Store store, IMAPFolder folder) throws MessagingException {
    int onServer = store.getFolder(folder.getFullName()).getMessageCount();
    int known = waiting(folder).length;
    if (known >= onServer) {
      return false;
    }
    log.warn(
        "The replies folder {} holds {} messages, this connection was told of {}: opening it again",
        folder.getFullName(),
        onServer,
        known);
    Counter.builder(REOPENED)
        .description("Times the replies folder held messages its connection was not told of")
        .register(meters)
        .increment();
    return true;
  }

  /**
   * IDLE until the server reports a change or {@code idle-refresh} passes; else one poll interval.
   * Returns whether the wait ended by time rather than by the server's report.
   */
  private boolean waitForMail(IMAPFolder folder, boolean idle)
      throws MessagingException, InterruptedException {
    if (!idle) {
      if (!pause(properties.pollInterval().toMillis())) {
        throw new InterruptedException();
      }
      return true;
    }
    AtomicBoolean wokenUp = new AtomicBoolean();
    // A command from another thread ends the IDLE (the folder sends DONE first): the wake-up sends
    // a NOOP. Reading a cached count would not do; it may send nothing.
    ScheduledFuture<?> wakeUp =
        wakeUps.schedule(
            () -> {
              wokenUp.set(true);
              try {
                folder.doCommand(
                    protocol -> {
                      protocol.simpleCommand("NOOP", null);
                      return null;
                    });
              } catch (MessagingException | RuntimeException e) {
                log.debug("Wake-up of the IDLE failed", e);
              }
            },
            properties.idleRefresh().toMillis(),
            TimeUnit.MILLISECONDS);
    try {
      folder.idle(true);
    } finally {
      wakeUp.cancel(false);
    }
    return wokenUp.get();
  }

  /** The folder handled messages go to, made on first use. */
  private Folder handledFolder(Store store) throws MessagingException {
    Folder handled = store.getFolder(properties.handledFolder());
    if (!handled.exists() && !handled.create(Folder.HOLDS_MESSAGES)) {
      throw new MessagingException(
          "cannot create the folder "
              + properties.handledFolder()
              + " (convene.notifier.replies.handled-folder) in the replies mailbox");
    }
    return handled;
  }

  /** Handles the messages in the folder; returns how many there were. */
  private int readNew(IMAPFolder folder, Folder handled)
      throws MessagingException, IOException, InterruptedException {
    // Handled messages have left the folder, so all that is in it is new (or was left behind by a
    // crash before the move: recognised by its Message-ID and moved on).
    Message[] waiting = waiting(folder);
    for (int from = 0; from < waiting.length && running; from += BATCH) {
      handle(
          folder,
          handled,
          Arrays.copyOfRange(waiting, from, Math.min(waiting.length, from + BATCH)));
    }
    return waiting.length;
  }

  /**
   * The messages in the folder. Those this connection moved away stay in Jakarta Mail's list,
   * marked expunged, until the folder is closed, and reading one throws {@link
   * jakarta.mail.MessageRemovedException}: under a steady stream of replies that broke the
   * connection every few batches, and each time the reader waited {@code reconnect-delay} and
   * started over.
   */
  static Message[] waiting(Folder folder) throws MessagingException {
    return Arrays.stream(folder.getMessages())
        .filter(message -> !message.isExpunged())
        .toArray(Message[]::new);
  }

  /**
   * Handles a batch of messages: their envelopes, sizes and UIDs in one fetch, the ones handled
   * before in one look-up, the replies' sends waited for together, then recorded in one statement,
   * marked \Seen in one command and moved in one more. A crash or a lost connection before the
   * record leaves the batch in the folder and unrecorded: it is read again, and the scheduler
   * recognises a reply published twice by its Message-ID.
   */
  void handle(IMAPFolder folder, Folder handled, Message[] batch)
      throws MessagingException, IOException, InterruptedException {
    Instant now = clock.instant();
    long started = System.nanoTime();
    FetchProfile summary = new FetchProfile();
    summary.add(FetchProfile.Item.ENVELOPE);
    summary.add(FetchProfile.Item.SIZE);
    summary.add(UIDFolder.FetchProfileItem.UID);
    folder.fetch(batch, summary);
    Map<String, MimeMessage> byId = new LinkedHashMap<>();
    List<Message> done = new ArrayList<>();
    for (Message message : batch) {
      String messageId = messageId(folder, (MimeMessage) message);
      if (byId.putIfAbsent(messageId, (MimeMessage) message) != null) {
        duplicate(messageId, message, done);
      }
    }
    Set<String> handledBefore = processed.seenAmong(byId.keySet());
    prefetchBodies(folder, byId, handledBefore);
    List<ReplyPublisher.Sent> sent = new ArrayList<>();
    for (Map.Entry<String, MimeMessage> entry : byId.entrySet()) {
      String messageId = entry.getKey();
      MDC.put("messageId", messageId);
      try {
        if (handledBefore.contains(messageId)) {
          duplicate(messageId, entry.getValue(), done);
        } else {
          read(messageId, entry.getValue(), now, sent, done);
        }
      } finally {
        MDC.remove("messageId");
      }
    }
    publisher.await(sent);
    processed.published(sent.stream().map(s -> s.reply().messageId()).toList(), now);
    for (ReplyPublisher.Sent reply : sent) {
      count("published");
      log.info(
          "Reply {} for meeting {} from {} ({}) handed to the scheduler",
          reply.reply().messageId(),
          reply.reply().uid(),
          reply.reply().attendee(),
          reply.reply().partStat());
    }
    // Should this fail (the connection lost), the messages are found again and skipped as handled.
    if (!done.isEmpty()) {
      Message[] handledNow = done.toArray(Message[]::new);
      folder.setFlags(handledNow, new Flags(Flags.Flag.SEEN), true);
      move(folder, handledNow, handled);
    }
    log.debug(
        "{} messages of the replies mailbox handled in {} ms",
        batch.length,
        (System.nanoTime() - started) / 1_000_000);
  }

  /**
   * The whole of each new message within the size cap, in one command: read one by one, each body
   * was a round trip to the server, most of a batch's time on a busy machine.
   */
  private void prefetchBodies(
      IMAPFolder folder, Map<String, MimeMessage> byId, Set<String> handledBefore)
      throws MessagingException {
    Message[] wanted =
        byId.entrySet().stream()
            .filter(entry -> !handledBefore.contains(entry.getKey()))
            .map(Map.Entry::getValue)
            .filter(message -> withinCap(message))
            .toArray(Message[]::new);
    if (wanted.length > 0) {
      FetchProfile bodies = new FetchProfile();
      bodies.add(IMAPFolder.FetchProfileItem.MESSAGE);
      folder.fetch(wanted, bodies);
    }
  }

  /**
   * Moves the messages with UID MOVE (RFC 6851) where the server has MOVE (Exchange Online, Gmail,
   * Dovecot and GreenMail do); else copies them, marks them deleted and expunges them. By UID, not
   * by message number: the numbers are the connection's view of the folder, and a server that
   * renumbers under it (GreenMail does when another connection expunges, or a delivery lands during
   * a move) would move other messages than those just handled, unread, where the reader never looks
   * again. A UID names the message whose contents were read.
   */
  static void move(IMAPFolder folder, Message[] messages, Folder to) throws MessagingException {
    IMAPStore server = (IMAPStore) folder.getStore();
    long[] uids = uids(folder, messages);
    String set = UIDSet.toString(UIDSet.createUIDSets(uids));
    String target = to.getFullName();
    if (server.hasCapability("MOVE")) {
      folder.doCommand(
          protocol -> {
            toFolder(protocol, "UID MOVE", set, target);
            return null;
          });
      return;
    }
    // Without MOVE: copy, mark \Deleted and expunge, each by UID too. Without UIDPLUS the expunge
    // also removes what others marked \Deleted, as any mail program's expunge does.
    boolean uidPlus = server.hasCapability("UIDPLUS");
    folder.doCommand(
        protocol -> {
          toFolder(protocol, "UID COPY", set, target);
          protocol.simpleCommand("UID STORE " + set + " +FLAGS.SILENT (\\Deleted)", null);
          if (uidPlus) {
            protocol.uidexpunge(UIDSet.createUIDSets(uids));
          } else {
            protocol.expunge();
          }
          return null;
        });
  }

  /**
   * {@code UID MOVE} or {@code UID COPY} of the set to the folder; the untagged EXPUNGE responses
   * (of a move) tell the open folder which of its messages left.
   */
  private static void toFolder(IMAPProtocol protocol, String command, String set, String target)
      throws ProtocolException {
    Argument arguments = new Argument();
    arguments.writeAtom(set);
    arguments.writeString(target);
    Response[] responses = protocol.command(command, arguments);
    protocol.notifyResponseHandlers(responses);
    protocol.handleResult(responses[responses.length - 1]);
  }

  /** The messages' UIDs, fetched with the batch's envelopes. */
  private static long[] uids(IMAPFolder folder, Message[] messages) throws MessagingException {
    long[] uids = new long[messages.length];
    for (int i = 0; i < messages.length; i++) {
      uids[i] = folder.getUID(messages[i]);
    }
    return uids;
  }

  private boolean withinCap(MimeMessage message) {
    try {
      return message.getSize() <= properties.maxMessageBytes();
    } catch (MessagingException e) {
      return false;
    }
  }

  private void duplicate(String messageId, Message message, List<Message> done) {
    log.info("Reply {} was handled before: skipped", messageId);
    count("duplicate");
    done.add(message);
  }

  /** Reads one message: a reply is sent on (waited for with its batch), the rest quarantined. */
  private void read(
      String messageId,
      MimeMessage message,
      Instant now,
      List<ReplyPublisher.Sent> sent,
      List<Message> done)
      throws MessagingException, IOException {
    byte[] raw = raw(message);
    if (raw == null) {
      String reason = "message over " + properties.maxMessageBytes() + " bytes";
      quarantine(message, messageId, reason, now, null);
      message.setFlag(Flags.Flag.FLAGGED, true);
      done.add(message);
      return;
    }
    MimeMessage copy = new MimeMessage(PARSING, new ByteArrayInputStream(raw));
    switch (ReplyParser.read(copy, messageId, now)) {
      case ReplyReading.Reply reply -> {
        sent.add(publisher.send(reply.reply()));
        done.add(message);
      }
      case ReplyReading.Quarantine quarantine -> {
        quarantine(copy, messageId, quarantine.reason(), now, raw);
        message.setFlag(Flags.Flag.FLAGGED, true);
        done.add(message);
      }
    }
  }

  private void quarantine(
      MimeMessage message, String messageId, String reason, Instant now, byte[] raw)
      throws MessagingException {
    processed.quarantine(messageId, from(message), subject(message), reason, now, raw);
    log.warn("Message {} in the replies mailbox quarantined: {}", messageId, reason);
    count("quarantined");
  }

  private void count(String outcome) {
    Counter.builder(REPLIES)
        .description("Messages read from the replies mailbox, by outcome")
        .tag("outcome", outcome)
        .register(meters)
        .increment();
  }

  /** The message's bytes, or null when they exceed the cap (read no further than that). */
  private byte[] raw(MimeMessage message) throws MessagingException, IOException {
    int cap = properties.maxMessageBytes();
    if (message.getSize() > cap) {
      return null;
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try {
      message.writeTo(
          new OutputStream() {
            @Override
            public void write(int b) throws IOException {
              write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
              if (bytes.size() + len > cap) {
                throw new TooLarge();
              }
              bytes.write(b, off, len);
            }
          });
    } catch (TooLarge e) {
      return null;
    }
    return bytes.toByteArray();
  }

  private static final class TooLarge extends IOException {
    TooLarge() {
      super("over the cap", null);
    }
  }

  /** The Message-ID, one line and capped; the IMAP UID stands in when a message has none. */
  private static String messageId(IMAPFolder folder, MimeMessage message)
      throws MessagingException {
    String id = message.getMessageID();
    if (id != null && !id.isBlank()) {
      String line = ReplyParser.oneLine(id);
      return line.length() <= 500 ? line : line.substring(0, 500);
    }
    return "<no-message-id."
        + folder.getUIDValidity()
        + "."
        + ((UIDFolder) folder).getUID(message)
        + "@"
        + folder.getFullName()
        + ">";
  }

  private static String from(MimeMessage message) {
    try {
      return message.getFrom() != null
              && message.getFrom().length > 0
              && message.getFrom()[0] instanceof InternetAddress a
          ? a.getAddress()
          : null;
    } catch (MessagingException | RuntimeException e) {
      return null;
    }
  }

  private static String subject(MimeMessage message) {
    try {
      String subject = message.getSubject();
      return subject == null ? null : ReplyParser.oneLine(subject);
    } catch (MessagingException | RuntimeException e) {
      return null;
    }
  }

  private boolean pause(long millis) {
    try {
      Thread.sleep(millis);
      return running;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static void closeQuietly(Store store) {
    if (store != null) {
      try {
        store.close();
      } catch (MessagingException | RuntimeException e) {
        // Going away anyway.
      }
    }
  }
}
