package org.convene.notifier.system;

import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.time.Clock;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.ResponseBody;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.spring6.view.ThymeleafViewResolver;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/**
 * The ops console's pages: Thymeleaf views from {@code templates/ops}, rendered by an engine of
 * their own, apart from the mail templates' engine (whose message source and resolvers are for
 * e-mail), with the console's own {@link ConsoleMessages}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class OpsConsoleConfiguration {

  /**
   * Named as Boot's own would be, so that Boot's Thymeleaf auto-configuration, where it is on the
   * class path, backs off rather than render the pages with the mail engine.
   */
  @Bean
  ThymeleafViewResolver thymeleafViewResolver(
      @Qualifier(ConsoleMessages.BEAN) MessageSource opsMessages) {
    ClassLoaderTemplateResolver templates = new ClassLoaderTemplateResolver();
    templates.setPrefix("templates/");
    templates.setSuffix(".html");
    templates.setTemplateMode(TemplateMode.HTML);
    templates.setCharacterEncoding(StandardCharsets.UTF_8.name());
    templates.setCheckExistence(true);
    templates.setCacheable(true);
    SpringTemplateEngine engine = new SpringTemplateEngine();
    engine.setTemplateResolver(templates);
    engine.setTemplateEngineMessageSource(opsMessages);
    engine.setEnableSpringELCompiler(true);
    ThymeleafViewResolver resolver = new ThymeleafViewResolver();
    resolver.setTemplateEngine(engine);
    resolver.setCharacterEncoding(StandardCharsets.UTF_8.name());
    resolver.setContentType("text/html;charset=UTF-8");
    resolver.setViewNames(new String[] {"ops/*"});
    return resolver;
  }

  /** Sends browsers that open the deliveries endpoint to the flow page. */
  @Bean
  FilterRegistrationBean<DeliveriesPageRedirect> deliveriesPageRedirect() {
    FilterRegistrationBean<DeliveriesPageRedirect> registration =
        new FilterRegistrationBean<>(new DeliveriesPageRedirect());
    registration.addUrlPatterns(DeliveriesPageRedirect.PATH);
    return registration;
  }

  /** The console's own pages: sign-in, its start, and the CSRF token for API clients. */
  @Controller
  static class ConsolePages {

    @GetMapping("/login")
    String login() {
      return "ops/login";
    }

    @GetMapping({"/ops", "/ops/"})
    String start() {
      return "redirect:/ops/dead-letters";
    }

    /**
     * The token an API client sends (header {@code X-CSRF-TOKEN}) with its writes, on the same
     * session.
     */
    @GetMapping("/ops/api/csrf")
    @ResponseBody
    CsrfToken csrf(CsrfToken token) {
      return token;
    }
  }

  /** Who is signed in, for the pages' header. */
  @ControllerAdvice(basePackages = "org.convene.notifier")
  static class Operator {

    @ModelAttribute("operator")
    @Nullable String operator(@Nullable Principal principal) {
      return principal == null ? null : principal.getName();
    }
  }

  /** How the pages show times: in the viewer's zone, as of the moment the page is drawn. */
  @ControllerAdvice(basePackages = "org.convene.notifier")
  static class Times {

    private final Clock clock;
    private final MessageSource opsMessages;

    Times(Clock clock, @Qualifier(ConsoleMessages.BEAN) MessageSource opsMessages) {
      this.clock = clock;
      this.opsMessages = opsMessages;
    }

    @ModelAttribute("times")
    ConsoleTimes times(HttpServletRequest request, Locale locale) {
      return new ConsoleTimes(ViewerZone.of(request), locale, clock.instant(), opsMessages);
    }
  }
}
