package org.convene.notifier.audit;

import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ResponseBody;

/** The audit trail on the ops console, and as JSON. */
@Controller
class AuditPages {

  static final int SHOWN = 200;

  private final OpsAudit audit;

  AuditPages(OpsAudit audit) {
    this.audit = audit;
  }

  @GetMapping("/ops/audit")
  String page(Model model) {
    model.addAttribute("entries", audit.newest(SHOWN));
    return "ops/audit";
  }

  @GetMapping("/ops/api/audit")
  @ResponseBody
  List<OpsAudit.Entry> json() {
    return audit.newest(SHOWN);
  }
}
