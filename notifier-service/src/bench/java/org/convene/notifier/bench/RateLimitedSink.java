package org.convene.notifier.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * An SMTP relay on 127.0.0.1 that takes at most {@code limit} messages in any second (a sliding
 * window over the messages it accepted) and answers {@code 421 4.7.0 Too many messages} to the one
 * that would exceed it, closing the connection, as a provider's relay does. It keeps, for every
 * message it accepted or turned down, when, for whom, and whether it was a calendar CANCEL.
 */
final class RateLimitedSink implements AutoCloseable {

  /**
   * One message the sink answered: its calendar METHOD ({@code REQUEST}, {@code CANCEL}), or {@code
   * NONE} for a message without a calendar (a reminder).
   */
  record Received(long nanos, String recipient, String method, boolean accepted) {

    boolean cancel() {
      return method.equals("CANCEL");
    }
  }

  private final ServerSocket server;
  private final ExecutorService threads = Executors.newCachedThreadPool();
  private final int limit;
  private final Deque<Long> acceptedWithinSecond = new ArrayDeque<>();
  private final List<Received> received = new ArrayList<>();

  RateLimitedSink(int limit) {
    this.limit = limit;
    try {
      server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    threads.execute(this::acceptLoop);
  }

  int port() {
    return server.getLocalPort();
  }

  /** What the sink answered so far, in order. */
  synchronized List<Received> received() {
    return List.copyOf(received);
  }

  synchronized void clear() {
    received.clear();
  }

  /** Whether one more message fits the last second; if so it is counted. */
  private synchronized boolean admit(long now, String recipient, String method) {
    while (!acceptedWithinSecond.isEmpty() && now - acceptedWithinSecond.peekFirst() >= 1e9) {
      acceptedWithinSecond.pollFirst();
    }
    boolean admitted = acceptedWithinSecond.size() < limit;
    if (admitted) {
      acceptedWithinSecond.addLast(now);
    }
    received.add(new Received(now, recipient, method, admitted));
    return admitted;
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket socket = server.accept();
        socket.setTcpNoDelay(true);
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
      reply(out, "220 rate-limited sink ESMTP");
      String recipient = null;
      String line;
      while ((line = in.readLine()) != null) {
        String command = line.length() >= 4 ? line.substring(0, 4).toUpperCase() : line;
        switch (command) {
          case "EHLO", "HELO" -> reply(out, "250-sink\r\n250-8BITMIME\r\n250 PIPELINING");
          case "MAIL" -> {
            recipient = null;
            reply(out, "250 2.1.0 ok");
          }
          case "RCPT" -> {
            recipient = line.replaceFirst("(?i)^RCPT TO:\\s*<?([^>]*)>?.*$", "$1");
            reply(out, "250 2.1.5 ok");
          }
          case "DATA" -> {
            reply(out, "354 go ahead");
            String method = "NONE";
            String data;
            while ((data = in.readLine()) != null && !data.equals(".")) {
              // The calendar part is base64: its Content-Type header says what it is.
              if (method.equals("NONE")) {
                String lower = data.toLowerCase(java.util.Locale.ROOT);
                if (lower.contains("method=cancel")) {
                  method = "CANCEL";
                } else if (lower.contains("method=request")) {
                  method = "REQUEST";
                }
              }
            }
            if (admit(System.nanoTime(), recipient, method)) {
              reply(out, "250 2.0.0 queued");
            } else {
              reply(out, "421 4.7.0 Too many messages, slow down");
              return;
            }
          }
          case "RSET", "NOOP" -> reply(out, "250 ok");
          case "QUIT" -> {
            reply(out, "221 bye");
            return;
          }
          default -> reply(out, "502 5.5.2 not implemented");
        }
      }
    } catch (IOException e) {
      // The client went away.
    }
  }

  private static void reply(OutputStream out, String text) throws IOException {
    out.write((text + "\r\n").getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  @Override
  public void close() throws IOException {
    server.close();
    threads.shutdownNow();
  }
}
