package org.convene.notifier.invitation;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/** Links that may become a calendar URL or an HTML {@code href}: absolute http(s) only. */
final class WebLinks {

  private WebLinks() {}

  /** The link, or {@code null} if it is missing or not an absolute http(s) URL. */
  static URI parse(String link) {
    if (link == null || link.isBlank()) {
      return null;
    }
    try {
      URI uri = new URI(link.strip());
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
        return uri;
      }
      return null;
    } catch (URISyntaxException e) {
      return null;
    }
  }

  /** {@link #parse(String)} as text, for templates. */
  static String text(String link) {
    URI uri = parse(link);
    return uri == null ? null : uri.toString();
  }
}
