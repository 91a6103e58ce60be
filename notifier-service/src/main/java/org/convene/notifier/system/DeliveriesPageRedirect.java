package org.convene.notifier.system;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * A browser asking for {@code /actuator/deliveries} (HTML, which the endpoint cannot give: 406) is
 * sent to the console's flow page for the same meeting or recipient instead.
 */
final class DeliveriesPageRedirect extends OncePerRequestFilter {

  static final String PATH = "/actuator/deliveries";

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !"GET".equals(request.getMethod()) || !wantsHtml(request.getHeader("Accept"));
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String meetingId = request.getParameter("meetingId");
    String recipient = request.getParameter("recipient");
    String query = meetingId != null && !meetingId.isBlank() ? meetingId : recipient;
    UriComponentsBuilder flow =
        UriComponentsBuilder.fromPath(request.getContextPath() + "/ops/flow");
    if (query != null && !query.isBlank()) {
      flow.queryParam("q", query.strip());
    }
    if (meetingId != null && !meetingId.isBlank() && recipient != null && !recipient.isBlank()) {
      flow.queryParam("recipient", recipient.strip());
    }
    response.sendRedirect(flow.build().encode().toUriString());
  }

  /** Whether the client prefers HTML to JSON, as a browser does. */
  static boolean wantsHtml(String accept) {
    if (accept == null || accept.isBlank()) {
      return false;
    }
    double html = 0;
    double json = 0;
    for (MediaType type : MediaType.parseMediaTypes(accept)) {
      if (type.equalsTypeAndSubtype(MediaType.TEXT_HTML)) {
        html = Math.max(html, type.getQualityValue());
      } else if (type.equalsTypeAndSubtype(MediaType.APPLICATION_JSON)) {
        json = Math.max(json, type.getQualityValue());
      }
    }
    return html > 0 && html > json;
  }
}
