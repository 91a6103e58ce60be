package org.convene.notifier.testing;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A pass-through between an IMAP client and a real IMAP server that can make the server misbehave
 * as some servers do: leave arrivals unannounced (no {@code * n EXISTS} to a connection that has
 * the folder selected, except in the answer to SELECT itself), or hide a capability such as MOVE.
 * When the server closes a connection, the client's is closed too, so a restarted server behind it
 * looks like a restart to the client.
 */
public final class ImapProxy implements AutoCloseable {

  private static final Pattern EXISTS = Pattern.compile("\\* \\d+ EXISTS\\r?\\n");
  private static final Pattern LITERAL = Pattern.compile("\\{(\\d+)\\+?}\\r?\\n$");

  private final String host;
  private final int port;
  private final ServerSocket listening;
  private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
  private final Set<String> hidden = ConcurrentHashMap.newKeySet();
  private volatile boolean announceArrivals = true;
  private volatile boolean refusing;

  /** Listens on a free loopback port and forwards each connection to the server at host:port. */
  public ImapProxy(String host, int port) {
    this.host = host;
    this.port = port;
    try {
      listening = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Thread.ofVirtual().name("imap-proxy-accept").start(this::accept);
  }

  public int port() {
    return listening.getLocalPort();
  }

  /**
   * Whether arrivals are announced to connections that have a folder selected (at first they are).
   */
  public void announceArrivals(boolean announce) {
    announceArrivals = announce;
  }

  /**
   * Whether the server looks down: open connections are closed, new ones closed as soon as
   * accepted.
   */
  public void refuseConnections(boolean refuse) {
    refusing = refuse;
    if (refuse) {
      sockets.forEach(ImapProxy::closeQuietly);
    }
  }

  /** Leaves the capability out of what the server says it has, for connections opened from now. */
  public void hideCapability(String capability) {
    hidden.add(capability.toUpperCase(Locale.ROOT));
  }

  @Override
  public void close() throws IOException {
    listening.close();
    sockets.forEach(ImapProxy::closeQuietly);
  }

  private void accept() {
    while (!listening.isClosed()) {
      Socket client;
      try {
        client = listening.accept();
      } catch (IOException e) {
        return;
      }
      if (refusing) {
        closeQuietly(client);
        continue;
      }
      Socket server;
      try {
        server = new Socket(host, port);
      } catch (IOException e) {
        closeQuietly(client);
        continue;
      }
      sockets.add(client);
      sockets.add(server);
      Connection connection = new Connection(client, server);
      Thread.ofVirtual().start(connection::fromClient);
      Thread.ofVirtual().start(connection::fromServer);
    }
  }

  /** One client's connection: the command it sent last decides whether an EXISTS is an answer. */
  private final class Connection {
    private final Socket client;
    private final Socket server;
    private volatile String lastCommand = "";

    Connection(Socket client, Socket server) {
      this.client = client;
      this.server = server;
    }

    void fromClient() {
      pump(
          client,
          server,
          line -> {
            lastCommand = command(new String(line, StandardCharsets.ISO_8859_1));
            return line;
          });
    }

    void fromServer() {
      pump(
          server,
          client,
          line -> {
            String text = new String(line, StandardCharsets.ISO_8859_1);
            if (!announceArrivals
                && EXISTS.matcher(text).matches()
                && !lastCommand.equals("SELECT")
                && !lastCommand.equals("EXAMINE")) {
              return null;
            }
            if (!hidden.isEmpty() && text.toUpperCase(Locale.ROOT).contains("CAPABILITY")) {
              return withoutHidden(text).getBytes(StandardCharsets.ISO_8859_1);
            }
            return line;
          });
    }

    /**
     * Copies line by line (a literal's bytes as they are), each line as the filter returns it, or
     * not at all when it returns null; closes both sides when either goes away.
     */
    private void pump(Socket from, Socket to, UnaryOperator<byte[]> filter) {
      try (InputStream in = new BufferedInputStream(from.getInputStream())) {
        OutputStream out = to.getOutputStream();
        byte[] line;
        while ((line = readLine(in)) != null) {
          byte[] passed = filter.apply(line);
          if (passed == null) {
            continue;
          }
          out.write(passed);
          copyLiteral(passed, in, out);
          out.flush();
        }
      } catch (IOException e) {
        // Either side went away.
      } finally {
        closeBoth();
      }
    }

    private void closeBoth() {
      closeQuietly(client);
      closeQuietly(server);
      sockets.remove(client);
      sockets.remove(server);
    }
  }

  private String withoutHidden(String line) {
    String result = line;
    for (String capability : hidden) {
      result = result.replaceAll("(?i) " + Pattern.quote(capability) + "(?=[ \\]\\r\\n])", "");
    }
    return result;
  }

  /** The command of a client's line: {@code A3 UID MOVE …} is UID, {@code DONE} ends an IDLE. */
  private static String command(String line) {
    String[] words = line.trim().split(" ", 3);
    if (words.length < 2) {
      return words[0].toUpperCase(Locale.ROOT);
    }
    return words[1].toUpperCase(Locale.ROOT);
  }

  /** A line ending in {@code {n}} is followed by n bytes of any content, copied as they are. */
  private static void copyLiteral(byte[] line, InputStream in, OutputStream out)
      throws IOException {
    Matcher literal = LITERAL.matcher(new String(line, StandardCharsets.ISO_8859_1));
    if (literal.find()) {
      long left = Long.parseLong(literal.group(1));
      byte[] buffer = new byte[8192];
      while (left > 0) {
        int read = in.read(buffer, 0, (int) Math.min(buffer.length, left));
        if (read < 0) {
          throw new IOException("closed within a literal");
        }
        out.write(buffer, 0, read);
        left -= read;
      }
    }
  }

  /** The next line with its CRLF, or null at the end of the stream. */
  private static byte[] readLine(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) >= 0) {
      line.write(b);
      if (b == '\n') {
        return line.toByteArray();
      }
    }
    return line.size() == 0 ? null : line.toByteArray();
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException e) {
      // Closing anyway.
    }
  }
}
