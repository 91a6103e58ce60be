package org.convene.infra.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * An SMTP server on 127.0.0.1 that accepts everything and notes, for every recipient of every
 * message, the wall-clock moment it answered {@code 250} to the end of the data. It reads no MIME:
 * the light sink a latency figure needs, where a parsing one (GreenMail takes about 1 ms of CPU per
 * message) would compete with the services for the same cores. Each reply goes out in one write, on
 * a socket without Nagle's delay, so that the sink adds no stall of its own.
 */
final class TimingSmtpSink implements AutoCloseable {

  /** One recipient's copy of a message: when its 250 was written, in microseconds since 1970. */
  record Accepted(String recipient, long atMicros) {}

  private final ServerSocket server;
  private final ExecutorService sessions = Executors.newVirtualThreadPerTaskExecutor();
  private final ConcurrentLinkedQueue<Accepted> accepted = new ConcurrentLinkedQueue<>();

  TimingSmtpSink() {
    try {
      server = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the SMTP sink", e);
    }
    Thread.ofPlatform().name("timing-sink-accept").daemon().start(this::acceptLoop);
  }

  int port() {
    return server.getLocalPort();
  }

  /** Everything accepted so far, in the order of the 250s. */
  List<Accepted> accepted() {
    return new ArrayList<>(accepted);
  }

  int acceptedCount() {
    return accepted.size();
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket socket = server.accept();
        socket.setTcpNoDelay(true);
        sessions.execute(() -> session(socket));
      } catch (IOException e) {
        // Closed: the sink is shutting down.
      }
    }
  }

  private void session(Socket socket) {
    try (socket;
        BufferedReader in =
            new BufferedReader(
                new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1),
                64 * 1024)) {
      OutputStream out = socket.getOutputStream();
      reply(out, "220 sink ESMTP\r\n");
      List<String> recipients = new ArrayList<>();
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        String command = line.length() >= 4 ? line.substring(0, 4).toUpperCase(Locale.ROOT) : "";
        switch (command) {
          case "EHLO" -> reply(out, "250-sink\r\n250-8BITMIME\r\n250 SIZE 52428800\r\n");
          case "HELO", "NOOP" -> reply(out, "250 OK\r\n");
          case "MAIL" -> {
            recipients.clear();
            reply(out, "250 OK\r\n");
          }
          case "RCPT" -> {
            recipients.add(address(line));
            reply(out, "250 OK\r\n");
          }
          case "DATA" -> {
            reply(out, "354 End data with <CR><LF>.<CR><LF>\r\n");
            for (String data = in.readLine();
                data != null && !data.equals(".");
                data = in.readLine()) {
              // Discarded: only the moment of the end counts.
            }
            long micros = nowMicros();
            recipients.forEach(recipient -> accepted.add(new Accepted(recipient, micros)));
            recipients.clear();
            reply(out, "250 OK\r\n");
          }
          case "RSET" -> {
            recipients.clear();
            reply(out, "250 OK\r\n");
          }
          case "QUIT" -> {
            reply(out, "221 Bye\r\n");
            return;
          }
          default -> reply(out, "502 Not implemented\r\n");
        }
      }
    } catch (IOException e) {
      // The client went away; what it had sent is counted already.
    }
  }

  private static String address(String rcptLine) {
    int open = rcptLine.indexOf('<');
    int close = rcptLine.indexOf('>', open + 1);
    String address =
        open >= 0 && close > open ? rcptLine.substring(open + 1, close) : rcptLine.substring(8);
    return address.strip().toLowerCase(Locale.ROOT);
  }

  private static long nowMicros() {
    java.time.Instant now = java.time.Instant.now();
    return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
  }

  private static void reply(OutputStream out, String text) throws IOException {
    out.write(text.getBytes(StandardCharsets.US_ASCII));
    out.flush();
  }

  @Override
  public void close() {
    try {
      server.close();
    } catch (IOException e) {
      // Nothing left to do.
    }
    sessions.shutdownNow();
  }
}
