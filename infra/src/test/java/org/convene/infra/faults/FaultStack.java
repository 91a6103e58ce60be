package org.convene.infra.faults;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import kafka.server.BrokerServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Exit;
import org.convene.events.CloudEventHeaders;
import org.convene.events.DeliveryReported;
import org.convene.events.MeetingEvent;
import org.convene.events.MeetingId;
import org.convene.infra.JvmOptions;
import org.convene.infra.LocalAccounts;
import org.convene.infra.ServiceProcess;
import org.convene.infra.TcpPorts;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import tools.jackson.databind.json.JsonMapper;

/**
 * A notifier in its own process (its executable jar, launched like the local stack launches it) on
 * infrastructure hosted here, each part of which a test can break: a Kafka broker in KRaft mode, a
 * PostgreSQL server that can be stopped and started again on the same port and data, and a {@link
 * CountingSmtpServer}. Meeting events are published to the topic as the scheduler's outbox relay
 * publishes them, so no scheduler is needed.
 */
final class FaultStack implements AutoCloseable {

  static final String TOPIC = CloudEventHeaders.DEFAULT_TOPIC;
  static final String DATABASE = "convene_notifier";
  static final String SCHEDULER_DATABASE = "convene_scheduler";
  static final String DATABASE_USER = "postgres";
  // PostgreSQL trusts local connections; this is what the notifier is told to send.
  static final String DATABASE_PASSWORD = "postgres";
  // Generous: on a shared two-core machine under load a notifier has taken over 120 s to start.
  static final Duration HEALTHY_WITHIN = Duration.ofSeconds(300);

  /**
   * Options of the notifier's JVM, none by default (it starts as the local stack starts it);
   * -Dconvene.faults.notifier-jvm-options="-XX:TieredStopAtLevel=1 -XX:+UseSerialGC" (space
   * separated) starts the drills' notifiers with others, to measure what they change: the drills
   * start it four times, and its start-up is most of a drill's own time.
   */
  static final List<String> NOTIFIER_JVM_OPTIONS =
      JvmOptions.fromProperty("convene.faults.notifier-jvm-options");

  private static final int PARTITIONS = 3;
  private static final String KAFKA_HOST = "127.0.0.1";

  /**
   * How the notifier sends: no quiet period, so each message is due at once and a backlog forms in
   * the ledger, and an explicit batch size and thread count (one SMTP connection per thread).
   */
  record Delivery(int batchSize, int threads) {

    List<String> arguments() {
      return List.of(
          "--convene.notifier.delivery.quiet-period=0s",
          "--convene.notifier.delivery.batch-size=" + batchSize,
          "--convene.notifier.delivery.threads=" + threads);
    }
  }

  private final Path workDirectory;
  private final Path notifierJar;
  private final Delivery delivery;
  private final PrintStream out;
  private final JsonMapper json = JsonMapper.builder().build();
  private final List<Runnable> kafkaCleanups = new CopyOnWriteArrayList<>();
  private final int postgresPort = TcpPorts.free();
  private EmbeddedKafkaKraftBroker kafka;
  private String bootstrapServers;
  private volatile boolean brokerRunning;
  private KafkaProducer<String, String> producer;
  private EmbeddedPostgres postgres;
  private CountingSmtpServer smtp;
  private final List<ServiceProcess> notifiers = new CopyOnWriteArrayList<>();
  private final List<ServiceProcess> schedulers = new CopyOnWriteArrayList<>();
  private final int partitions;
  private Admin admin;
  private int notifierStarts;
  private int schedulerStarts;

  private FaultStack(Path workDirectory, Path notifierJar, Delivery delivery, PrintStream out) {
    this(workDirectory, notifierJar, delivery, PARTITIONS, out);
  }

  private FaultStack(
      Path workDirectory, Path notifierJar, Delivery delivery, int partitions, PrintStream out) {
    this.workDirectory = workDirectory.toAbsolutePath();
    this.notifierJar = notifierJar;
    this.delivery = delivery;
    this.partitions = partitions;
    this.out = out;
  }

