package org.convene.notifier;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A script using the ops console's JSON API over HTTP as an operator would: HTTP Basic, a session
 * cookie, and the CSRF token taken from {@code /ops/api/csrf} for every write.
 */
final class OpsSession {

  static final String USER = "ops";
  static final String PASSWORD = "ops-secret";

  private static final JsonMapper json = JsonMapper.builder().build();

  private final int port;
  private final HttpClient http;

  OpsSession(int port) {
    this.port = port;
    this.http =
        HttpClient.newBuilder()
            .cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  JsonNode get(String path) {
    HttpResponse<String> response = send(request(path).GET(), true);
    assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
    return json.readTree(response.body());
  }

  /** A console page as HTML, signed in as the operator. */
  String page(String path) {
    HttpResponse<String> response = send(request(path).header("Accept", "text/html").GET(), true);
    assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
    return response.body();
  }

  /** A write with the operator's credentials and CSRF token; the response as it is. */
  HttpResponse<String> post(String path, String body) {
    JsonNode csrf = get("/ops/api/csrf");
    return send(
        request(path)
            .header(csrf.get("headerName").asString(), csrf.get("token").asString())
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body)),
        true);
  }

  /** A write that must succeed; its JSON answer. */
  JsonNode write(String path, String body) {
    HttpResponse<String> response = post(path, body);
    assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
    return json.readTree(response.body());
  }

  /** A write with the operator's credentials but no CSRF token. */
  HttpResponse<String> postWithoutCsrf(String path, String body) {
    return send(
        request(path)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body)),
        true);
  }

  /**
   * A write with no credentials but a valid CSRF token: that of the sign-in page, on its own
   * anonymous session.
   */
  HttpResponse<String> postAnonymously(String path, String body) {
    HttpClient anonymous =
        HttpClient.newBuilder()
            .cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    HttpResponse<String> login = send(anonymous, request("/login").GET());
    assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
    Matcher token = CSRF_FIELD.matcher(login.body());
    assertThat(token.find()).as("CSRF field on the sign-in page").isTrue();
    return send(
        anonymous,
        request(path)
            .header("X-CSRF-TOKEN", token.group(1))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  private static final Pattern CSRF_FIELD = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"");

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
  }

  private HttpResponse<String> send(HttpRequest.Builder request, boolean authenticated) {
    if (authenticated) {
      request.header(
          "Authorization",
          "Basic "
              + Base64.getEncoder()
                  .encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8)));
    }
    return send(http, request);
  }

  private static HttpResponse<String> send(HttpClient client, HttpRequest.Builder request) {
    try {
      return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
