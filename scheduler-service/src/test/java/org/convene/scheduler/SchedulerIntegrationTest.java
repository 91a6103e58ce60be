package org.convene.scheduler;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.convene.events.CloudEventHeaders;
import org.convene.testing.EmbeddedPostgresServer;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.ContextConfiguration;

/**
 * The scheduler on real infrastructure: an embedded KRaft Kafka broker and an embedded PostgreSQL.
 * Every test class that carries this annotation, and declares no configuration of its own (no
 * {@code @DynamicPropertySource}, properties or mocked beans), shares one application context: the
 * database is registered by an initializer named here, which is part of the context's cache key,
 * rather than by a method on each class, which is not shared.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureMockMvc
@ContextConfiguration(initializers = SchedulerIntegrationTest.Database.class)
@EmbeddedKafka(
    partitions = 3,
    topics = CloudEventHeaders.DEFAULT_TOPIC,
    bootstrapServersProperty = "spring.kafka.bootstrap-servers")
public @interface SchedulerIntegrationTest {

  /** Points the data source at the shared embedded PostgreSQL server's test database. */
  final class Database implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
      TestPropertyValues.of(
              "spring.datasource.url=" + EmbeddedPostgresServer.jdbcUrl("scheduler_it"),
              "spring.datasource.username=" + EmbeddedPostgresServer.username(),
              "spring.datasource.password=" + EmbeddedPostgresServer.password())
          .applyTo(context);
    }
  }
}
