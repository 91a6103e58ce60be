package org.convene.notifier;

import java.util.ArrayList;
import java.util.List;
import org.convene.notifier.testing.TestSmtp;
import org.convene.testing.EmbeddedPostgresServer;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A notifier started as its own application, beside the one the test context runs: to restart it,
 * to run two at once, or to run it with other settings. It reads its own topic into its own
 * database, so that the shared test context never sees its events.
 */
final class NotifierInstance implements AutoCloseable {

  private final ConfigurableApplicationContext context;

  private NotifierInstance(ConfigurableApplicationContext context) {
    this.context = context;
  }

  /**
   * Starts a notifier on the broker, reading {@code topic} in consumer group {@code group}, with its
   * ledger in {@code database}, sending to the test SMTP server.
   */
  static NotifierInstance start(String bootstrapServers, String topic, String group, String database, String... settings) {
    return start(TestSmtp.port(), bootstrapServers, topic, group, database, settings);
  }

  /** As {@link #start(String, String, String, String, String...)}, sending to the SMTP server on {@code smtpPort} of the loopback address. */
  static NotifierInstance start(int smtpPort, String bootstrapServers, String topic, String group, String database, String... settings) {
    // Arguments, which override application.properties (default properties would not).
    List<String> arguments = new ArrayList<>(List.of(
        "--spring.kafka.bootstrap-servers=" + bootstrapServers,
        "--spring.kafka.consumer.group-id=" + group,
        "--convene.notifier.topic=" + topic,
        "--spring.datasource.url=" + EmbeddedPostgresServer.jdbcUrl(database),
        "--spring.datasource.username=" + EmbeddedPostgresServer.username(),
        "--spring.datasource.password=" + EmbeddedPostgresServer.password(),
        "--spring.mail.host=" + TestSmtp.HOST,
        "--spring.mail.port=" + smtpPort));
    for (String setting : settings) {
      arguments.add("--" + setting);
    }
    ConfigurableApplicationContext context =
        new SpringApplicationBuilder(NotifierApplication.class).web(WebApplicationType.NONE).run(arguments.toArray(String[]::new));
    return new NotifierInstance(context);
  }

  /** The HTTP port, if started with {@code spring.main.web-application-type=servlet} and {@code server.port=0}. */
  int port() {
    return Integer.parseInt(context.getEnvironment().getRequiredProperty("local.server.port"));
  }

  <T> T bean(Class<T> type) {
    return context.getBean(type);
  }

  @Override
  public void close() {
    context.close();
  }
}
