package org.convene.scheduler.web;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Optional;

/**
 * The time zone of the person looking at a page, as their browser reports it: a small static script
 * stores the browser's zone in a cookie. Without that cookie (first page, scripts off) the pages
 * show a meeting in its own zone.
 */
final class ViewerZone {

  static final String COOKIE = "convene-zone";

  private ViewerZone() {}

  static Optional<ZoneId> of(HttpServletRequest request) {
    Cookie[] cookies = request.getCookies();
    if (cookies == null) {
      return Optional.empty();
    }
    for (Cookie cookie : cookies) {
      if (COOKIE.equals(cookie.getName())) {
        try {
          return Optional.of(
              ZoneId.of(
                  java.net.URLDecoder.decode(
                      cookie.getValue(), java.nio.charset.StandardCharsets.UTF_8)));
        } catch (DateTimeException | IllegalArgumentException unknown) {
          return Optional.empty();
        }
      }
    }
    return Optional.empty();
  }
}
