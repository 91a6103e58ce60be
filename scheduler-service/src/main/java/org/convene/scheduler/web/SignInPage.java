package org.convene.scheduler.web;

import org.convene.scheduler.security.OidcSignIn;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The sign-in page: the form for built-in users, or a link to the organisation's OpenID Connect
 * provider in {@code jwt} mode (also where signing out there ends). Spring Security handles the
 * form's submission, the provider's answer and signing out.
 */
@Controller
class SignInPage {

  private final boolean atProvider;

  SignInPage(ObjectProvider<OidcSignIn> oidcSignIn) {
    this.atProvider = oidcSignIn.getIfAvailable() != null;
  }

  @GetMapping("/login")
  String signIn(Model model) {
    model.addAttribute("providerSignIn", atProvider ? OidcSignIn.START_PATH : null);
    return "web/login";
  }

  @GetMapping("/")
  String home() {
    return "redirect:/meetings";
  }
}
