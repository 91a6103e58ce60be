package org.convene.infra;

import java.io.File;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Runs the whole of Convene on one machine with nothing but a JDK: {@code java -jar
 * infra/target/convene-local.jar [--help]}. Starts the {@link EmbeddedInfrastructure}, launches the
 * scheduler and notifier jars as {@link ServiceProcess child processes} wired to it, waits until
 * both are healthy, loads the {@link DemoData} and prints where everything is. Ctrl-C (or the exit
 * of either service) stops it all.
 */
public final class LocalStack implements AutoCloseable {

  /** Files of the running stack, relative to the working directory. */
  static final Path WORK_DIRECTORY = Path.of("target", "convene-local");

  private static final Duration HEALTH_TIMEOUT = Duration.ofSeconds(120);

  /**
   * The client compiler only, as Spring Boot's own {@code run} goal starts an application for
   * development: a start compiles thousands of methods once, which the optimising compiler would
   * spend the two cores on while they are needed for the start itself; a developer's stack is never
   * under a load where the peak speed it gives up would show.
   */
  private static final List<String> SERVICE_JVM_OPTIONS = List.of("-XX:TieredStopAtLevel=1");

  private static final String PREFIX = "[convene-local] ";

  private final LocalStackOptions options;
  private final PrintStream out;
  private final List<ServiceProcess> services = new ArrayList<>();
  private EmbeddedInfrastructure infrastructure;
  private volatile boolean closing;

  LocalStack(LocalStackOptions options, PrintStream out) {
    this.options = options;
    this.out = out;
  }

