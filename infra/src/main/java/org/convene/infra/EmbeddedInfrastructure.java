package org.convene.infra;

import com.icegreen.greenmail.user.MessageDeliveryHandler;
import com.icegreen.greenmail.user.UserManager;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.apache.kafka.common.network.ListenerName;
import org.apache.kafka.common.utils.Exit;
import org.convene.events.CloudEventHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * The infrastructure Convene needs, embedded in this JVM: one Kafka broker in KRaft mode with the
 * meeting-events topics, a PostgreSQL server with one database per service, and a GreenMail
 * SMTP/IMAP server that creates a mailbox for every recipient (login and password are the address)
 * and copies each delivered message into a {@link MailDropFolder}. Everything starts empty. Used by
 * {@link LocalStack} and by the end-to-end tests, which ask for port 0 everywhere.
 */
public final class EmbeddedInfrastructure implements AutoCloseable {

  public static final String MEETING_EVENTS_TOPIC = CloudEventHeaders.DEFAULT_TOPIC;
  public static final String DEAD_LETTER_TOPIC = MEETING_EVENTS_TOPIC + ".DLT";

  /** Partitions of both topics: the dead-letter recoverer keeps a record's partition number. */
  public static final int PARTITIONS = 3;

  public static final String SCHEDULER_DATABASE = "convene_scheduler";
  public static final String NOTIFIER_DATABASE = "convene_notifier";
  public static final String DATABASE_USER = "postgres";

  /** PostgreSQL trusts local connections; this is what the services are told to send. */
  public static final String DATABASE_PASSWORD = "postgres";

  /**
   * System property: {@code true} loads pg_stat_statements into the server, for benchmarks that
   * print where the database's time goes.
   */
  public static final String TRACK_STATEMENTS = "convene.postgres.track-statements";

  public static final String MAIL_HOST = "127.0.0.1";

  private static final Logger log = LoggerFactory.getLogger(EmbeddedInfrastructure.class);
  // Kafka's own listeners (broker and controller) get ephemeral ports from its test kit, which
  // cannot be told a fixed port; clients use this extra listener, bound where the user asked.
  private static final String CLIENT_LISTENER = "CLIENT";
  private static final String KAFKA_HOST = "127.0.0.1";
  // Zonky's parent folder for data directories; by default a fixed folder under the temp dir.
  private static final String ZONKY_WORKING_DIR = "ot.epg.working-dir";

  /**
   * Where to listen; 0 means any free port.
   *
   * @param kafka the Kafka listener for clients
   * @param postgres PostgreSQL
   * @param smtp GreenMail's SMTP listener
   * @param imap GreenMail's IMAP listener
   */
  public record Ports(int kafka, int postgres, int smtp, int imap) {

    public static Ports anyFree() {
      return new Ports(0, 0, 0, 0);
    }
  }

  private final Path workDirectory;
  private EmbeddedPostgres postgres;
  private EmbeddedKafkaKraftBroker kafka;
  private final List<Runnable> kafkaCleanups = new CopyOnWriteArrayList<>();
  private String kafkaBootstrapServers;
  private PromptGreenMail greenMail;
  private MailDropFolder mailDrop;

  private EmbeddedInfrastructure(Path workDirectory) {
    this.workDirectory = workDirectory.toAbsolutePath();
  }

