package org.convene.scheduler;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/** The built-in users of the tests' configuration, as HTTP Basic credentials on a request. */
public final class Callers {

  public static final RequestPostProcessor OFFICE =
      basic("office@bast.example.org", "office-secret");
  public static final RequestPostProcessor DISTRICT =
      basic("district@bast.example.org", "district-secret");
  public static final RequestPostProcessor OPS = basic("ops@bast.example.org", "ops-secret");

  private Callers() {}

  public static RequestPostProcessor basic(String username, String password) {
    String token =
        Base64.getEncoder()
            .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
    return request -> {
      request.addHeader(HttpHeaders.AUTHORIZATION, "Basic " + token);
      return request;
    };
  }
}