  public static void main(String[] args) {
    if (LocalStackOptions.wantsHelp(args)) {
      System.out.print(LocalStackOptions.usage());
      return;
    }
    LocalStack stack = null;
    try {
      stack = new LocalStack(LocalStackOptions.parse(args), System.out);
      Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "convene-local-shutdown"));
      stack.start();
    } catch (RuntimeException e) {
      if (stack == null || !stack.closing) {
        System.exit(reportStartFailure(e));
      }
      return; // Ctrl-C during start: the shutdown hook is already tidying up.
    }
    stack.awaitUnexpectedExit().ifPresent(code -> System.exit(code));
  }

  // One line for the failures we expect (bad option, busy port, missing jar, a service that will
  // not come up); anything else is a bug and gets its stack trace too.
  private static int reportStartFailure(RuntimeException e) {
    switch (e) {
      case InvalidOptionException invalid -> {
        System.err.println("convene-local: " + invalid.getMessage());
        return 2;
      }
      case StartupException failed -> {
        System.err.println("convene-local: " + failed.getMessage());
        return 1;
      }
      default -> {
        System.err.println("convene-local: could not start: " + causes(e));
        e.printStackTrace();
        return 1;
      }
    }
  }

  /** Starts everything and prints the banner. */
  void start() {
    Instant jvmStart = ProcessHandle.current().info().startInstant().orElseGet(Instant::now);
    EmbeddedInfrastructure.stopLeftoversOfAnEarlierRun(WORK_DIRECTORY);
    requireFreePorts();
    Path schedulerJar = locate(LocalStackOptions.SCHEDULER_JAR, options.schedulerJar());
    Path notifierJar = locate(LocalStackOptions.NOTIFIER_JAR, options.notifierJar());

    say("Starting PostgreSQL, Kafka and GreenMail in " + WORK_DIRECTORY.toAbsolutePath());
    long t0 = System.nanoTime();
    infrastructure = EmbeddedInfrastructure.start(options.infrastructurePorts(), WORK_DIRECTORY);
    say("Infrastructure up in " + seconds(t0));

    long t1 = System.nanoTime();
    // Resolved before either service starts: the notifier's answer links and its health page
    // need the scheduler's real port, also when any free port was asked for.
    int schedulerPort = TcpPorts.resolve(options.schedulerPort());
    URI schedulerUri = URI.create("http://localhost:" + schedulerPort);
    List<String> answerLinks = LocalAnswers.linkArguments(schedulerUri);
    List<String> schedulerArguments = new ArrayList<>(infrastructure.schedulerArguments());
    schedulerArguments.addAll(LocalAccounts.schedulerArguments());
    schedulerArguments.addAll(answerLinks);
    infrastructure.createMailbox(LocalAnswers.ORGANISER_MAILBOX);
    List<String> notifierArguments = new ArrayList<>(infrastructure.notifierArguments());
    notifierArguments.addAll(answerLinks);
    notifierArguments.addAll(
        LocalAnswers.mailboxReaderArguments(
            EmbeddedInfrastructure.MAIL_HOST, infrastructure.imapPort()));
    notifierArguments.addAll(LocalAccounts.notifierOutboxArguments(schedulerUri));
    ServiceProcess scheduler = launch("scheduler", schedulerJar, schedulerPort, schedulerArguments);
    ServiceProcess notifier =
        launch("notifier", notifierJar, options.notifierPort(), notifierArguments);
    say(
        "Waiting for the scheduler (pid %d) and the notifier (pid %d) to be healthy"
            .formatted(scheduler.pid(), notifier.pid()));
    scheduler.awaitHealthy(HEALTH_TIMEOUT);
    say("Scheduler healthy in " + seconds(t1));
    // The demo meetings need only the scheduler: they are loaded while the notifier still starts,
    // which reads their events from the topic once it is up.
    CompletableFuture<Integer> demo =
        options.loadDemo()
            ? CompletableFuture.supplyAsync(
                () ->
                    DemoData.load(
                        scheduler.baseUri().resolve("/api/meetings"),
                        Clock.systemDefaultZone(),
                        this::say),
                runnable -> Thread.ofPlatform().name("demo-data").start(runnable))
            : CompletableFuture.completedFuture(0);
    notifier.awaitHealthy(HEALTH_TIMEOUT);
    say("Services healthy in " + seconds(t1));
    int demoMeetings;
    try {
      demoMeetings = demo.join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException failure ? failure : e;
    }
    printBanner(scheduler, notifier, demoMeetings, Duration.between(jvmStart, Instant.now()));
  }

  /**
   * Blocks until a service exits. Returns the exit code for the whole stack if that was unexpected,
   * nothing if the stack is shutting down anyway.
   */
  Optional<Integer> awaitUnexpectedExit() {
    List<ServiceProcess> running = snapshotOfServices();
    CompletableFuture.anyOf(
            running.stream().map(ServiceProcess::onExit).toArray(CompletableFuture[]::new))
        .join();
    if (closing) {
      return Optional.empty();
    }
    running.stream()
        .filter(service -> service.onExit().isDone())
        .forEach(
            service ->
                System.err.println(
                    "convene-local: " + service.name() + " exited; stopping everything"));
    return Optional.of(1);
  }

  /** Stops the services (in parallel, gracefully), then the infrastructure. */
  @Override
  public synchronized void close() {
    if (closing) {
      return;
    }
    closing = true;
    if (infrastructure == null) {
      return;
    }
    say("Stopping");
    CompletableFuture.allOf(
            services.stream()
                .map(service -> CompletableFuture.runAsync(service::close))
                .toArray(CompletableFuture[]::new))
        .join();
    infrastructure.close();
    say("Stopped");
  }

  private synchronized List<ServiceProcess> snapshotOfServices() {
    return List.copyOf(services);
  }

  private synchronized ServiceProcess launch(
      String name, Path jar, int requestedPort, List<String> arguments) {
    if (closing) {
      throw new StartupException("stopped while starting " + name);
    }
    ServiceProcess service =
        ServiceProcess.start(
            name, jar, TcpPorts.resolve(requestedPort), SERVICE_JVM_OPTIONS, arguments, out);
    services.add(service);
    return service;
  }

  private void requireFreePorts() {
    for (Map.Entry<String, Integer> option : options.ports().entrySet()) {
      int port = option.getValue();
      if (port != TcpPorts.ANY && !TcpPorts.isFree(port)) {
        throw new InvalidOptionException(
            option.getKey() + "=" + port,
            "port %d is already in use; stop what uses it or choose another port (0 = any free port)"
                .formatted(port));
      }
    }
  }

  // A relative jar path is tried in the working directory, then in the repository the running
  // jar was built in, so the stack also starts from outside the repository root.
  private static Path locate(String option, Path jar) {
    List<Path> candidates =
        jar.isAbsolute()
            ? List.of(jar)
            : Stream.concat(Stream.of(Path.of("")), repositoryOfThisJar().stream())
                .map(root -> root.resolve(jar))
                .toList();
    return candidates.stream()
        .filter(Files::isRegularFile)
        .findFirst()
        .map(path -> path.toAbsolutePath().normalize())
        .orElseThrow(
            () ->
                new StartupException(
                    "%s: there is no jar at %s; build the services first with ./mvnw -DskipTests package (or give %s=PATH)"
                        .formatted(option, jar.toAbsolutePath().normalize(), option)));
  }

  // java -jar infra/target/convene-local.jar: the repository is three levels above the jar.
  private static Optional<Path> repositoryOfThisJar() {
    Path first =
        Path.of(System.getProperty("java.class.path").split(File.pathSeparator)[0])
            .toAbsolutePath();
    return Optional.of(first)
        .filter(path -> path.toString().endsWith(".jar"))
        .map(Path::getParent)
        .map(Path::getParent)
        .map(Path::getParent);
  }

  private void printBanner(
      ServiceProcess scheduler, ServiceProcess notifier, int demoMeetings, Duration startup) {
    String line = "=".repeat(100);
    String api = scheduler.baseUri().toString();
    String ops = notifier.baseUri().toString();
    out.printf(
        Locale.ROOT,
        """

        %1$s
         Convene is running: started in %2$.1f s (JVM start to healthy services and demo data). Ctrl-C stops everything.

         Organisers' pages  %3$s/   (sign in with a user below)
         Meetings API       %3$s/api/meetings   (HTTP Basic, password "%18$s" for every user)
                            organisers %19$s
                            ops %20$s (reads every meeting and the actuator)
         Swagger UI         %3$s/swagger-ui.html
         OpenAPI            %3$s/v3/api-docs
         Ops console        %4$s/ops/health   (sign in as %20$s; flow, dead letters, the scheduler's outbox)
         Notifier health    %4$s/actuator/health
         Notifier metrics   %4$s/actuator/prometheus   (also /actuator/deliveries and /actuator/reminders/{meetingId}; ops user)
         Kafka bootstrap    %5$s   (topics %6$s and %8$s, %7$d partitions each)
         PostgreSQL         %9$s
                            %10$s
                            user %11$s, password %12$s
         SMTP               %13$s:%14$d
         IMAP               %13$s:%15$d   (a mailbox per recipient, created on first mail: login and password are the e-mail address)
         Sent mail (.eml)   %16$s
         Answers            the Accept/Tentative/Decline links in an invitation, or a calendar reply sent
                            over SMTP to %21$s (read over IMAP by the notifier)
         Demo meetings      %17$s
        %1$s
        """,
        line,
        startup.toMillis() / 1000.0,
        api,
        ops,
        infrastructure.kafkaBootstrapServers(),
        EmbeddedInfrastructure.MEETING_EVENTS_TOPIC,
        EmbeddedInfrastructure.PARTITIONS,
        EmbeddedInfrastructure.DEAD_LETTER_TOPIC,
        infrastructure.jdbcUrl(EmbeddedInfrastructure.SCHEDULER_DATABASE),
        infrastructure.jdbcUrl(EmbeddedInfrastructure.NOTIFIER_DATABASE),
        EmbeddedInfrastructure.DATABASE_USER,
        EmbeddedInfrastructure.DATABASE_PASSWORD,
        EmbeddedInfrastructure.MAIL_HOST,
        infrastructure.smtpPort(),
        infrastructure.imapPort(),
        infrastructure.mailFolder(),
        options.loadDemo()
            ? "%d of %d loaded (%s skips them)"
                .formatted(demoMeetings, DemoData.MEETINGS.size(), LocalStackOptions.NO_DEMO)
            : "not loaded (" + LocalStackOptions.NO_DEMO + ")",
        LocalAccounts.PASSWORD,
        LocalAccounts.ALL.stream()
            .filter(account -> !account.equals(LocalAccounts.OPS))
            .map(LocalAccounts.Account::username)
            .collect(Collectors.joining(", ")),
        LocalAccounts.OPS.username(),
        LocalAnswers.ORGANISER_MAILBOX);
  }

  private void say(String message) {
    out.println(PREFIX + message);
  }

  private static String seconds(long startNanos) {
    return String.format(Locale.ROOT, "%.1f s", (System.nanoTime() - startNanos) / 1e9);
  }

  private static String causes(Throwable e) {
    StringBuilder text = new StringBuilder(String.valueOf(e.getMessage()));
    for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
      text.append(": ").append(cause.getMessage());
    }
    return text.toString();
  }
}