  /**
   * Starts PostgreSQL, Kafka and GreenMail, keeping their files under {@code workDirectory}
   * (PostgreSQL binaries and data in {@code postgres/}, delivered mail in {@code mail/}). If one
   * fails to start, those already started are stopped again.
   */
  public static EmbeddedInfrastructure start(Ports ports, Path workDirectory) {
    EmbeddedInfrastructure infrastructure = new EmbeddedInfrastructure(workDirectory);
    // Side by side: each part waits mostly on its own start (a postmaster, a KRaft controller and
    // broker, two listeners), and one after the other they took about half of the local stack's
    // start. Platform threads of their own: the common pool has a single thread on two cores.
    try (ExecutorService starting =
        Executors.newThreadPerTaskExecutor(
            Thread.ofPlatform().name("infrastructure-start-", 1).factory())) {
      CompletableFuture<?>[] parts = {
        // PostgreSQL is given a port chosen as TcpPorts chooses them: zonky's own choice of a
        // free port lies where any outgoing connection may take it before the postmaster binds.
        CompletableFuture.runAsync(
            () -> infrastructure.startPostgres(TcpPorts.resolve(ports.postgres())), starting),
        CompletableFuture.runAsync(() -> infrastructure.startKafka(ports.kafka()), starting),
        CompletableFuture.runAsync(
            () -> infrastructure.startMail(ports.smtp(), ports.imap()), starting)
      };
      try {
        CompletableFuture.allOf(parts).join();
      } catch (CompletionException e) {
        // allOf fails only once every part has finished: close those that did start.
        infrastructure.close();
        if (e.getCause() instanceof RuntimeException failure) {
          throw failure;
        }
        if (e.getCause() instanceof Error error) {
          throw error;
        }
        throw e;
      }
      return infrastructure;
    }
  }

  public String kafkaBootstrapServers() {
    return kafkaBootstrapServers;
  }

  public int postgresPort() {
    return postgres.getPort();
  }

  /** JDBC URL of {@code database}, for {@link #DATABASE_USER} and {@link #DATABASE_PASSWORD}. */
  public String jdbcUrl(String database) {
    return "jdbc:postgresql://localhost:" + postgres.getPort() + "/" + database;
  }

  public int smtpPort() {
    return greenMail.port(ServerSetup.PROTOCOL_SMTP);
  }

  public int imapPort() {
    return greenMail.port(ServerSetup.PROTOCOL_IMAP);
  }

  /** Command-line arguments that wire the scheduler service to this infrastructure. */
  public List<String> schedulerArguments() {
    return springArguments(SCHEDULER_DATABASE, List.of());
  }

  /** Command-line arguments that wire the notifier service to this infrastructure. */
  public List<String> notifierArguments() {
    return springArguments(
        NOTIFIER_DATABASE,
        List.of(
            "--spring.mail.host=" + MAIL_HOST,
            "--spring.mail.port=" + smtpPort(),
            // The notifier's actuator beyond health is for the ops user, as on the scheduler.
            "--spring.security.user.name=" + LocalAccounts.OPS.username(),
            "--spring.security.user.password=" + LocalAccounts.PASSWORD,
            "--spring.security.user.roles=OPS"));
  }

  private List<String> springArguments(String database, List<String> more) {
    return Stream.concat(
            Stream.of(
                "--spring.kafka.bootstrap-servers=" + kafkaBootstrapServers(),
                "--spring.datasource.url=" + jdbcUrl(database),
                "--spring.datasource.username=" + DATABASE_USER,
                "--spring.datasource.password=" + DATABASE_PASSWORD),
            more.stream())
        .toList();
  }

  /**
   * Creates an IMAP mailbox before any mail reaches it, so that a reader can sign in at once; login
   * and password are the address, as for the mailboxes created on delivery.
   */
  public void createMailbox(String address) {
    try {
      greenMail.getUserManager().createUser(address, address, address);
    } catch (com.icegreen.greenmail.user.UserException e) {
      throw new IllegalStateException("Cannot create the mailbox " + address, e);
    }
  }

  /** The mail server, to read what was delivered. */
  public GreenMail greenMail() {
    return greenMail;
  }

  /** The folder that receives a copy of every delivered message as an {@code .eml} file. */
  public Path mailFolder() {
    return mailDrop.folder();
  }

  public Path workDirectory() {
    return workDirectory;
  }

