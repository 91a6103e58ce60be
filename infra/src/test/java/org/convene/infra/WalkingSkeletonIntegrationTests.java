package org.convene.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Stream;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Component;
import net.fortuna.ical4j.model.Parameter;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.property.Attendee;
import net.fortuna.ical4j.model.property.Sequence;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The walking skeleton, end to end: the real scheduler and notifier jars as processes, on the
 * embedded broker, database and mail server. A meeting created over HTTP must reach every
 * participant's inbox exactly once as an iTIP REQUEST.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(ConveneStack.Shared.class)
class WalkingSkeletonIntegrationTests {

  private static final Duration DELIVERED_WITHIN = Duration.ofSeconds(60);
  private static final JsonMapper JSON = JsonMapper.shared();

  private final HttpClient http = HttpClient.newHttpClient();
  private final Session mailSession = Session.getInstance(new Properties());
  private EmbeddedInfrastructure infrastructure;
  private ServiceProcess scheduler;

  // The stack is shared with the other end-to-end classes, and stopped after the last of them.
  @BeforeAll
  void useConvene(ConveneStack stack) {
    infrastructure = stack.infrastructure();
    scheduler = stack.scheduler();
  }

  @Test
  void scheduledMeetingInvitesEveryParticipantOnceWithAnItipRequest() throws Exception {
    String domain = "@skeleton.example.org";
    Map<String, String> expectedRoles = new LinkedHashMap<>();
    expectedRoles.put("shen.jie" + domain, "CHAIR");
    expectedRoles.put("tian.wen" + domain, "REQ-PARTICIPANT");
    expectedRoles.put("chen.weicheng" + domain, "REQ-PARTICIPANT");
    expectedRoles.put("li.na" + domain, "OPT-PARTICIPANT");
    expectedRoles.put("archive" + domain, "NON-PARTICIPANT");
    String request =
        meeting(
            "2022 theory-discussing meeting",
            domain,
            """
            {"name": "Shen Jie", "email": "shen.jie%1$s", "role": "CHAIR", "language": "zh-CN", "timeZone": "Asia/Shanghai"},
            {"name": "Tian Wen", "email": "tian.wen%1$s", "role": "VOTING", "language": "zh-CN", "timeZone": null},
            {"name": "Chen Weicheng", "email": "chen.weicheng%1$s", "role": "VOTING", "language": "en", "timeZone": "Europe/Berlin"},
            {"name": "Li Na", "email": "li.na%1$s", "role": "NON_VOTING", "language": "zh-CN", "timeZone": null},
            {"name": "BAST Archive", "email": "archive%1$s", "role": "INFORMATION", "language": "en", "timeZone": null}
            """
                .formatted(domain));

    HttpResponse<String> created = post(request);

    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    assertThat(created.headers().firstValue("Location")).isPresent();
    JsonNode body = JSON.readTree(created.body());
    String meetingId = body.path("id").asString();
    long revision = body.path("revision").asLong();
    assertThat(meetingId).isNotBlank();
    assertThat(revision).isEqualTo(1);

    HttpResponse<String> read = get(scheduler.baseUri().resolve("/api/meetings/" + meetingId));
    assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
    assertThat(JSON.readTree(read.body()).path("title").asString())
        .isEqualTo("2022 theory-discussing meeting");

    await("one invitation per participant")
        .atMost(DELIVERED_WITHIN)
        .untilAsserted(
            () ->
                assertThat(inboxSizes(expectedRoles.keySet()))
                    .allSatisfy((who, size) -> assertThat(size).isPositive()));
    await("no second invitation")
        .during(Duration.ofSeconds(5))
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                inboxSizes(expectedRoles.keySet()).values().stream().allMatch(size -> size == 1)
                    && infrastructure
                            .greenMail()
                            .getReceivedMessagesForDomain(domain.substring(1))
                            .length
                        == expectedRoles.size());

