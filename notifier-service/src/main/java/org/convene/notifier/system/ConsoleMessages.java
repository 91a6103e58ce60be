package org.convene.notifier.system;

import java.nio.charset.StandardCharsets;
import org.springframework.context.MessageSource;
import org.springframework.context.support.ResourceBundleMessageSource;

/**
 * The ops console's texts ({@code ops/messages}, English and Simplified Chinese): what its pages
 * say, chosen by the browser's language. Neither the application's message source nor the mail's.
 */
public final class ConsoleMessages {

  static final String BASENAME = "ops/messages";

  private ConsoleMessages() {}

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