  /** Stops the mail server, the broker and the database, in that order; safe to call twice. */
  @Override
  public synchronized void close() {
    if (greenMail != null) {
      greenMail.stop();
      greenMail = null;
    }
    if (kafka != null) {
      try {
        kafka.destroy();
      } catch (RuntimeException e) {
        log.warn("Kafka did not stop cleanly: {}", e.toString());
      }
      kafka = null;
      kafkaCleanups.forEach(Runnable::run);
      kafkaCleanups.clear();
    }
    if (postgres != null) {
      try {
        postgres.close();
      } catch (IOException e) {
        log.warn("PostgreSQL did not stop cleanly: {}", e.toString());
      }
      postgres = null;
    }
  }

  private void startPostgres(int port) {
    Path root = workDirectory.resolve("postgres");
    Path data = root.resolve("data");
    try {
      Files.createDirectories(root);
      stopLeftoversOfAnEarlierRun(workDirectory);
      deleteRecursively(data);
      System.setProperty(ZONKY_WORKING_DIR, root.toString());
      EmbeddedPostgres.Builder builder =
          EmbeddedPostgres.builder()
              .setOverrideWorkingDirectory(root.toFile())
              .setDataDirectory(data)
              .setCleanDataDirectory(true)
              .setRegisterShutdownHook(false)
              .setPort(port)
              .setPGStartupWait(Duration.ofSeconds(60))
              .setServerConfig("fsync", "off")
              .setServerConfig("full_page_writes", "off");
      if (Boolean.getBoolean(TRACK_STATEMENTS)) {
        // For a benchmark that asks where the database's time goes (pg_stat_statements).
        builder
            .setServerConfig("shared_preload_libraries", "pg_stat_statements")
            .setServerConfig("pg_stat_statements.track", "all");
      }
      postgres = builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException("PostgreSQL did not start: " + e.getMessage(), e);
    }
    try (Connection connection = postgres.getPostgresDatabase().getConnection();
        Statement statement = connection.createStatement()) {
      for (String database : List.of(SCHEDULER_DATABASE, NOTIFIER_DATABASE)) {
        statement.execute("CREATE DATABASE " + database);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(
          "cannot create the services' databases: " + e.getMessage(), e);
    }
  }

  /**
   * Stops a PostgreSQL server that an earlier run in {@code workDirectory} left behind: a stack
   * killed with SIGKILL leaves its postmaster running, holding the port. Its data is thrown away on
   * start anyway, so it is ended the hard way.
   */
  public static void stopLeftoversOfAnEarlierRun(Path workDirectory) {
    Path pidFile = workDirectory.resolve("postgres").resolve("data").resolve("postmaster.pid");
    if (!Files.isRegularFile(pidFile)) {
      return;
    }
    try (Stream<String> lines = Files.lines(pidFile)) {
      lines
          .findFirst()
          .map(String::strip)
          .filter(line -> line.matches("\\d+"))
          .flatMap(pid -> ProcessHandle.of(Long.parseLong(pid)))
          .filter(process -> process.info().command().orElse("").endsWith("postgres"))
          .ifPresent(
              process -> {
                log.warn(
                    "Stopping PostgreSQL (pid {}) left behind by an earlier run", process.pid());
                process.destroyForcibly();
                try {
                  process.onExit().get(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                } catch (ExecutionException | TimeoutException e) {
                  log.warn("PostgreSQL pid {} did not stop: {}", process.pid(), e.toString());
                }
              });
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + pidFile, e);
    }
  }

  private void startKafka(int clientPort) {
    EmbeddedKafkaKraftBroker broker =
        new EmbeddedKafkaKraftBroker(1, PARTITIONS, MEETING_EVENTS_TOPIC, DEAD_LETTER_TOPIC);
    broker.brokerProperty(
        "listeners",
        "EXTERNAL://localhost:0,CONTROLLER://localhost:0,%s://%s:%d"
            .formatted(CLIENT_LISTENER, KAFKA_HOST, clientPort));
    broker.brokerProperty(
        "listener.security.protocol.map",
        "EXTERNAL:PLAINTEXT,CONTROLLER:PLAINTEXT,%s:PLAINTEXT".formatted(CLIENT_LISTENER));
    // One broker: the services' transactional or idempotent producers must not wait for three.
    broker.brokerProperty("transaction.state.log.replication.factor", "1");
    broker.brokerProperty("transaction.state.log.min.isr", "1");
    // Kafka's test kit deletes its temporary folder in a JVM shutdown hook, which races with the
    // broker's shutdown in ours (and fails it noisily); run such hooks after the broker stopped.
    Exit.setShutdownHookAdder((name, hook) -> kafkaCleanups.add(hook));
    kafka = broker;
    // Its storage formatter prints the bootstrap metadata to System.out, not to a logger.
    PrintStream stdout = System.out;
    System.setOut(new PrintStream(OutputStream.nullOutputStream()));
    try {
      broker.afterPropertiesSet();
    } finally {
      System.setOut(stdout);
    }
    // Port 0 is bound by the broker itself (and advertised as bound); a port looked up free
    // beforehand could be taken by another process's outgoing connection before the broker binds.
    int boundPort =
        broker
            .getCluster()
            .brokers()
            .values()
            .iterator()
            .next()
            .boundPort(new ListenerName(CLIENT_LISTENER));
    kafkaBootstrapServers = KAFKA_HOST + ":" + boundPort;
  }

  /**
   * Jakarta Mail looks its stream provider up with a ServiceLoader scan of the whole class path
   * each time a multipart is created, and GreenMail parses every message it takes in, one at a
   * time: a few replies a second got through on a long class path, the other senders timing out
   * behind them. Named by this system property (the class the scan finds), the provider is made
   * directly. A property of the whole JVM: set only if nobody set it.
   */
  private static final String STREAM_PROVIDER_PROPERTY = "jakarta.mail.util.StreamProvider";

  private static final String STREAM_PROVIDER = "org.eclipse.angus.mail.util.MailStreamProvider";

  private static final Duration MAIL_STARTUP_TIMEOUT = Duration.ofSeconds(30);

  private void startMail(int smtpPort, int imapPort) {
    if (System.getProperty(STREAM_PROVIDER_PROPERTY) == null) {
      System.setProperty(STREAM_PROVIDER_PROPERTY, STREAM_PROVIDER);
    }
    mailDrop = new MailDropFolder(workDirectory.resolve("mail"));
    greenMail =
        new PromptGreenMail(
            new ServerSetup[] {
              mailSetup(smtpPort, ServerSetup.PROTOCOL_SMTP),
              mailSetup(imapPort, ServerSetup.PROTOCOL_IMAP)
            });
    greenMail.start();
    UserManager users = greenMail.getUserManager();
    MessageDeliveryHandler createsMailbox = users.getMessageDeliveryHandler();
    users.setMessageDeliveryHandler(
        (message, recipient) -> {
          var mailbox = createsMailbox.handle(message, recipient);
          mailDrop.write(message.getMessage(), recipient.getEmail());
          return mailbox;
        });
  }

  /**
   * Port {@link TcpPorts#ANY} is passed on as it is: GreenMail then binds a free port itself. A
   * port looked up free beforehand can be taken, as the local end of any process's outgoing
   * connection, before GreenMail binds it, and the start fails with a message that blames a slow
   * start. A slow start is still given 30 s rather than GreenMail's 2 s: a busy two-core machine
   * runs a build or another test JVM beside the stack.
   */
  private static ServerSetup mailSetup(int port, String protocol) {
    ServerSetup setup = new ServerSetup(port, MAIL_HOST, protocol);
    setup.setServerStartupTimeout(MAIL_STARTUP_TIMEOUT.toMillis());
    return setup;
  }

  private static void deleteRecursively(Path directory) throws IOException {
    if (!Files.exists(directory)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(directory)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }
}
