package org.convene.infra;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.stream.Collectors;

/**
 * The command line of {@link LocalStack}, parsed and checked. Every option has the form {@code
 * --name=value}; a port of 0 stands for any free port.
 *
 * @param kafkaPort port of the Kafka listener the services and tools connect to
 * @param postgresPort port of the embedded PostgreSQL server
 * @param smtpPort port of the mail server's SMTP listener, which the notifier sends to
 * @param imapPort port of the mail server's IMAP listener, for reading what was sent
 * @param schedulerPort HTTP port of the scheduler service
 * @param notifierPort HTTP port of the notifier service
 * @param schedulerJar the scheduler's executable jar; a relative path is looked up in the working
 *     directory, then in the repository this stack was built in
 * @param notifierJar the notifier's executable jar, looked up the same way
 * @param loadDemo whether to create the demo meetings once everything is up
 */
public record LocalStackOptions(
    int kafkaPort,
    int postgresPort,
    int smtpPort,
    int imapPort,
    int schedulerPort,
    int notifierPort,
    Path schedulerJar,
    Path notifierJar,
    boolean loadDemo) {

  public static final String KAFKA_PORT = "--kafka-port";
  public static final String POSTGRES_PORT = "--postgres-port";
  public static final String SMTP_PORT = "--smtp-port";
  public static final String IMAP_PORT = "--imap-port";
  public static final String SCHEDULER_PORT = "--scheduler-port";
  public static final String NOTIFIER_PORT = "--notifier-port";
  public static final String SCHEDULER_JAR = "--scheduler-jar";
  public static final String NOTIFIER_JAR = "--notifier-jar";
  public static final String NO_DEMO = "--no-demo";
  public static final String HELP = "--help";

  /** The version of the services' jars that were built together with this module. */
  public static final String VERSION = buildVersion();

  private static final Map<String, Integer> DEFAULT_PORTS = defaultPorts();
  private static final Map<String, String> PORT_HELP =
      Map.of(
          KAFKA_PORT, "Kafka bootstrap port",
          POSTGRES_PORT, "PostgreSQL port",
          SMTP_PORT, "SMTP port the notifier sends to",
          IMAP_PORT, "IMAP port to read the mail that was sent",
          SCHEDULER_PORT, "scheduler HTTP port: REST API, Swagger UI",
          NOTIFIER_PORT, "notifier HTTP port: health, metrics");

  public LocalStackOptions {
    requirePort(KAFKA_PORT, kafkaPort);
    requirePort(POSTGRES_PORT, postgresPort);
    requirePort(SMTP_PORT, smtpPort);
    requirePort(IMAP_PORT, imapPort);
    requirePort(SCHEDULER_PORT, schedulerPort);
    requirePort(NOTIFIER_PORT, notifierPort);
    Objects.requireNonNull(schedulerJar, "schedulerJar");
    Objects.requireNonNull(notifierJar, "notifierJar");
    requireDistinctPorts(
        portsByOption(kafkaPort, postgresPort, smtpPort, imapPort, schedulerPort, notifierPort));
  }

  /** Whether the command line asks for {@link #usage()} rather than a start. */
  public static boolean wantsHelp(String... args) {
    return Arrays.stream(args).anyMatch(arg -> arg.equals(HELP) || arg.equals("-h"));
  }

  /**
   * Parses a command line.
   *
   * @throws InvalidOptionException naming the first option that is unknown, has no value, or has a
   *     value that is not usable
   */
  public static LocalStackOptions parse(String... args) {
    Map<String, String> values = new HashMap<>();
    boolean loadDemo = true;
    for (String arg : args) {
      if (arg.equals(NO_DEMO)) {
        loadDemo = false;
        continue;
      }
      int equals = arg.indexOf('=');
      String name = equals < 0 ? arg : arg.substring(0, equals);
      if (!DEFAULT_PORTS.containsKey(name)
          && !name.equals(SCHEDULER_JAR)
          && !name.equals(NOTIFIER_JAR)) {
        throw new InvalidOptionException(arg, "unknown option; " + HELP + " lists the options");
      }
      if (equals < 0 || equals == arg.length() - 1) {
        throw new InvalidOptionException(arg, "needs a value, as in " + name + "=" + example(name));
      }
      values.put(name, arg.substring(equals + 1));
    }
    return new LocalStackOptions(
        port(values, KAFKA_PORT),
        port(values, POSTGRES_PORT),
        port(values, SMTP_PORT),
        port(values, IMAP_PORT),
        port(values, SCHEDULER_PORT),
        port(values, NOTIFIER_PORT),
        Path.of(values.getOrDefault(SCHEDULER_JAR, defaultJar("scheduler-service"))),
        Path.of(values.getOrDefault(NOTIFIER_JAR, defaultJar("notifier-service"))),
        loadDemo);
  }

  /** Where the embedded infrastructure is to listen. */
  public EmbeddedInfrastructure.Ports infrastructurePorts() {
    return new EmbeddedInfrastructure.Ports(kafkaPort, postgresPort, smtpPort, imapPort);
  }

  /** The ports by the option that sets them, in a stable order. */
  public Map<String, Integer> ports() {
    return portsByOption(kafkaPort, postgresPort, smtpPort, imapPort, schedulerPort, notifierPort);
  }

  public static String usage() {
    StringBuilder options = new StringBuilder();
    DEFAULT_PORTS.forEach(
        (option, port) ->
            options.append(
                row(option + "=PORT", PORT_HELP.get(option) + " (default " + port + ")")));
    options
        .append(
            row(
                SCHEDULER_JAR + "=PATH",
                "scheduler executable jar (default " + defaultJar("scheduler-service") + ")"))
        .append(
            row(
                NOTIFIER_JAR + "=PATH",
                "notifier executable jar (default " + defaultJar("notifier-service") + ")"))
        .append(row(NO_DEMO, "do not load the demo meetings"))
        .append(row(HELP, "show this help"));
    return """
    Usage: java -jar infra/target/convene-local.jar [options]

    Starts Convene on embedded infrastructure: a Kafka broker (KRaft), PostgreSQL 18 and a
    GreenMail SMTP/IMAP server in this JVM, then the scheduler and notifier services as child
    processes, and loads three demo meetings. Ctrl-C stops everything.

    Options (a port of 0 means any free port):
    %s
    Build the service jars first: ./mvnw -DskipTests package
    The meetings API takes HTTP Basic with the password "%s" for every user:
      %s
    PostgreSQL's files and a copy of every mail sent (as .eml files) go to target/convene-local/
    under the working directory; the database and the broker start empty on every run.
    """
        .formatted(
            options,
            LocalAccounts.PASSWORD,
            LocalAccounts.ALL.stream()
                .map(
                    account ->
                        account.username() + " (" + account.role().toLowerCase(Locale.ROOT) + ")")
                .collect(Collectors.joining("\n  ")));
  }

  private static String row(String option, String description) {
    return "  %-23s %s%n".formatted(option, description);
  }

  private static int port(Map<String, String> values, String option) {
    String value = values.get(option);
    if (value == null) {
      return DEFAULT_PORTS.get(option);
    }
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new InvalidOptionException(option + "=" + value, portRule());
    }
  }

  private static void requirePort(String option, int port) {
    if (port < TcpPorts.ANY || port > TcpPorts.MAX) {
      throw new InvalidOptionException(option + "=" + port, portRule());
    }
  }

  private static String portRule() {
    return "not a port number; use 1-" + TcpPorts.MAX + ", or 0 for any free port";
  }

  private static void requireDistinctPorts(Map<String, Integer> ports) {
    Map<Integer, String> seen = new HashMap<>();
    ports.forEach(
        (option, port) -> {
          String other = port == TcpPorts.ANY ? null : seen.putIfAbsent(port, option);
          if (other != null) {
            throw new InvalidOptionException(option + "=" + port, "same port as " + other);
          }
        });
  }

  private static Map<String, Integer> portsByOption(int... ports) {
    List<String> options =
        List.of(KAFKA_PORT, POSTGRES_PORT, SMTP_PORT, IMAP_PORT, SCHEDULER_PORT, NOTIFIER_PORT);
    Map<String, Integer> byOption = new LinkedHashMap<>();
    for (int i = 0; i < options.size(); i++) {
      byOption.put(options.get(i), ports[i]);
    }
    return byOption;
  }

  private static Map<String, Integer> defaultPorts() {
    return portsByOption(9092, 15432, 3025, 3143, 8080, 8081);
  }

  private static String example(String option) {
    return DEFAULT_PORTS.containsKey(option)
        ? "0"
        : defaultJar(option.substring(2, option.length() - 4) + "-service");
  }

  private static String defaultJar(String module) {
    return module + "/target/" + module + "-" + VERSION + "-exec.jar";
  }

  private static String buildVersion() {
    try (InputStream in =
        LocalStackOptions.class.getResourceAsStream("/convene-local.properties")) {
      Properties properties = new Properties();
      if (in != null) {
        properties.load(in);
      }
      return properties.getProperty("version", "0.1.0-SNAPSHOT");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read convene-local.properties", e);
    }
  }
}
