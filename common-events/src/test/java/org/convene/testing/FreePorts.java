package org.convene.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Ports for test servers that are bound a while after they are chosen, or bound again after a
 * simulated outage. A port from {@code new ServerSocket(0)} lies in the range the operating system
 * gives the local end of outgoing connections (Linux from 32768, macOS and Windows from 49152): any
 * process's connection may take it before the server binds it, and the server then fails to start
 * (GreenMail reports that as a start-up timeout). These come from below that range.
 */
public final class FreePorts {

  private static final int LOWEST = 20_000;
  private static final int HIGHEST = 32_767;
  private static final int ATTEMPTS = 1_000;

  private FreePorts() {}

  /** A port nothing listens on now, that no outgoing connection will take in the meantime. */
  public static int any() {
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      int port = ThreadLocalRandom.current().nextInt(LOWEST, HIGHEST + 1);
      try (ServerSocket probe = new ServerSocket()) {
        probe.bind(new InetSocketAddress(port));
        return port;
      } catch (IOException taken) {
        // Someone listens there: try another.
      }
    }
    throw new IllegalStateException(
        "no free TCP port between %d and %d".formatted(LOWEST, HIGHEST));
  }
}
