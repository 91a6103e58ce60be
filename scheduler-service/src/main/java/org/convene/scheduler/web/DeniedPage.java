package org.convene.scheduler.web;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.WebAttributes;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;

/**
 * The page a refusal by the security filters is forwarded to. A form whose CSRF token is missing or
 * no longer the session's (it was open across a sign-in, or the session ended) says so and how to
 * go on; any other refusal is the pages' usual "not allowed".
 */
@Controller
class DeniedPage {

  static final String PATH = "/denied";

  /** Any method: the forward keeps the refused request's, usually POST. */
  @RequestMapping(PATH)
  @ResponseStatus(HttpStatus.FORBIDDEN)
  String denied(HttpServletRequest request, Model model) {
    boolean csrf = request.getAttribute(WebAttributes.ACCESS_DENIED_403) instanceof CsrfException;
    model.addAttribute("status", HttpStatus.FORBIDDEN.value());
    model.addAttribute("headline", csrf ? "error.csrf" : "error.forbidden");
    model.addAttribute("detailKey", csrf ? "error.csrfDetail" : null);
    model.addAttribute("detail", "");
    return "web/error";
  }
}
