package org.convene.scheduler;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.convene.events.CloudEventHeaders;
import org.convene.testing.EmbeddedPostgresServer;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The scheduler on real infrastructure: an embedded KRaft Kafka broker and an embedded
 * PostgreSQL. Every test class that carries this annotation shares one application context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest
@AutoConfigureMockMvc
@EmbeddedKafka(
    partitions = 3,
    topics = CloudEventHeaders.DEFAULT_TOPIC,
    bootstrapServersProperty = "spring.kafka.bootstrap-servers")
public @interface SchedulerIntegrationTest {

  /** Registers the embedded database; call from a {@code @DynamicPropertySource} method. */
  final class Database {
    private Database() {}

    public static void register(DynamicPropertyRegistry registry) {
      registry.add("spring.datasource.url", () -> EmbeddedPostgresServer.jdbcUrl("scheduler_it"));
      registry.add("spring.datasource.username", EmbeddedPostgresServer::username);
      registry.add("spring.datasource.password", EmbeddedPostgresServer::password);
    }
  }
}
