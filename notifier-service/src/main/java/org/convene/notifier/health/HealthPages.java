package org.convene.notifier.health;

import java.util.Locale;
import org.convene.notifier.system.ConsoleMessages;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * The health page, and its figures alone: the page's script fetches the figures again every few
 * seconds and swaps them in, so the page refreshes without a reload (and without inline script,
 * which the console's content security policy forbids).
 */
@Controller
@RequestMapping("/ops/health")
class HealthPages {

  private final FlowHealthReport report;
  private final HealthProperties properties;
  private final MessageSource messages;

  HealthPages(
      FlowHealthReport report,
      HealthProperties properties,
      @Qualifier(ConsoleMessages.BEAN) MessageSource opsMessages) {
    this.report = report;
    this.properties = properties;
    this.messages = opsMessages;
  }

  @GetMapping
  String page(Model model, Locale locale) {
    figures(model, locale);
    return "ops/health";
  }

  @GetMapping("/figures")
  String figures(Model model, Locale locale) {
    FlowHealth health = report.now();
    model.addAttribute("health", health);
    // The JSON has the problems in English; the page says them in the viewer's language.
    model.addAttribute(
        "problems",
        health.problems().stream().map(problem -> messages.getMessage(problem, locale)).toList());
    model.addAttribute("refreshSeconds", properties.refresh().toSeconds());
    return "ops/health :: figures";
  }
}