  /** Starts the broker, the database and the SMTP server, then the notifier, and waits for it. */
  static FaultStack start(
      Path workDirectory, Path notifierJar, Delivery delivery, PrintStream out) {
    FaultStack stack = new FaultStack(workDirectory, notifierJar, delivery, out);
    try {
      stack.startKafka();
      stack.createDatabase();
      stack.smtp = CountingSmtpServer.start();
      stack.startNotifier();
      return stack;
    } catch (RuntimeException | Error e) {
      stack.close();
      throw e;
    }
  }

  /**
   * Starts the broker (a topic of {@code partitions} partitions), the database server with a
   * database for each service, and the SMTP server, but no service: the caller launches as many
   * schedulers and notifiers as it wants, in parallel ({@link #launchScheduler}, {@link
   * #launchNotifier}).
   */
  static FaultStack startWithoutServices(
      Path workDirectory, Path notifierJar, Delivery delivery, int partitions, PrintStream out) {
    FaultStack stack = new FaultStack(workDirectory, notifierJar, delivery, partitions, out);
    try {
      stack.startKafka();
      stack.createDatabase();
      stack.createSchedulerDatabase();
      stack.smtp = CountingSmtpServer.start();
      return stack;
    } catch (RuntimeException | Error e) {
      stack.close();
      throw e;
    }
  }

  CountingSmtpServer smtp() {
    return smtp;
  }

  Delivery delivery() {
    return delivery;
  }

  /**
   * Publishes the events, keyed by meeting, with the CloudEvents headers, and waits for the acks.
   */
  void publish(List<? extends MeetingEvent> events) {
    publish(null, events);
  }

  /** As {@link #publish(List)}, all to one partition of the topic. */
  void publishTo(int partition, List<? extends MeetingEvent> events) {
    publish(partition, events);
  }

  int partitions() {
    return partitions;
  }

  private void publish(Integer partition, List<? extends MeetingEvent> events) {
    for (MeetingEvent event : events) {
      ProducerRecord<String, String> record =
          new ProducerRecord<>(
              TOPIC, partition, event.meetingId().toString(), json.writeValueAsString(event));
      header(record, CloudEventHeaders.ID, event.eventId().toString());
      header(record, CloudEventHeaders.TYPE, event.cloudEventType());
      header(record, CloudEventHeaders.SOURCE, CloudEventHeaders.SOURCE_SCHEDULER);
      header(record, CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_1_0);
      header(record, CloudEventHeaders.SUBJECT, event.meetingId().toString());
      header(record, CloudEventHeaders.TIME, event.occurredAt().toString());
      header(record, "content-type", "application/json");
      producer.send(record);
    }
    producer.flush();
  }

  /**
   * Launches a notifier (one more, if one is running: they share the broker, the database and the
   * SMTP server) and waits until it is healthy.
   */
  synchronized ServiceProcess startNotifier() {
    ServiceProcess notifier = launchNotifier(List.of());
    notifier.awaitHealthy(HEALTHY_WITHIN);
    return notifier;
  }

