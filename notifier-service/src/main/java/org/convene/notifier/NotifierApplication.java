package org.convene.notifier;

import org.convene.notifier.delivery.DeliveryProperties;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication(proxyBeanMethods = false)
@ConfigurationPropertiesScan
public class NotifierApplication {

  /**
   * Takes the settings only to have them bound and validated first: this bean is created before any
   * that connects to PostgreSQL, Kafka or SMTP, so a bad value stops start-up with its name rather
   * than behind a connection error.
   */
  NotifierApplication(NotifierProperties properties, DeliveryProperties delivery) {}

  public static void main(String[] args) {
    SpringApplication.run(NotifierApplication.class, args);
  }
}
