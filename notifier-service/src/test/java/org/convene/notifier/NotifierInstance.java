package org.convene.notifier;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.CloseOptions.GroupMembershipOperation;
import org.apache.kafka.clients.consumer.Consumer;
import org.convene.notifier.testing.TestSmtp;
import org.convene.testing.EmbeddedPostgresServer;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaConsumerFactoryCustomizer;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;

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
   * Starts a notifier on the broker, reading {@code topic} in consumer group {@code group}, with
   * its ledger in {@code database}, sending to the test SMTP server.
   */
  static NotifierInstance start(
      String bootstrapServers, String topic, String group, String database, String... settings) {
    return start(TestSmtp.port(), bootstrapServers, topic, group, database, settings);
  }

  /**
   * As {@link #start(String, String, String, String, String...)}, sending to the SMTP server on
   * {@code smtpPort} of the loopback address.
   */
  static NotifierInstance start(
      int smtpPort,
      String bootstrapServers,
      String topic,
      String group,
      String database,
      String... settings) {
    return new NotifierInstance(
        builder().run(arguments(smtpPort, bootstrapServers, topic, group, database, settings)));
  }

  /**
   * As {@link #start(String, String, String, String, String...)}, but its consumers close as those
   * of a killed process do: without leaving their groups, so that the broker learns of it only when
   * their sessions time out. Closing it stands for a crash.
   */
  static NotifierInstance startCrashing(
      String bootstrapServers, String topic, String group, String database, String... settings) {
    ApplicationContextInitializer<GenericApplicationContext> remainInGroup =
        context ->
            context.registerBean(
                "consumersRemainInGroup",
                DefaultKafkaConsumerFactoryCustomizer.class,
                () -> NotifierInstance::remainInGroup);
    return new NotifierInstance(
        builder()
            .initializers(remainInGroup)
            .run(arguments(TestSmtp.port(), bootstrapServers, topic, group, database, settings)));
  }

  private static SpringApplicationBuilder builder() {
    return new SpringApplicationBuilder(NotifierApplication.class).web(WebApplicationType.NONE);
  }

  private static String[] arguments(
      int smtpPort,
      String bootstrapServers,
      String topic,
      String group,
      String database,
      String... settings) {
    // Arguments, which override application.properties (default properties would not).
    List<String> arguments =
        new ArrayList<>(
            List.of(
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
    return arguments.toArray(String[]::new);
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static void remainInGroup(DefaultKafkaConsumerFactory<?, ?> factory) {
    ((DefaultKafkaConsumerFactory) factory)
        .addPostProcessor(consumer -> remainingInGroup((Consumer<?, ?>) consumer));
  }

  private static Consumer<?, ?> remainingInGroup(Consumer<?, ?> consumer) {
    InvocationHandler handler =
        (proxy, method, arguments) -> {
          if (method.getName().equals("unsubscribe")) {
            // The container unsubscribes before it closes: that would leave the group.
            return null;
          }
          if (method.getName().equals("close")) {
            consumer.close(
                CloseOptions.groupMembershipOperation(GroupMembershipOperation.REMAIN_IN_GROUP));
            return null;
          }
          try {
            return method.invoke(consumer, arguments);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        };
    return (Consumer<?, ?>)
        Proxy.newProxyInstance(
            Consumer.class.getClassLoader(), new Class<?>[] {Consumer.class}, handler);
  }

  /**
   * The HTTP port, if started with {@code spring.main.web-application-type=servlet} and {@code
   * server.port=0}.
   */
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