  /**
   * Launches a notifier with these JVM options and returns at once; the caller waits for it ({@link
   * ServiceProcess#awaitHealthy}), so that several can start side by side.
   */
  synchronized ServiceProcess launchNotifier(List<String> jvmOptions) {
    List<String> arguments = new ArrayList<>();
    arguments.add("--spring.kafka.bootstrap-servers=" + bootstrapServers);
    arguments.add("--spring.datasource.url=" + jdbcUrl());
    arguments.add("--spring.datasource.username=" + DATABASE_USER);
    arguments.add("--spring.datasource.password=" + DATABASE_PASSWORD);
    arguments.add("--spring.mail.host=" + smtp.host());
    arguments.add("--spring.mail.port=" + smtp.port());
    // The mail health check would make an SMTP connection per poll: not counted, not wanted.
    arguments.add("--management.health.mail.enabled=false");
    arguments.add("--spring.security.user.password=ops-" + System.nanoTime());
    // A report for the organisers' pages that the broker does not take within 3 s (rather than
    // Kafka's two minutes) fails and must be sent again: a broker outage of a drill outlasts it.
    // Sent again every 2 s rather than 10, so that a drill waits less for the kept reports.
    arguments.add("--spring.kafka.producer.properties.delivery.timeout.ms=3000");
    arguments.add("--spring.kafka.producer.properties.request.timeout.ms=2000");
    arguments.add("--convene.notifier.delivery.reports-retry-interval=2s");
    arguments.addAll(delivery.arguments());
    notifierStarts++;
    ServiceProcess notifier =
        ServiceProcess.start(
            "notifier-" + notifierStarts,
            notifierJar,
            TcpPorts.free(),
            Stream.concat(NOTIFIER_JVM_OPTIONS.stream(), jvmOptions.stream()).toList(),
            arguments,
            out);
    notifiers.add(notifier);
    return notifier;
  }

  /**
   * Launches a scheduler from {@code schedulerJar} on the broker and its own database (shared by
   * every scheduler launched here), with the local stack's accounts, and returns at once. It
   * creates the topic, if it does not exist yet, with this stack's partitions.
   */
  synchronized ServiceProcess launchScheduler(Path schedulerJar, List<String> jvmOptions) {
    List<String> arguments = new ArrayList<>();
    arguments.add("--spring.kafka.bootstrap-servers=" + bootstrapServers);
    arguments.add("--spring.datasource.url=" + jdbcUrl(SCHEDULER_DATABASE));
    arguments.add("--spring.datasource.username=" + DATABASE_USER);
    arguments.add("--spring.datasource.password=" + DATABASE_PASSWORD);
    arguments.add("--convene.scheduler.topic-partitions=" + partitions);
    arguments.addAll(LocalAccounts.schedulerArguments());
    schedulerStarts++;
    ServiceProcess scheduler =
        ServiceProcess.start(
            "scheduler-" + schedulerStarts,
            schedulerJar,
            TcpPorts.free(),
            jvmOptions,
            arguments,
            out);
    schedulers.add(scheduler);
    return scheduler;
  }

  /** Whether a notifier process is running. */
  boolean notifierAlive() {
    return !runningNotifiers().isEmpty();
  }

  List<ServiceProcess> runningNotifiers() {
    return notifiers.stream().filter(notifier -> !notifier.onExit().isDone()).toList();
  }

  /** Kills every running notifier with SIGKILL. */
  synchronized void killNotifier() {
    runningNotifiers().forEach(this::kill);
  }

