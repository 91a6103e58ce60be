package org.convene.infra.faults;

import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.convene.infra.TcpPorts;

/**
 * An SMTP server on a real loopback socket that keeps, for every message it accepts, what a
 * calendar client would act on: the envelope recipient and the iCalendar UID, SEQUENCE and METHOD
 * of its {@code text/calendar} part (and the Message-ID). It counts the connections it had and has
 * open, and can go through an outage: it stops listening (connections are refused) and answers 421
 * to the next command of every open session, then listens again on the same port.
 *
 * <p>A message counts as received once its data is complete, before the {@code 250} that tells the
 * client so: a client that dies in between has a message out that it does not know about, as with
 * any real relay.
 */
final class CountingSmtpServer implements AutoCloseable {

  /** One message as one recipient received it. */
  record Received(
      String recipient,
      String uid,
      int sequence,
      String method,
      String messageId,
      int connection,
      Instant at) {}

  private static final Pattern UID = Pattern.compile("(?m)^UID:(.+?)\\r?$");
  private static final Pattern SEQUENCE = Pattern.compile("(?m)^SEQUENCE:(\\d+)\\r?$");
  private static final Pattern METHOD = Pattern.compile("(?m)^METHOD:(.+?)\\r?$");
  private static final Pattern FOLD = Pattern.compile("\\r?\\n[ \\t]");

  private final InetAddress address = InetAddress.getLoopbackAddress();
  private final int port;
  private final Session mailSession = Session.getInstance(new Properties());
  private final ExecutorService sessions = Executors.newVirtualThreadPerTaskExecutor();
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private final AtomicInteger connections = new AtomicInteger();
  private final AtomicInteger accepted = new AtomicInteger();
  private final AtomicInteger transactions = new AtomicInteger();
  private final ConcurrentLinkedQueue<Received> received = new ConcurrentLinkedQueue<>();
  private volatile ServerSocket listener;
  private volatile boolean refusing;

  private CountingSmtpServer(int port) {
    this.port = port;
  }

  /** Listens on a free loopback port. */
  static CountingSmtpServer start() {
    CountingSmtpServer server = new CountingSmtpServer(TcpPorts.free());
    server.listen();
    return server;
  }

  String host() {
    return address.getHostAddress();
  }

  int port() {
    return port;
  }

  /** Messages accepted so far, one per recipient. */
  int acceptedCount() {
    return accepted.get();
  }

  /**
   * Mail transactions begun (MAIL) and not yet ended by their data's end, a RSET or the connection
   * closing: messages on their way.
   */
  int transactionsInProgress() {
    return transactions.get();
  }

  /** Connections accepted since the start. */
  int connectionsSoFar() {
    return connections.get();
  }

  /** Connections open now. */
  int openConnections() {
    return open.size();
  }

  /** Everything received so far, in arrival order. */
  List<Received> received() {
    return new ArrayList<>(received);
  }

  /**
   * Starts an outage: no new connection is accepted (the port is closed, so connecting is refused)
   * and every open session gets {@code 421} to its next command, then is closed. A message whose
   * data is being received when the outage starts is still taken.
   */
  synchronized void refuse() {
    refusing = true;
    closeListener();
  }

  /** Ends an outage: listens on the same port again. */
  synchronized void resume() {
    refusing = false;
    listen();
  }

  boolean refusing() {
    return refusing;
  }

  @Override
  public synchronized void close() {
    refusing = true;
    closeListener();
    open.forEach(CountingSmtpServer::closeQuietly);
    sessions.shutdownNow();
  }

  private void listen() {
    ServerSocket socket;
    try {
      socket = new ServerSocket();
      // The port is taken again after an outage, while the old sessions' sockets linger.
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(address, port), 200);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot listen on " + address + ":" + port, e);
    }
    listener = socket;
    Thread acceptor = new Thread(() -> acceptLoop(socket), "counting-smtp-accept");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  private void closeListener() {
    ServerSocket socket = listener;
    if (socket != null) {
      closeQuietly(socket);
      listener = null;
    }
  }

  private void acceptLoop(ServerSocket socket) {
    while (!socket.isClosed()) {
      try {
        Socket client = socket.accept();
        int number = connections.incrementAndGet();
        open.add(client);
        sessions.execute(() -> session(client, number));
      } catch (IOException e) {
        return;
      }
    }
  }

