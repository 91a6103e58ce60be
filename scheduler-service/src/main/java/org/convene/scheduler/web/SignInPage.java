package org.convene.scheduler.web;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The sign-in form; Spring Security handles its submission and signing out. */
@Controller
class SignInPage {

  @GetMapping("/login")
  String signIn() {
    return "web/login";
  }

  @GetMapping("/")
  String home() {
    return "redirect:/meetings";
  }
}