  /**
   * Kills the service (a notifier or a scheduler) with SIGKILL: no shutdown hook, no graceful stop,
   * nothing recorded.
   */
  synchronized void kill(ServiceProcess notifier) {
    ProcessHandle.of(notifier.pid()).ifPresent(ProcessHandle::destroyForcibly);
    try {
      notifier.onExit().get(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while killing " + notifier.name(), e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException(notifier.name() + " did not die of SIGKILL", e);
    }
    notifiers.remove(notifier);
    schedulers.remove(notifier);
  }

  /**
   * When a notifier consumed and recorded the meeting's first revision, as its ledger has it; empty
   * if none has yet.
   */
  Optional<Instant> recordedAt(MeetingId meeting) {
    try (Connection connection = postgres.getDatabase(DATABASE_USER, DATABASE).getConnection();
        PreparedStatement statement =
            connection.prepareStatement(
                "select received_at from meeting_event where meeting_id = ? and revision = 1")) {
      statement.setObject(1, meeting.value());
      try (ResultSet row = statement.executeQuery()) {
        return row.next() ? Optional.of(row.getTimestamp(1).toInstant()) : Optional.empty();
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read the notifier's ledger", e);
    }
  }

  /**
   * Messages the notifiers' ledger still owes, in flight or not. A notifier sends only a message
   * its ledger owes, and marks it sent only after the mail server's 250: with none owed, none can
   * come.
   */
  int owedInLedger() {
    try (Connection connection = postgres.getDatabase(DATABASE_USER, DATABASE).getConnection();
        PreparedStatement statement =
            connection.prepareStatement("select count(*) from delivery where status = 'PENDING'");
        ResultSet row = statement.executeQuery()) {
      row.next();
      return row.getInt(1);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read the notifier's ledger", e);
    }
  }

  /**
   * What a drill that waited in vain for mail prints: each running notifier's threads, and the
   * database's sessions with the sessions blocking them, to tell a notifier stuck in itself from
   * one held up by the database.
   */
  String diagnosis() {
    StringBuilder out = new StringBuilder();
    for (ServiceProcess notifier : runningNotifiers()) {
      out.append("Threads of ").append(notifier.name()).append(":\n");
      try {
        Process jcmd =
            new ProcessBuilder(
                    Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                    Long.toString(notifier.pid()),
                    "Thread.print")
                .redirectErrorStream(true)
                .start();
        out.append(new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        jcmd.waitFor(30, TimeUnit.SECONDS);
      } catch (IOException e) {
        out.append("  (jcmd failed: ").append(e).append(")\n");
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return out.toString();
      }
    }
    out.append("Database sessions (pid, state, waiting for, blocked by, query):\n");
    try (Connection connection = postgres.getPostgresDatabase().getConnection();
        PreparedStatement statement =
            connection.prepareStatement(
                """
                select pid, state, wait_event_type || ':' || wait_event, pg_blocking_pids(pid),
                       now() - xact_start, left(query, 200)
                from pg_stat_activity where datname = ? order by pid""")) {
      statement.setString(1, DATABASE);
      try (ResultSet row = statement.executeQuery()) {
        while (row.next()) {
          out.append(
              String.format(
                  Locale.ROOT,
                  "  %d %s %s %s %s %s%n",
                  row.getInt(1),
                  row.getString(2),
                  row.getString(3),
                  row.getString(4),
                  row.getString(5),
                  row.getString(6)));
        }
      }
    } catch (SQLException e) {
      out.append("  (cannot read pg_stat_activity: ").append(e).append(")\n");
    }
    return out.toString();
  }

  /** Every delivery report the notifier has published so far, as the broker has them now. */
  List<DeliveryReported> deliveryReports() {
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                "read_committed"),
            new StringDeserializer(),
            new StringDeserializer())) {
      // As many partitions as the broker made the topic with: this stack's, 3 or more.
      List<TopicPartition> topicPartitions =
          consumer.partitionsFor(DeliveryReported.DEFAULT_TOPIC, Duration.ofSeconds(10)).stream()
              .map(info -> new TopicPartition(info.topic(), info.partition()))
              .toList();
      consumer.assign(topicPartitions);
      consumer.seekToBeginning(topicPartitions);
      Map<TopicPartition, Long> ends = consumer.endOffsets(topicPartitions, Duration.ofSeconds(10));
      List<DeliveryReported> reports = new ArrayList<>();
      while (topicPartitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
          reports.add(json.readValue(record.value(), DeliveryReported.class));
        }
      }
      return reports;
    }
  }

  /**
   * How many records of the topic a consumer group has not committed yet, over all partitions: the
   * end offsets minus the group's committed offsets, as the scheduler's {@code
   * convene.kafka.consumer.lag} gauge and the ops console's health page compute it. A partition the
   * group never committed on counts from its start.
   */
  long lag(String group) {
    try {
      Map<TopicPartition, org.apache.kafka.clients.consumer.OffsetAndMetadata> committed =
          admin
              .listConsumerGroupOffsets(group)
              .partitionsToOffsetAndMetadata()
              .get(5, TimeUnit.SECONDS);
      Map<TopicPartition, org.apache.kafka.clients.admin.OffsetSpec> partitions =
          new TreeMap<>(Comparator.comparingInt(TopicPartition::partition));
      for (int partition = 0; partition < PARTITIONS; partition++) {
        partitions.put(
            new TopicPartition(TOPIC, partition),
            org.apache.kafka.clients.admin.OffsetSpec.latest());
      }
      long lag = 0;
      for (var end : admin.listOffsets(partitions).all().get(5, TimeUnit.SECONDS).entrySet()) {
        var offset = committed.get(end.getKey());
        lag += Math.max(0, end.getValue().offset() - (offset == null ? 0 : offset.offset()));
      }
      return lag;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while reading the lag of group " + group, e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("cannot read the lag of consumer group " + group, e);
    }
  }

  /**
   * The members of a consumer group and the partitions of the topic each holds, as the broker's
   * group coordinator has them now; empty while the group is rebalancing.
   */
  Map<String, Set<Integer>> assignments(String group) {
    try {
      ConsumerGroupDescription description =
          admin
              .describeConsumerGroups(List.of(group))
              .describedGroups()
              .get(group)
              .get(5, TimeUnit.SECONDS);
      if (description.groupState() != GroupState.STABLE) {
        return Map.of();
      }
      Map<String, Set<Integer>> assignments = new TreeMap<>();
      for (MemberDescription member : description.members()) {
        assignments.put(
            member.consumerId(),
            member.assignment().topicPartitions().stream()
                .filter(partition -> partition.topic().equals(TOPIC))
                .map(TopicPartition::partition)
                .collect(Collectors.toCollection(TreeSet::new)));
      }
      return assignments;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while describing group " + group, e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("cannot describe consumer group " + group, e);
    }
  }

  /** Stops PostgreSQL in fast mode: open transactions are rolled back, connections are cut. */
  synchronized void stopDatabase() {
    try {
      postgres.close();
    } catch (IOException e) {
      throw new UncheckedIOException("PostgreSQL did not stop", e);
    }
    postgres = null;
  }

  /** Starts PostgreSQL again, on the same port and data directory. */
  synchronized void startDatabase() {
    try {
      postgres =
          EmbeddedPostgres.builder()
              .setOverrideWorkingDirectory(workDirectory.resolve("postgres").toFile())
              // Outside the working directory, which zonky sweeps for stale data directories.
              .setDataDirectory(workDirectory.resolve("postgres-data"))
              // Kept when stopped, so that the start after a stop finds the ledger as it was.
              .setCleanDataDirectory(false)
              .setRegisterShutdownHook(false)
              .setPort(postgresPort)
              .setPGStartupWait(Duration.ofSeconds(60))
              .setServerConfig("fsync", "off")
              .setServerConfig("full_page_writes", "off")
              .start();
    } catch (IOException e) {
      throw new UncheckedIOException("PostgreSQL did not start: " + e.getMessage(), e);
    }
  }

  /**
   * Stops the broker (the controller of the KRaft test cluster keeps running), as a broker that is
   * restarted: clients lose their connections and the group coordinator its in-memory state.
   */
  synchronized void stopBroker() {
    BrokerServer broker = broker();
    brokerRunning = false;
    broker.shutdown();
    broker.awaitShutdown();
  }

  /** Starts the broker again, on the same client port and log directories. */
  synchronized void startBroker() {
    broker().startup();
    brokerRunning = true;
  }

  boolean brokerRunning() {
    return brokerRunning;
  }

  private BrokerServer broker() {
    return kafka.getCluster().brokers().values().iterator().next();
  }

  boolean databaseRunning() {
    return postgres != null;
  }

  /**
   * Stops the notifier (SIGKILL: it is not what is tested any more), then the rest; a service that
   * records the classes for the AOT cache is stopped gracefully, so that its record is written.
   */
  @Override
  public synchronized void close() {
    runningNotifiers().stream().filter(ServiceProcess::recording).forEach(ServiceProcess::close);
    schedulers.stream().filter(ServiceProcess::recording).forEach(ServiceProcess::close);
    if (notifierAlive()) {
      killNotifier();
    }
    schedulers.stream().filter(scheduler -> !scheduler.onExit().isDone()).forEach(this::kill);
    if (smtp != null) {
      smtp.close();
    }
    if (producer != null) {
      producer.close(Duration.ofSeconds(5));
    }
    if (admin != null) {
      admin.close(Duration.ofSeconds(5));
    }
    if (kafka != null) {
      try {
        kafka.destroy();
      } catch (RuntimeException e) {
        out.println("[faults] Kafka did not stop cleanly: " + e);
      }
      kafkaCleanups.forEach(Runnable::run);
    }
    if (postgres != null) {
      stopDatabase();
    }
  }

  private String jdbcUrl() {
    return jdbcUrl(DATABASE);
  }

  private String jdbcUrl(String database) {
    return "jdbc:postgresql://localhost:" + postgresPort + "/" + database;
  }

  private void createSchedulerDatabase() {
    try (Connection connection = postgres.getPostgresDatabase().getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE DATABASE " + SCHEDULER_DATABASE);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create the scheduler's database", e);
    }
  }

  private void createDatabase() {
    try {
      stopLeftoverPostgres(workDirectory.resolve("postgres-data"));
      deleteRecursively(workDirectory.resolve("postgres-data"));
      Files.createDirectories(workDirectory.resolve("postgres"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    startDatabase();
    try (Connection connection = postgres.getPostgresDatabase().getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE DATABASE " + DATABASE);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create the notifier's database", e);
    }
  }

  private void startKafka() {
    int clientPort = TcpPorts.free();
    EmbeddedKafkaKraftBroker broker =
        new EmbeddedKafkaKraftBroker(
            1, partitions, TOPIC, TOPIC + ".DLT", DeliveryReported.DEFAULT_TOPIC);
    // Clients use a listener on a port chosen here; the test kit's own listeners take any port.
    broker.brokerProperty(
        "listeners",
        "EXTERNAL://localhost:0,CONTROLLER://localhost:0,CLIENT://%s:%d"
            .formatted(KAFKA_HOST, clientPort));
    broker.brokerProperty(
        "listener.security.protocol.map",
        "EXTERNAL:PLAINTEXT,CONTROLLER:PLAINTEXT,CLIENT:PLAINTEXT");
    broker.brokerProperty("transaction.state.log.replication.factor", "1");
    broker.brokerProperty("transaction.state.log.min.isr", "1");
    // The test kit deletes its folder in a JVM shutdown hook that races with the broker's own.
    Exit.setShutdownHookAdder((name, hook) -> kafkaCleanups.add(hook));
    kafka = broker;
    PrintStream stdout = System.out;
    // Its storage formatter prints the bootstrap metadata to System.out.
    System.setOut(new PrintStream(OutputStream.nullOutputStream()));
    try {
      broker.afterPropertiesSet();
    } finally {
      System.setOut(stdout);
    }
    bootstrapServers = KAFKA_HOST + ":" + clientPort;
    brokerRunning = true;
    producer =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                ProducerConfig.ACKS_CONFIG,
                "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                true,
                ProducerConfig.LINGER_MS_CONFIG,
                5),
            new StringSerializer(),
            new StringSerializer());
    admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
  }

  private static void header(ProducerRecord<String, String> record, String name, String value) {
    record.headers().add(new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8)));
  }

  /** A run killed with SIGKILL leaves its postmaster behind, holding the data directory. */
  private void stopLeftoverPostgres(Path data) throws IOException {
    Path pidFile = data.resolve("postmaster.pid");
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
                out.println(
                    "[faults] Stopping PostgreSQL pid " + process.pid() + " of an earlier run");
                process.destroyForcibly();
                process.onExit().join();
              });
    }
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