  private void session(Socket socket, int connection) {
    try (socket;
        BufferedReader in =
            new BufferedReader(
                new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
        OutputStream out = socket.getOutputStream()) {
      if (refusing) {
        reply(out, "421 4.3.2 counting: service not available, closing");
        return;
      }
      reply(out, "220 counting ESMTP");
      serve(in, out, connection);
    } catch (IOException e) {
      // The client went away, or the outage closed the socket.
    } finally {
      open.remove(socket);
    }
  }

  /** Answers one client's commands until it quits or goes away. */
  private void serve(BufferedReader in, OutputStream out, int connection) throws IOException {
    List<String> recipients = new ArrayList<>();
    boolean inTransaction = false;
    try {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        if (refusing) {
          reply(out, "421 4.3.2 counting: service not available, closing");
          return;
        }
        String command = line.length() >= 4 ? line.substring(0, 4).toUpperCase(Locale.ROOT) : "";
        switch (command) {
          case "EHLO", "HELO" -> reply(out, "250 counting");
          case "MAIL", "RSET" -> {
            recipients.clear();
            boolean begins = command.equals("MAIL");
            if (begins != inTransaction) {
              transactions.addAndGet(begins ? 1 : -1);
              inTransaction = begins;
            }
            reply(out, "250 2.0.0 ok");
          }
          case "RCPT" -> {
            recipients.add(line.substring(line.indexOf('<') + 1, line.lastIndexOf('>')));
            reply(out, "250 2.1.5 ok");
          }
          case "DATA" -> {
            reply(out, "354 end data with <CR><LF>.<CR><LF>");
            String data = readData(in);
            if (data == null) {
              return;
            }
            record(recipients, data, connection);
            if (inTransaction) {
              transactions.decrementAndGet();
              inTransaction = false;
            }
            reply(out, "250 2.0.0 queued");
          }
          case "NOOP" -> reply(out, "250 2.0.0 ok");
          case "QUIT" -> {
            reply(out, "221 2.0.0 bye");
            return;
          }
          default -> reply(out, "502 5.5.2 not implemented");
        }
      }
    } finally {
      if (inTransaction) {
        transactions.decrementAndGet();
      }
    }
  }

  /** The message up to the lone dot, dot-stuffing undone; {@code null} if the client went away. */
  private static String readData(BufferedReader in) throws IOException {
    StringBuilder data = new StringBuilder();
    for (String line = in.readLine(); line != null; line = in.readLine()) {
      if (line.equals(".")) {
        return data.toString();
      }
      data.append(line.startsWith(".") ? line.substring(1) : line).append("\r\n");
    }
    return null;
  }

  private void record(List<String> recipients, String data, int connection) {
    Calendar calendar = Calendar.NONE;
    String messageId = null;
    try {
      MimeMessage message =
          new MimeMessage(
              mailSession, new ByteArrayInputStream(data.getBytes(StandardCharsets.ISO_8859_1)));
      messageId = message.getMessageID();
      calendar = calendarPart(message).map(Calendar::of).orElse(Calendar.NONE);
    } catch (MessagingException | IOException e) {
      // Kept without a calendar: it shows up as unexpected in the tally.
    }
    Instant now = Instant.now();
    for (String recipient : recipients) {
      received.add(
          new Received(
              recipient.toLowerCase(Locale.ROOT),
              calendar.uid(),
              calendar.sequence(),
              calendar.method(),
              messageId,
              connection,
              now));
      accepted.incrementAndGet();
    }
  }

  private record Calendar(String uid, int sequence, String method) {

    static final Calendar NONE = new Calendar(null, -1, null);

    static Calendar of(String text) {
      String unfolded = FOLD.matcher(text).replaceAll("");
      int event = unfolded.indexOf("BEGIN:VEVENT");
      String vevent = event < 0 ? unfolded : unfolded.substring(event);
      return new Calendar(
          first(UID, vevent),
          Optional.ofNullable(first(SEQUENCE, vevent)).map(Integer::parseInt).orElse(0),
          first(METHOD, unfolded));
    }

    private static String first(Pattern pattern, String text) {
      Matcher matcher = pattern.matcher(text);
      return matcher.find() ? matcher.group(1).strip() : null;
    }
  }

  private static Optional<String> calendarPart(Part part) throws MessagingException, IOException {
    if (part.isMimeType("text/calendar")) {
      // Read as bytes: there is no content handler for text/calendar, so getContent() would not
      // give a string.
      try (var in = part.getInputStream()) {
        return Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      }
    }
    if (part.isMimeType("multipart/*")) {
      Multipart multipart = (Multipart) part.getContent();
      for (int i = 0; i < multipart.getCount(); i++) {
        Optional<String> found = calendarPart(multipart.getBodyPart(i));
        if (found.isPresent()) {
          return found;
        }
      }
    }
    return Optional.empty();
  }

  private static void reply(OutputStream out, String line) throws IOException {
    out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
    out.flush();
  }

  private static void closeQuietly(AutoCloseable closeable) {
    try {
      closeable.close();
    } catch (Exception e) {
      // Closing is all that is wanted.
    }
  }
}
