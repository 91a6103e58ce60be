package org.convene.notifier.system;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.ZoneId;

/**
 * The time zone of the person looking at a console page, as their browser reports it: the static
 * script {@code /js/zone.js} stores it in a cookie, as the organisers' pages do. Without it (first
 * page, scripts off, a zone the server does not know) times are shown in UTC, and the page says so.
 */
final class ViewerZone {

  static final String COOKIE = "convene-zone";

  private static final ZoneId UTC = ZoneId.of("UTC");

  private ViewerZone() {}

  static ZoneId of(HttpServletRequest request) {
    Cookie[] cookies = request.getCookies();
    if (cookies != null) {
      for (Cookie cookie : cookies) {
        if (COOKIE.equals(cookie.getName())) {
          try {
            return ZoneId.of(URLDecoder.decode(cookie.getValue(), StandardCharsets.UTF_8));
          } catch (DateTimeException | IllegalArgumentException unknown) {
            return UTC;
          }
        }
      }
    }
    return UTC;
  }
}
