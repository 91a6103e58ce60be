package org.convene.scheduler.web;

import org.convene.scheduler.security.MeetingAccess;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** What every page's header shows: who is signed in, and whether they may schedule meetings. */
@ControllerAdvice(basePackageClasses = PageModel.class)
class PageModel {

  /** The signed-in person as the header names them. */
  record Viewer(String name, String email, boolean ops) {}

  private final ObjectProvider<MeetingAccess> access;

  /**
   * Looked up when a page is rendered: web slices of the API load every controller advice, and this
   * one must not drag the security package's beans into them.
   */
  PageModel(ObjectProvider<MeetingAccess> access) {
    this.access = access;
  }

  @ModelAttribute("viewer")
  Viewer viewer() {
    Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
    if (authentication == null
        || authentication instanceof AnonymousAuthenticationToken
        || !authentication.isAuthenticated()) {
      return null;
    }
    MeetingAccess rules = access.getObject();
    var caller = rules.caller();
    return new Viewer(caller.name(), caller.mailbox().address(), rules.callerIsOps());
  }
}
