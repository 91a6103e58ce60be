package org.convene.scheduler.web;

import java.util.Map;
import org.convene.scheduler.system.ConflictException;
import org.convene.scheduler.system.ResourceNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.ModelAndView;

/**
 * Refusals on the pages are pages, not the API's problem details: this advice is ordered before the
 * API's and answers only for the pages' controllers.
 */
@ControllerAdvice(basePackageClasses = PageErrorAdvice.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class PageErrorAdvice {

  private static final Logger log = LoggerFactory.getLogger(PageErrorAdvice.class);

  private final PageModel pageModel;

  PageErrorAdvice(PageModel pageModel) {
    this.pageModel = pageModel;
  }

  @ExceptionHandler(AccessDeniedException.class)
  ModelAndView forbidden(AccessDeniedException ex) {
    return page(HttpStatus.FORBIDDEN, "error.forbidden", ex.getMessage());
  }

  @ExceptionHandler({ResourceNotFoundException.class, MethodArgumentTypeMismatchException.class})
  ModelAndView notFound(Exception ex) {
    return page(HttpStatus.NOT_FOUND, "error.notFound", null);
  }

  @ExceptionHandler(ConflictException.class)
  ModelAndView conflict(ConflictException ex) {
    return page(HttpStatus.CONFLICT, "error.conflict", ex.getMessage());
  }

  @ExceptionHandler(Exception.class)
  ModelAndView unexpected(Exception ex) {
    String reference = java.util.UUID.randomUUID().toString();
    log.error("Unexpected failure {} on a page", reference, ex);
    return page(HttpStatus.INTERNAL_SERVER_ERROR, "error.internal", "Reference: " + reference);
  }

  /**
   * Model attribute methods do not run for exception handlers: the header's viewer is added here.
   */
  private ModelAndView page(HttpStatus status, String headline, String detail) {
    Map<String, Object> model =
        new java.util.HashMap<>(
            Map.of(
                "status",
                status.value(),
                "headline",
                headline,
                "detail",
                detail == null ? "" : detail));
    model.put("viewer", pageModel.viewer());
    return new ModelAndView("web/error", model, status);
  }
}
