package org.convene.notifier.system;

import java.nio.charset.StandardCharsets;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.support.ResourceBundleMessageSource;

/**
 * The ops console's texts ({@code ops/messages}, English and Simplified Chinese): what its pages
 * say, chosen by the browser's language. Neither the application's message source nor the mail's.
 */
public final class ConsoleMessages {

  /** The bean's name; the mail has a message source of its own. */
  public static final String BEAN = "opsMessages";

  static final String BASENAME = "ops/messages";

  private ConsoleMessages() {}

  /**
   * The bean {@value #BEAN}, injected with that qualifier. Not only in a web application: the
   * health figures word their problems in English for the JSON with it.
   */
  @Configuration(proxyBeanMethods = false)
  static class Bundles {

    @Bean(BEAN)
    MessageSource opsMessages() {
      return create();
    }
  }

  /** The console's bundles; also for tests that check what a page says. */
  public static MessageSource create() {
    ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
    messages.setBasename(BASENAME);
    messages.setDefaultEncoding(StandardCharsets.UTF_8.name());
    // The base bundle is English: the server's own locale must not pick an operator's language.
    messages.setFallbackToSystemLocale(false);
    return messages;
  }
}
