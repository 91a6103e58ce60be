package org.convene.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** TCP port helpers: 0 stands for "any free port" throughout the local stack. */
final class TcpPorts {

  static final int ANY = 0;
  static final int MAX = 65_535;

  private TcpPorts() {}

  /** {@code port} itself, or a currently free port when it is {@link #ANY}. */
  static int resolve(int port) {
    return port == ANY ? free() : port;
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

  private static int free() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free TCP port", e);
    }
  }
}
