package org.convene.infra;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class LocalStackTests {

  private final PrintStream out = new PrintStream(new ByteArrayOutputStream());

  @Test
  void aBusyPortIsReportedWithItsOptionBeforeAnythingStarts() throws Exception {
    try (ServerSocket taken = new ServerSocket(0)) {
      int port = taken.getLocalPort();
      LocalStack stack = new LocalStack(LocalStackOptions.parse("--postgres-port=" + port), out);

      assertThatThrownBy(stack::start)
          .isInstanceOf(InvalidOptionException.class)
          .hasMessage(
              "--postgres-port=%d: port %d is already in use; stop what uses it or choose another"
                  + " port (0 = any free port)",
              port, port);
    }
  }

  @Test
  void aMissingServiceJarIsReportedWithItsOptionAndHowToBuildIt() {
    Path missing = Path.of("target", "no-such-scheduler.jar").toAbsolutePath();
    LocalStack stack = new LocalStack(anyPorts("--scheduler-jar=" + missing), out);

    assertThatThrownBy(stack::start)
        .isInstanceOf(StartupException.class)
        .hasMessage(
            "--scheduler-jar: there is no jar at "
                + missing
                + "; build the services first with ./mvnw -DskipTests package (or give"
                + " --scheduler-jar=PATH)");
  }

  private static LocalStackOptions anyPorts(String... more) {
    Stream<String> ports =
        Stream.of(
                "--kafka-port",
                "--postgres-port",
                "--smtp-port",
                "--imap-port",
                "--scheduler-port",
                "--notifier-port")
            .map(option -> option + "=0");
    return LocalStackOptions.parse(Stream.concat(ports, Stream.of(more)).toArray(String[]::new));
  }
}