    List<String> uids = new ArrayList<>();
    for (Map.Entry<String, String> recipient : expectedRoles.entrySet()) {
      MimeMessage invitation = inbox(recipient.getKey()).getFirst();
      Part calendarPart = calendarPart(invitation);
      assertThat(new ContentType(calendarPart.getContentType()).getParameter("method"))
          .as("method= of the text/calendar part to %s", recipient.getKey())
          .isEqualToIgnoringCase("REQUEST");

      Calendar calendar = parse(calendarPart);
      assertThat(calendar.getProperty(Property.METHOD))
          .get()
          .extracting(Property::getValue)
          .isEqualTo("REQUEST");
      VEvent event = calendar.<VEvent>getComponent(Component.VEVENT).orElseThrow();
      assertThat(event.<Sequence>getProperty(Property.SEQUENCE))
          .get()
          .extracting(Sequence::getSequenceNo)
          .isEqualTo((int) revision);
      uids.add(event.getUid().orElseThrow().getValue());
      assertThat(roleOf(event, recipient.getKey()))
          .as("ROLE of %s", recipient.getKey())
          .isEqualTo(recipient.getValue());
    }
    assertThat(uids).hasSize(expectedRoles.size());
    assertThat(new HashSet<>(uids)).singleElement().asString().contains(meetingId);
  }

  @Test
  void everyDeliveredMessageIsWrittenToTheMailFolder() throws Exception {
    String domain = "@drop.example.org";
    String request =
        meeting(
            "2021 united front work meeting",
            domain,
            """
            {"name": "Tian Wen", "email": "tian.wen%1$s", "role": "CHAIR", "language": "zh-CN", "timeZone": null},
            {"name": "Sun Li", "email": "sun.li%1$s", "role": "VOTING", "language": "en", "timeZone": null}
            """
                .formatted(domain));

    HttpResponse<String> created = post(request);
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);

    await("an .eml file per recipient")
        .atMost(DELIVERED_WITHIN)
        .untilAsserted(
            () ->
                assertThat(emlFiles())
                    .anyMatch(f -> f.contains("-tian.wen" + domain + "-"))
                    .anyMatch(f -> f.contains("-sun.li" + domain + "-")));
    try (Stream<Path> files = Files.list(infrastructure.mailFolder())) {
      for (Path file : files.filter(f -> f.getFileName().toString().contains(domain)).toList()) {
        assertThat(file.getFileName().toString()).matches("\\d{4}-.+\\.eml");
        try (InputStream in = Files.newInputStream(file)) {
          assertThat(
                  parse(calendarPart(new MimeMessage(mailSession, in)))
                      .getProperty(Property.METHOD))
              .isPresent();
        }
      }
    }
  }

  private static String meeting(String title, String domain, String participants) {
    // Three days ahead: no reminder (1 day and 1 hour before, by default) falls due during the
    // test.
    LocalDate day = LocalDate.now(ZoneId.of("Asia/Shanghai")).plusDays(3);
    return """
    {"title": "%1$s",
     "description": "Walking skeleton test meeting",
     "organiser": {"name": "BAST General Office", "email": "%6$s"},
     "start": "%3$sT09:00", "end": "%3$sT11:00", "timeZone": "Asia/Shanghai",
     "location": "BAST head office, meeting room 1", "onlineLink": null,
     "documents": [{"title": "Work plan", "url": "https://docs.bast.example.org/plan.pdf"}],
     "participants": [%4$s],
     "agenda": [{"title": "Opening", "presenterEmail": "%5$s", "durationMinutes": 20, "notes": "Ten minutes each"}]}
    """
        .formatted(
            title,
            domain,
            day,
            participants,
            firstEmail(participants),
            LocalAccounts.GENERAL_OFFICE.username());
  }

  private static String firstEmail(String participants) {
    return JSON.readTree("[" + participants + "]").get(0).path("email").asString();
  }

  private HttpResponse<String> post(String json) throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(scheduler.baseUri().resolve("/api/meetings"))
            .header("Content-Type", "application/json")
            .header("Authorization", LocalAccounts.GENERAL_OFFICE.authorization())
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(uri)
            .header("Accept", "application/json")
            .header("Authorization", LocalAccounts.GENERAL_OFFICE.authorization())
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private List<MimeMessage> inbox(String address) {
    return infrastructure
        .greenMail()
        .findReceivedMessages(user -> user.getEmail().equalsIgnoreCase(address), message -> true)
        .toList();
  }

  private Map<String, Integer> inboxSizes(Set<String> addresses) {
    Map<String, Integer> sizes = new LinkedHashMap<>();
    addresses.forEach(address -> sizes.put(address, inbox(address).size()));
    return sizes;
  }

  private List<String> emlFiles() throws IOException {
    try (Stream<Path> files = Files.list(infrastructure.mailFolder())) {
      return files.map(f -> f.getFileName().toString()).toList();
    }
  }

  private static String roleOf(VEvent event, String address) {
    return event.<Attendee>getProperties(Property.ATTENDEE).stream()
        .filter(
            attendee -> attendee.getCalAddress().toString().equalsIgnoreCase("mailto:" + address))
        .findFirst()
        .flatMap(attendee -> attendee.<Parameter>getParameter(Parameter.ROLE))
        .map(Parameter::getValue)
        .orElse("<no ATTENDEE with a ROLE for " + address + ">");
  }

  // The first text/calendar part: the alternative that calendar clients act on (the .ics
  // attachment, if any, comes after it).
  private static Part calendarPart(Part message) throws MessagingException, IOException {
    String contentType = message.getContentType();
    return findCalendarPart(message)
        .orElseThrow(() -> new AssertionError("no text/calendar part in " + contentType));
  }

  private static Optional<Part> findCalendarPart(Part part) throws MessagingException, IOException {
    if (part.isMimeType("text/calendar")) {
      return Optional.of(part);
    }
    if (part.isMimeType("multipart/*")) {
      Multipart multipart = (Multipart) part.getContent();
      for (int i = 0; i < multipart.getCount(); i++) {
        Optional<Part> found = findCalendarPart(multipart.getBodyPart(i));
        if (found.isPresent()) {
          return found;
        }
      }
    }
    return Optional.empty();
  }

  private static Calendar parse(Part calendarPart) throws Exception {
    try (InputStream in = calendarPart.getInputStream()) {
      return new CalendarBuilder().build(in);
    }
  }
}
