package org.convene.notifier.system;

import jakarta.mail.Session;
import java.util.Properties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * The Jakarta Mail session that messages are written for and sent through: Boot's mail settings
 * ({@code spring.mail.*}, including {@code spring.mail.properties.*}) plus plain sockets with
 * TCP_NODELAY.
 */
@Configuration(proxyBeanMethods = false)
class MailConfiguration {

  @Bean
  Session mailSession(JavaMailSenderImpl mailSender) {
    Properties properties = new Properties();
    properties.putAll(mailSender.getJavaMailProperties());
    String protocol = mailSender.getProtocol() == null ? "smtp" : mailSender.getProtocol();
    // An instance, not a class name: Jakarta Mail takes a SocketFactory object from the session's
    // properties. TLS (smtps, STARTTLS) layers over the socket it makes.
    properties.putIfAbsent("mail." + protocol + ".socketFactory", new NoDelaySocketFactory());
    return Session.getInstance(properties);
  }
}
