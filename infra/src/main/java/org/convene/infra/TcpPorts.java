package org.convene.infra;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.concurrent.ThreadLocalRandom;

/** TCP port helpers: 0 stands for "any free port" throughout the local stack. */
public final class TcpPorts {

  static final int ANY = 0;
  static final int MAX = 65_535;

  /**
   * Free ports are chosen below the range the operating system gives the local end of outgoing
   * connections (Linux from 32768, macOS and Windows from 49152), and above the ports services
   * usually listen on. A port chosen inside that range, as {@code new ServerSocket(0)} chooses it,
   * was free when it was looked up but could become the local end of any process's connection
   * before the server meant for it bound it, and that server then failed to start.
   */
  private static final int LOWEST_CHOSEN = 20_000;

  private static final int HIGHEST_CHOSEN = 32_767;

  private static final int ATTEMPTS = 1_000;

  private TcpPorts() {}

  /** {@code port} itself, or a currently free port when it is {@link #ANY}. */
  static int resolve(int port) {
    return port == ANY ? free() : port;
  }

  /**
   * A port that nothing listens on now and that no outgoing connection will take, for a server that
   * is to bind it a moment later, or that must bind the same port again after a restart.
   */
  public static int free() {
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      int port = ThreadLocalRandom.current().nextInt(LOWEST_CHOSEN, HIGHEST_CHOSEN + 1);
      if (isFree(port)) {
        return port;
      }
    }
    throw new IllegalStateException(
        "no free TCP port between %d and %d".formatted(LOWEST_CHOSEN, HIGHEST_CHOSEN));
  }

  /** Whether nothing listens on {@code port} on any local address right now. */
  static boolean isFree(int port) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.bind(new InetSocketAddress(port));
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
