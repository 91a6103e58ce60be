package org.convene.infra;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The three meetings of the seed documents, as request bodies of {@code POST /api/meetings} in
 * {@code demo/*.json}. Their dates are historical; {@link #upcoming(Clock)} moves the n-th meeting
 * to n days after today (in its own time zone), keeping its time of day and its length, so the
 * invitations are for meetings still to come.
 */
final class DemoData {

  static final List<String> MEETINGS =
      List.of(
          "demo/theory-discussing-meeting-2022.json",
          "demo/united-front-work-meeting-2021.json",
          "demo/work-planning-docking-meeting-2020.json");

  private static final JsonMapper JSON = JsonMapper.shared();
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

  private DemoData() {}

  /** The demo meetings as written in the resources. */
  static List<ObjectNode> asWritten() {
    List<ObjectNode> meetings = new ArrayList<>();
    for (String resource : MEETINGS) {
      try (InputStream in = DemoData.class.getClassLoader().getResourceAsStream(resource)) {
        if (in == null) {
          throw new IllegalStateException("missing resource " + resource);
        }
        meetings.add((ObjectNode) JSON.readTree(in));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + resource, e);
      }
    }
    return meetings;
  }

  /** The demo meetings, the n-th (counting from 1) moved to today + n days. */
  static List<ObjectNode> upcoming(Clock clock) {
    List<ObjectNode> meetings = asWritten();
    for (int i = 0; i < meetings.size(); i++) {
      ObjectNode meeting = meetings.get(i);
      ZoneId zone = ZoneId.of(meeting.required("timeZone").asString());
      shift(meeting, LocalDate.now(clock.withZone(zone)).plusDays(i + 1L));
    }
    return meetings;
  }

  /** Moves {@code meeting} to {@code day}, keeping its start time of day and its duration. */
  static ObjectNode shift(ObjectNode meeting, LocalDate day) {
    LocalDateTime start = LocalDateTime.parse(meeting.required("start").asString());
    LocalDateTime end = LocalDateTime.parse(meeting.required("end").asString());
    LocalDateTime newStart = day.atTime(start.toLocalTime());
    meeting.put("start", newStart.toString());
    meeting.put("end", newStart.plus(Duration.between(start, end)).toString());
    return meeting;
  }

  /**
   * Creates the upcoming demo meetings through the scheduler's API, reporting each to {@code
   * report}. A meeting the API refuses is reported and skipped.
   *
   * @return how many meetings were created
   */
  static int load(URI meetingsApi, Clock clock, Consumer<String> report) {
    HttpClient http = HttpClient.newHttpClient();
    int created = 0;
    for (ObjectNode meeting : upcoming(clock)) {
      String title = meeting.path("title").asString("");
      HttpRequest request =
          HttpRequest.newBuilder(meetingsApi)
              .timeout(REQUEST_TIMEOUT)
              .header("Authorization", organiserAccount(meeting).authorization())
              .header("Content-Type", "application/json")
              .header("Accept", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(meeting)))
              .build();
      try {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 201) {
          created++;
          JsonNode body = JSON.readTree(response.body());
          report.accept(
              "Demo meeting created: %s, %s %s, %d participants (id %s)"
                  .formatted(
                      title,
                      meeting.path("start").asString().replace('T', ' '),
                      meeting.path("timeZone").asString(),
                      meeting.path("participants").size(),
                      body.path("id").asString("?")));
        } else {
          report.accept(
              "Demo meeting NOT created: %s: HTTP %d %s"
                  .formatted(title, response.statusCode(), oneLine(response.body())));
        }
      } catch (IOException | JacksonException e) {
        report.accept("Demo meeting NOT created: %s: %s".formatted(title, e.getMessage()));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    return created;
  }

  /** The local account that organises {@code meeting}: only the organiser may schedule it. */
  static LocalAccounts.Account organiserAccount(JsonNode meeting) {
    String organiser = meeting.path("organiser").path("email").asString("");
    return LocalAccounts.byUsername(organiser)
        .orElseThrow(
            () -> new IllegalStateException("no local account for organiser " + organiser));
  }

  private static String oneLine(String text) {
    String line = text.replaceAll("\\s+", " ").strip();
    return line.length() > 300 ? line.substring(0, 300) + "..." : line;
  }
}
