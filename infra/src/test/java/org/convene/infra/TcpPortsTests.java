package org.convene.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

class TcpPortsTests {

  /** Linux gives outgoing connections' local ends ports from 32768 on, macOS and Windows 49152. */
  private static final int FIRST_EPHEMERAL_PORT = 32_768;

  @Test
  void aFreePortLiesBelowTheRangeOfOutgoingConnectionsAndCanBeBound() throws Exception {
    for (int i = 0; i < 20; i++) {
      int port = TcpPorts.free();

      assertThat(port).isBetween(1_024, FIRST_EPHEMERAL_PORT - 1);
      try (ServerSocket server = new ServerSocket()) {
        server.bind(new InetSocketAddress(port));
        assertThat(server.getLocalPort()).isEqualTo(port);
      }
    }
  }

  @Test
  void aPortSomebodyListensOnIsNotFreeAndAnyStandsForAFreeOne() throws Exception {
    try (ServerSocket taken = new ServerSocket(TcpPorts.free())) {
      assertThat(TcpPorts.isFree(taken.getLocalPort())).isFalse();
      assertThat(TcpPorts.resolve(taken.getLocalPort())).isEqualTo(taken.getLocalPort());
      assertThat(TcpPorts.resolve(TcpPorts.ANY)).isNotEqualTo(taken.getLocalPort()).isPositive();
    }
  }
}
