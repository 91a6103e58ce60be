package org.convene.notifier.invitation;

import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

@Configuration(proxyBeanMethods = false)
class InvitationConfiguration {

  static final String TEMPLATES = "templates/mail/";
  static final String MESSAGES = "mail/messages";

  /** The mail's own message bundles, English and Simplified Chinese; not the application's. */
  @Bean
  ResourceBundleMessageSource mailMessages() {
    return newMailMessages();
  }

  /** The engine for mail only: HTML and text templates, with the mail's own message bundles. */
  @Bean
  SpringTemplateEngine mailTemplateEngine(ResourceBundleMessageSource mailMessages) {
    return newMailTemplateEngine(mailMessages);
  }

  static SpringTemplateEngine newMailTemplateEngine(ResourceBundleMessageSource messages) {
    SpringTemplateEngine engine = new SpringTemplateEngine();
    engine.addTemplateResolver(resolver(1, "*.html", TemplateMode.HTML));
    engine.addTemplateResolver(resolver(2, "*.txt", TemplateMode.TEXT));
    engine.setTemplateEngineMessageSource(messages);
    // Compiled, the templates' property reads are plain calls; interpreted, every read looks the
    // getter up again by reflection (Thymeleaf's evaluation context is new per message), which took
    // a third of the dispatchers' time.
    engine.setEnableSpringELCompiler(true);
    return engine;
  }

  private static ClassLoaderTemplateResolver resolver(
      int order, String pattern, TemplateMode mode) {
    ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver();
    resolver.setOrder(order);
    resolver.setResolvablePatterns(Set.of(pattern));
    resolver.setPrefix(TEMPLATES);
    resolver.setTemplateMode(mode);
    resolver.setCharacterEncoding(StandardCharsets.UTF_8.name());
    resolver.setCacheable(true);
    resolver.setCheckExistence(true);
    return resolver;
  }

  static ResourceBundleMessageSource newMailMessages() {
    ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
    messages.setBasename(MESSAGES);
    messages.setDefaultEncoding(StandardCharsets.UTF_8.name());
    // The base bundle is English; the server's own locale must not pick the language of a mail.
    messages.setFallbackToSystemLocale(false);
    return messages;
  }
}
