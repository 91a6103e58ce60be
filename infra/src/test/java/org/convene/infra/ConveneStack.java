package org.convene.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * The real scheduler and notifier jars as processes, on the embedded broker, database and mail
 * server, with answers on (the shared link key, the notifier reading the organiser mailbox over
 * IMAP), as the local stack runs them. Started once for the end-to-end test classes of a test JVM
 * and stopped at its end (or when a start fails half-way), so that no child JVM outlives the tests:
 * test classes take it as a parameter of their {@code @BeforeAll}, through {@link Shared}.
 */
final class ConveneStack implements AutoCloseable {

  // Two JVMs starting side by side on a busy two-core machine have taken more than 180 s.
  private static final Duration HEALTHY_WITHIN = Duration.ofSeconds(300);

  /**
   * Options of the services' JVMs, none by default (they start as the local stack starts them);
   * infra's build sets -Dconvene.e2e.service-jvm-options (space separated).
   */
  private static final List<String> JVM_OPTIONS =
      JvmOptions.fromProperty("convene.e2e.service-jvm-options");

  private final List<ServiceProcess> services = new ArrayList<>();
  private final List<String> notifierLog = new CopyOnWriteArrayList<>();
  private EmbeddedInfrastructure infrastructure;
  private ServiceProcess scheduler;
  private ServiceProcess notifier;
  private FileChannel directoryLock;

  private ConveneStack() {}

  /** Resolves a {@link ConveneStack} parameter to the run's one stack, starting it if need be. */
  static final class Shared implements ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE =
        ExtensionContext.Namespace.create(ConveneStack.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
      return parameter.getParameter().getType() == ConveneStack.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
      // The launcher session's store, not the root context's: with two forks, failsafe runs each
      // class as a launch of its own within one session per fork, and the root context's store
      // ended with each class, so every end-to-end class started and stopped a stack of its own.
      return context
          .getStore(ExtensionContext.StoreScope.LAUNCHER_SESSION, NAMESPACE)
          .computeIfAbsent(ConveneStack.class, key -> start(), ConveneStack.class);
    }
  }

  private static ConveneStack start() {
    ConveneStack stack = new ConveneStack();
    try {
      stack.startServices();
      return stack;
    } catch (RuntimeException | Error e) {
      stack.close();
      throw e;
    }
  }

  private void startServices() {
    Path schedulerJar = jar("convene.scheduler-jar");
    Path notifierJar = jar("convene.notifier-jar");
    infrastructure =
        EmbeddedInfrastructure.start(EmbeddedInfrastructure.Ports.anyFree(), workDirectory());
    int schedulerPort = TcpPorts.resolve(TcpPorts.ANY);
    List<String> answerLinks =
        LocalAnswers.linkArguments(URI.create("http://localhost:" + schedulerPort));
    List<String> schedulerArguments = new ArrayList<>(infrastructure.schedulerArguments());
    schedulerArguments.addAll(LocalAccounts.schedulerArguments());
    schedulerArguments.addAll(answerLinks);
    infrastructure.createMailbox(LocalAnswers.ORGANISER_MAILBOX);
    List<String> notifierArguments = new ArrayList<>(infrastructure.notifierArguments());
    notifierArguments.addAll(answerLinks);
    notifierArguments.addAll(
        LocalAnswers.mailboxReaderArguments(
            EmbeddedInfrastructure.MAIL_HOST, infrastructure.imapPort()));
    notifierArguments.addAll(
        LocalAccounts.notifierOutboxArguments(URI.create("http://localhost:" + schedulerPort)));
    scheduler = launch("scheduler", schedulerJar, schedulerPort, schedulerArguments, System.out);
    notifier =
        launch(
            "notifier",
            notifierJar,
            TcpPorts.resolve(TcpPorts.ANY),
            notifierArguments,
            recording(notifierLog));
    scheduler.awaitHealthy(HEALTHY_WITHIN);
    notifier.awaitHealthy(HEALTHY_WITHIN);
  }

  /**
   * A directory no other running stack uses, held by a file lock until this stack closes: failsafe
   * runs infra's classes in two JVMs and each may start a stack; on a shared directory one stack's
   * start ends the other's PostgreSQL as a leftover of an earlier run, and its stop ends the
   * other's again. Numbered from 1, so that a run reuses the directories (and unpacked PostgreSQL)
   * of the last.
   */
  private Path workDirectory() {
    for (int number = 1; ; number++) {
      Path directory = Path.of("target", "walking-skeleton-" + number);
      try {
        Files.createDirectories(directory);
        FileChannel channel =
            FileChannel.open(
                directory.resolve(".in-use"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        if (holdsLock(channel)) {
          directoryLock = channel;
          return directory;
        }
        channel.close();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot use " + directory, e);
      }
    }
  }

  private static boolean holdsLock(FileChannel channel) throws IOException {
    try {
      return channel.tryLock() != null;
    } catch (OverlappingFileLockException e) {
      // Held in this JVM already: by a stack that has not been closed.
      return false;
    }
  }

  EmbeddedInfrastructure infrastructure() {
    return infrastructure;
  }

  ServiceProcess scheduler() {
    return scheduler;
  }

  ServiceProcess notifier() {
    return notifier;
  }

  /** The notifier's output so far, line by line, as the test's own output also shows it. */
  List<String> notifierLog() {
    return List.copyOf(notifierLog);
  }

  private static PrintStream recording(List<String> lines) {
    return new PrintStream(System.out, true, StandardCharsets.UTF_8) {
      @Override
      public void println(String line) {
        lines.add(line);
        super.println(line);
      }
    };
  }

  @Override
  public synchronized void close() {
    services.forEach(ServiceProcess::close);
    services.clear();
    if (infrastructure != null) {
      infrastructure.close();
      infrastructure = null;
    }
    if (directoryLock != null) {
      try {
        directoryLock.close();
      } catch (IOException e) {
        // Released with the JVM at the latest.
      }
      directoryLock = null;
    }
  }

  private ServiceProcess launch(
      String name, Path jar, int port, List<String> arguments, PrintStream output) {
    // Shared by the test classes, these run until the last one ends: the processes the fault
    // drills start and stop record the classes for the AOT cache instead.
    ServiceProcess service =
        ServiceProcess.start(name, jar, port, JVM_OPTIONS, arguments, output, false);
    services.add(service);
    return service;
  }

  private static Path jar(String property) {
    String path = System.getProperty(property);
    assertThat(path).as("system property %s (set by failsafe)", property).isNotBlank();
    assertThat(Path.of(path))
        .as("build the services first: ./mvnw -DskipTests package")
        .isRegularFile();
    return Path.of(path);
  }
}
