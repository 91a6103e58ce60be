package org.convene.notifier.health;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The health page as JSON, for scripts and alerting: every figure, its threshold, and problems. */
@RestController
class HealthApi {

  private final FlowHealthReport report;

  HealthApi(FlowHealthReport report) {
    this.report = report;
  }

  @GetMapping("/ops/api/health")
  FlowHealth health() {
    return report.now();
  }
}
