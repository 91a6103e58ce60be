package org.convene.notifier.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.convene.events.CloudEventHeaders;
import org.convene.events.MeetingEvent;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the notifier's benchmarks share: their arguments, the machine's load, a producer and records
 * as the scheduler's.
 */
final class BenchSupport {

  private BenchSupport() {}

  /**
   * The arguments as {@code name=value} options ({@code --name=value} too; a bare name is {@code
   * true}), and the root logger set to WARN: the embedded broker and database log at INFO, and only
   * the figures matter.
   */
  static Map<String, String> options(String[] args) {
    ((ch.qos.logback.classic.Logger)
            org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
        .setLevel(ch.qos.logback.classic.Level.WARN);
    Map<String, String> options = new LinkedHashMap<>();
    for (String arg : args) {
      String[] pair = arg.replaceFirst("^--", "").split("=", 2);
      options.put(pair[0], pair.length > 1 ? pair[1] : "true");
    }
    return options;
  }

  /**
   * Arguments that make a notifier of a benchmark run on the product's own configuration and log
   * only warnings. The benchmarks' classpath holds the test resources too (they compile with the
   * tests), and the tests' {@code config/application.properties} would otherwise be added on top:
   * among its overrides a relay limit, under which every message reserves its send slot in the
   * database, and that cut the measured throughput by a factor of twenty unnoticed.
   */
  static List<String> productConfiguration() {
    return List.of(
        "--spring.config.location=classpath:/application.properties",
        "--logging.level.root=warn",
        "--logging.level.org.convene=warn",
        // Every message sent or deferred is logged at INFO under these names, for ops.
        "--logging.level.convene=warn",
        "--logging.level.convene.delivery.sent=warn",
        "--spring.main.banner-mode=off");
  }

  /** A benchmark's run. */
  interface Run {
    void run() throws Exception;
  }

  /**
   * Runs a benchmark and ends the JVM, with status 1 if it failed: the embedded broker's and the
   * notifier's threads would keep a failed run alive, and busy, skewing whatever runs next.
   */
  static void runThenExit(Run benchmark) {
    int status = 0;
    try {
      benchmark.run();
    } catch (Exception | Error e) {
      e.printStackTrace();
      status = 1;
    }
    System.exit(status);
  }

  /**
   * The {@code spring.*}, {@code convene.*} and {@code logging.*} options, as arguments for the
   * notifier.
   */
  static List<String> notifierArguments(Map<String, String> options) {
    List<String> arguments = new ArrayList<>();
    options.forEach(
        (name, value) -> {
          if (name.startsWith("spring.")
              || name.startsWith("convene.")
              || name.startsWith("logging.")) {
            arguments.add("--" + name + "=" + value);
          }
        });
    return arguments;
  }

  static int option(Map<String, String> options, String name, int fallback) {
    return Integer.parseInt(options.getOrDefault(name, Integer.toString(fallback)));
  }

  /** The machine's load average, as /proc/loadavg gives it: other work skews every figure. */
  static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).strip();
    } catch (IOException e) {
      return "unknown";
    }
  }

  /** A producer as the scheduler's relay configures it: idempotent, acks from all replicas. */
  static KafkaProducer<String, byte[]> producer(String bootstrapServers) {
    Map<String, Object> config =
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrapServers,
            ProducerConfig.ACKS_CONFIG,
            "all",
            ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
            true,
            ProducerConfig.LINGER_MS_CONFIG,
            5);
    return new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
  }

  /**
   * An event as the scheduler's outbox relay publishes it, keyed by its meeting and with the
   * CloudEvents headers: the notifier's consumers read the type there and leave unparsed the events
   * they have no use for (the answers' consumer every invitation), as they do in production.
   */
  static ProducerRecord<String, byte[]> record(String topic, MeetingEvent event, JsonMapper json) {
    List<Header> headers =
        List.of(
            header(CloudEventHeaders.ID, event.eventId().toString()),
            header(CloudEventHeaders.TYPE, event.cloudEventType()),
            header(CloudEventHeaders.SOURCE, CloudEventHeaders.SOURCE_SCHEDULER),
            header(CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_1_0));
    return new ProducerRecord<>(
        topic, null, event.meetingId().toString(), json.writeValueAsBytes(event), headers);
  }

  private static Header header(String name, String value) {
    return new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8));
  }
}
