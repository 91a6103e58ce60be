package org.convene.notifier.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A minimal SMTP server on a real socket that answers RCPT TO as the test scripts it, to see how
 * the client treats replies GreenMail never gives: 5xx and 4xx for one address.
 */
public final class ScriptedSmtpServer implements AutoCloseable {

  private final ServerSocket server;
  private final ExecutorService threads = Executors.newCachedThreadPool();
  private final Function<String, String> rcptReply;
  private final AtomicInteger connections = new AtomicInteger();
  private final List<String> accepted = new CopyOnWriteArrayList<>();
  private volatile Predicate<String> dropAfterEnd = recipient -> false;

  /** The reply to RCPT TO that makes the server close the session instead of replying. */
  public static final String DROP = "DROP";

  /**
   * @param rcptReply the reply to {@code RCPT TO:<address>}, given the address
   */
  public ScriptedSmtpServer(Function<String, String> rcptReply) {
    this.rcptReply = rcptReply;
    try {
      server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    threads.execute(this::acceptLoop);
  }

  /**
   * Makes the server take the messages to these recipients (they count as accepted) and then close
   * the session without replying to the end of the message, as a server does that fails just then.
   */
  public ScriptedSmtpServer dropAfterTheEndOf(Predicate<String> recipients) {
    this.dropAfterEnd = recipients;
    return this;
  }

  public int port() {
    return server.getLocalPort();
  }

  public int connections() {
    return connections.get();
  }

  /** The recipients of the messages accepted, in order. */
  public List<String> accepted() {
    return List.copyOf(accepted);
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket socket = server.accept();
        connections.incrementAndGet();
        threads.execute(() -> session(socket));
      } catch (IOException e) {
        return;
      }
    }
  }

  private void session(Socket socket) {
    try (socket;
        BufferedReader in =
            new BufferedReader(
                new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        OutputStream out = socket.getOutputStream()) {
      reply(out, "220 scripted ESMTP");
      String recipient = null;
      String line;
      while ((line = in.readLine()) != null) {
        String command =
            line.length() >= 4 ? line.substring(0, 4).toUpperCase() : line.toUpperCase();
        switch (command) {
          case "EHLO", "HELO" -> reply(out, "250 scripted");
          case "MAIL" -> {
            recipient = null;
            reply(out, "250 2.1.0 ok");
          }
          case "RCPT" -> {
            String address = line.substring(line.indexOf('<') + 1, line.indexOf('>'));
            String answer = rcptReply.apply(address);
            if (answer.equals(DROP)) {
              return;
            }
            if (answer.startsWith("250")) {
              recipient = address;
            }
            reply(out, answer);
          }
          case "DATA" -> {
            reply(out, "354 go ahead");
            while ((line = in.readLine()) != null && !line.equals(".")) {
              // The message itself does not matter here.
            }
            accepted.add(recipient);
            if (dropAfterEnd.test(recipient)) {
              return;
            }
            reply(out, "250 2.0.0 queued");
          }
          case "RSET" -> {
            recipient = null;
            reply(out, "250 2.0.0 ok");
          }
          case "NOOP" -> reply(out, "250 2.0.0 ok");
          case "QUIT" -> {
            reply(out, "221 2.0.0 bye");
            return;
          }
          default -> reply(out, "502 5.5.2 not implemented");
        }
      }
    } catch (IOException e) {
      // The client went away.
    }
  }

  private static void reply(OutputStream out, String line) throws IOException {
    out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
    out.flush();
  }

  @Override
  public void close() throws IOException {
    server.close();
    threads.shutdownNow();
  }
}
