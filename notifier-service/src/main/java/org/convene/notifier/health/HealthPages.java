package org.convene.notifier.health;

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

  HealthPages(FlowHealthReport report, HealthProperties properties) {
    this.report = report;
    this.properties = properties;
  }

  @GetMapping
  String page(Model model) {
    figures(model);
    return "ops/health";
  }

  @GetMapping("/figures")
  String figures(Model model) {
    model.addAttribute("health", report.now());
    model.addAttribute("refreshSeconds", properties.refresh().toSeconds());
    return "ops/health :: figures";
  }
}
