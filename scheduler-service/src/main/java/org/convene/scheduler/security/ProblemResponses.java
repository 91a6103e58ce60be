package org.convene.scheduler.security;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import tools.jackson.databind.json.JsonMapper;

/** Writes 401 and 403 answers as RFC 9457 problem details, like every other refusal. */
final class ProblemResponses {

  static final URI UNAUTHENTICATED = URI.create("urn:convene:problem:unauthenticated");
  static final URI FORBIDDEN = URI.create("urn:convene:problem:forbidden");

  private ProblemResponses() {}

  static void write(
      JsonMapper json, HttpServletResponse response, HttpStatus status, URI type, String detail)
      throws IOException {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
    problem.setType(type);
    problem.setTitle(status == HttpStatus.UNAUTHORIZED ? "Authentication required" : "Forbidden");
    response.setStatus(status.value());
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    json.writeValue(response.getOutputStream(), problem);
  }
}
