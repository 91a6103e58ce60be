package org.convene.scheduler.system;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import java.util.Map;
import java.util.Set;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI description: a real title and version, and every refusal an operation can answer,
 * each as RFC 9457 problem details. Refusals come from the problem-details advice and the security
 * chain, which springdoc cannot see, so they are declared here by kind of operation.
 */
@Configuration(proxyBeanMethods = false)
class ApiDocumentation {

  static final String TITLE = "Convene scheduler API";
  static final String VERSION = "1.0";
  private static final String PROBLEM = "ProblemDetail";
  private static final String PROBLEM_JSON = "application/problem+json";

  /** Operations that create a resource and answer 201 with it. */
  private static final Set<String> CREATING = Set.of("POST /api/meetings", "POST /api/groups");

  @Bean
  OpenAPI conveneOpenApi() {
    return new OpenAPI()
        .info(
            new Info()
                .title(TITLE)
                .version(VERSION)
                .description(
                    "Organisers schedule and change meetings; every change is published to the participants."));
  }

  @Bean
  OpenApiCustomizer refusalsAsProblemDetails() {
    return api -> {
      // Added last: springdoc derives a thinner schema of the same name from Spring's
      // ProblemDetail.
      if (api.getComponents() == null) {
        api.setComponents(new Components());
      }
      api.getComponents().addSchemas(PROBLEM, problemSchema());
      api.getPaths()
          .forEach(
              (path, item) -> {
                if (path.startsWith("/api/")) {
                  item.readOperationsMap()
                      .forEach((method, operation) -> document(path, method, operation));
                }
              });
    };
  }

  private static void document(String path, PathItem.HttpMethod method, Operation operation) {
    ApiResponses responses =
        operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
    if (CREATING.contains(method + " " + path) && responses.containsKey("200")) {
      ApiResponse created =
          responses.remove("200").description("Created; Location and ETag name the new resource");
      responses.addApiResponse("201", created);
    }
    responses.addApiResponse("400", problem("The request is invalid; errors name each field"));
    responses.addApiResponse("401", problem("Not signed in"));
    responses.addApiResponse("403", problem("The caller may not do this"));
    if (path.contains("{")) {
      responses.addApiResponse("404", problem("No such resource"));
    }
    boolean change = method != PathItem.HttpMethod.GET && !CREATING.contains(method + " " + path);
    if (change || CREATING.contains(method + " " + path)) {
      responses.addApiResponse(
          "409",
          problem("The resource's state does not allow this (cancelled, already invited, ...)"));
    }
    if (change) {
      responses.addApiResponse(
          "412", problem("If-Match does not match the current ETag, which the answer carries"));
      responses.addApiResponse("428", problem("If-Match is missing"));
    }
    operation.setResponses(responses);
  }

  private static ApiResponse problem(String description) {
    return new ApiResponse()
        .description(description)
        .content(
            new Content()
                .addMediaType(
                    PROBLEM_JSON,
                    new MediaType()
                        .schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM))));
  }

  @SuppressWarnings("rawtypes")
  private static Schema problemSchema() {
    ObjectSchema fieldProblem = new ObjectSchema();
    fieldProblem.setProperties(
        Map.of(
            "field",
                new StringSchema()
                    .description("JSON path of the value in the request, or the header's name"),
            "message", new StringSchema().description("what is wrong with it")));
    ObjectSchema problem = new ObjectSchema();
    problem.description("RFC 9457 problem details");
    problem.addProperty(
        "type",
        new StringSchema()
            .format("uri")
            .description("such as urn:convene:problem:invalid-request"));
    problem.addProperty("title", new StringSchema());
    problem.addProperty("status", new IntegerSchema());
    problem.addProperty("detail", new StringSchema());
    problem.addProperty("instance", new StringSchema().format("uri"));
    problem.addProperty(
        "errors", new ArraySchema().items(fieldProblem).description("for 400: each broken field"));
    problem.addProperty(
        "currentRevision",
        new IntegerSchema().format("int64").description("for 412: the current revision"));
    problem.addProperty(
        "reference", new StringSchema().description("for 500: the reference in the service's log"));
    return problem;
  }
}
