package org.convene.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.mail.Message.RecipientType;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.IOException;
import java.io.InputStream;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Component;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.property.Sequence;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Answers end to end, on the real stack: an invitation arrives; a decline shaped like Outlook's (no
 * ORGANIZER) is sent over SMTP to the organiser mailbox the notifier reads; another attendee
 * declines with the link in their invitation (GET and HEAD change nothing, the form's POST
 * records); the organiser sees both in the responses, with the tallies and the quorum; each of the
 * two gets a confirmation of their answer, the organiser and the chair the alert that the quorum is
 * out of reach; the reminder reaches the others but not those who declined.
 *
 * <p>The meeting starts ten minutes ahead, so that its reminder cannot fall due while the answers
 * are on their way; once they are recorded, it is moved to start a little over a minute ahead, and
 * its one-minute reminder falls due within seconds instead of after a fixed wait.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(ConveneStack.Shared.class)
class AnswersEndToEndIntegrationTests {

  private static final Duration DELIVERED_WITHIN = Duration.ofSeconds(60);
  private static final JsonMapper JSON = JsonMapper.shared();
  private static final String DOMAIN = "@answers-e2e.example.org";
  private static final String CHAIR = "shen.jie" + DOMAIN;
  private static final String TIAN = "tian.wen" + DOMAIN;
  private static final String CHEN = "chen.weicheng" + DOMAIN;
  private static final String LI = "li.na" + DOMAIN;
  private static final Pattern DECLINE_LINK =
      Pattern.compile("(https?://[^\\s\"<>]+/answer/[A-Za-z0-9_.-]+)\\?answer=DECLINED");
  private static final Pattern CSRF =
      Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"|value=\"([^\"]+)\"\\s+name=\"_csrf\"");

  private final HttpClient http = HttpClient.newHttpClient();
  // The answer page keeps its CSRF token in the session: one browser, with its cookies.
  private final HttpClient browser =
      HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
  private EmbeddedInfrastructure infrastructure;
  private ServiceProcess scheduler;

  @BeforeAll
  void useConvene(ConveneStack stack) {
    infrastructure = stack.infrastructure();
    scheduler = stack.scheduler();
  }

  @Test
  void aCalendarReplyAndALinkAnswerReachTheOrganiserAndWhoeverDeclinedGetsNoReminder()
      throws Exception {
    ZoneId zone = ZoneId.of("Asia/Shanghai");
    LocalDateTime start = LocalDateTime.now(zone).plusMinutes(10).truncatedTo(ChronoUnit.SECONDS);
    HttpResponse<String> created = post(meeting(start));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    String meetingId = JSON.readTree(created.body()).path("id").asString();

    await("the invitations")
        .atMost(DELIVERED_WITHIN)
        .until(() -> List.of(CHAIR, TIAN, CHEN, LI).stream().noneMatch(a -> inbox(a).isEmpty()));
    VEvent invitation = calendarOf(inbox(CHEN).getFirst());
    String uid = invitation.getUid().orElseThrow().getValue();
    int sequence =
        invitation.<Sequence>getProperty(Property.SEQUENCE).orElseThrow().getSequenceNo();
    assertThat(uid).contains(meetingId);

    sendOutlookDecline(CHEN, uid, sequence, "Travelling that week");

    await("the calendar reply in the responses")
        .atMost(DELIVERED_WITHIN)
        .until(() -> !participant(responses(meetingId), CHEN).path("answer").isNull());
    JsonNode afterReply = responses(meetingId);
    JsonNode chen = participant(afterReply, CHEN);
    assertThat(chen.path("answer").asString()).isEqualTo("DECLINED");
    assertThat(chen.path("channel").asString()).isEqualTo("CALENDAR_REPLY");
    assertThat(chen.path("comment").asString()).isEqualTo("Travelling that week");
    assertThat(chen.path("answeredRevision").asLong()).isEqualTo(sequence);
    assertThat(tally(afterReply, "VOTING").path("declined").asInt()).isEqualTo(1);
    assertThat(afterReply.path("quorum").path("state").asString()).isEqualTo("AT_RISK");

    // Tian Wen declines with the link in her invitation. A mail scanner's GET and HEAD change
    // nothing; only the page's form records.
    URI decline = declineLink(inbox(TIAN).getFirst());
    HttpResponse<String> page =
        browser.send(HttpRequest.newBuilder(decline).GET().build(), ofString());
    assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
    HttpResponse<Void> head =
        browser.send(
            HttpRequest.newBuilder(decline)
                .method("HEAD", HttpRequest.BodyPublishers.noBody())
                .build(),
            HttpResponse.BodyHandlers.discarding());
    assertThat(head.statusCode()).isEqualTo(200);
    assertThat(participant(responses(meetingId), TIAN).path("answer").isNull()).isTrue();

    HttpResponse<String> answered =
        browser.send(
            HttpRequest.newBuilder(URI.create(decline.toString().replaceFirst("\\?.*$", "")))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        form("answer", "DECLINED")
                            + "&"
                            + form("comment", "On leave")
                            + "&"
                            + form("_csrf", csrfToken(page.body()))))
                .build(),
            ofString());
    assertThat(answered.statusCode()).as(answered.body()).isEqualTo(200);
    JsonNode afterLink = responses(meetingId);
    JsonNode tian = participant(afterLink, TIAN);
    assertThat(tian.path("answer").asString()).isEqualTo("DECLINED");
    assertThat(tian.path("channel").asString()).isEqualTo("LINK");
    assertThat(tian.path("comment").asString()).isEqualTo("On leave");
    assertThat(tally(afterLink, "VOTING").path("declined").asInt()).isEqualTo(2);
    assertThat(afterLink.path("quorum").path("state").asString()).isEqualTo("UNREACHABLE");

    // Each answer is confirmed to its person, whatever the channel; the quorum out of reach is told
    // to the organiser and the chair.
    await("the confirmations and the quorum alerts")
        .atMost(DELIVERED_WITHIN)
        .until(
            () ->
                confirmations(CHEN).size() == 1
                    && confirmations(TIAN).size() == 1
                    && quorumAlerts(LocalAccounts.GENERAL_OFFICE.username()) == 1
                    && quorumAlerts(CHAIR) == 1);
    String chenConfirmation = textOf(confirmations(CHEN).getFirst()).orElseThrow();
    assertThat(chenConfirmation)
        .contains("You declined “Quorum check”")
        .contains("Travelling that week")
        .contains("Recorded from your calendar’s reply.");
    MimeMessage tianConfirmation = confirmations(TIAN).getFirst();
    assertThat(textOf(tianConfirmation).orElseThrow())
        .contains("You declined “Quorum check”")
        .contains("On leave")
        .contains("Recorded from your answer link.");
    assertThat(declineLink(tianConfirmation).getPath()).isEqualTo(decline.getPath());
    assertThat(calendarPart(tianConfirmation)).as("a confirmation carries no calendar").isEmpty();
    assertThat(quorumAlerts(TIAN) + quorumAlerts(CHEN) + quorumAlerts(LI)).isZero();

    // Now that both answers are recorded, the meeting moves to start a little over a minute ahead:
    // its one-minute reminder falls due within seconds.
    LocalDateTime soon = LocalDateTime.now(zone).plusSeconds(65).truncatedTo(ChronoUnit.SECONDS);
    // Answers do not revise the meeting: it is still at the revision it was created with.
    String revision = created.headers().firstValue("ETag").orElseThrow();
    HttpResponse<String> moved = put("/api/meetings/" + meetingId + "/time", revision, time(soon));
    assertThat(moved.statusCode()).as(moved.body()).isEqualTo(200);

    await("the reminder to those who did not decline")
        .atMost(DELIVERED_WITHIN)
        .until(() -> reminders(CHAIR) == 1 && reminders(LI) == 1);
    await("no reminder to those who declined")
        .during(Duration.ofSeconds(5))
        .atMost(Duration.ofSeconds(10))
        .until(() -> reminders(CHEN) == 0 && reminders(TIAN) == 0);
  }

  private static String time(LocalDateTime start) {
    return """
    {"start": "%s", "end": "%s", "timeZone": "Asia/Shanghai"}
    """
        .formatted(start, start.plusHours(1));
  }

  private static String meeting(LocalDateTime start) {
    return """
    {"title": "Quorum check",
     "description": "Answers end-to-end test meeting",
     "organiser": {"name": "BAST General Office", "email": "%1$s"},
     "start": "%2$s", "end": "%3$s", "timeZone": "Asia/Shanghai",
     "location": "BAST head office, meeting room 1", "onlineLink": null,
     "reminderMinutesBefore": [1],
     "participants": [
       {"name": "Shen Jie", "email": "%4$s", "role": "CHAIR", "language": "en", "timeZone": null},
       {"name": "Tian Wen", "email": "%5$s", "role": "VOTING", "language": "en", "timeZone": null},
       {"name": "Chen Weicheng", "email": "%6$s", "role": "VOTING", "language": "en", "timeZone": null},
       {"name": "Li Na", "email": "%7$s", "role": "NON_VOTING", "language": "en", "timeZone": null}]}
    """
        .formatted(
            LocalAccounts.GENERAL_OFFICE.username(),
            start,
            start.plusHours(1),
            CHAIR,
            TIAN,
            CHEN,
            LI);
  }

  /**
   * A decline as Outlook and Exchange send it: text and the iTIP REPLY as alternatives, the
   * calendar without ORGANIZER, from the attendee to the organiser mailbox.
   */
  private void sendOutlookDecline(String attendee, String uid, int sequence, String comment)
      throws MessagingException {
    String stamp =
        DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .format(Instant.now().atOffset(ZoneOffset.UTC));
    String ics =
        String.join(
            "\r\n",
            "BEGIN:VCALENDAR",
            "METHOD:REPLY",
            "PRODID:Microsoft Exchange Server 2010",
            "VERSION:2.0",
            "BEGIN:VEVENT",
            "ATTENDEE;PARTSTAT=DECLINED;CN=Chen Weicheng:mailto:" + attendee.toUpperCase(),
            "COMMENT;LANGUAGE=en-US:" + comment,
            "SUMMARY;LANGUAGE=en-US:Declined: Quorum check",
            "UID:" + uid,
            "SEQUENCE:" + sequence,
            "DTSTAMP:" + stamp,
            "END:VEVENT",
            "END:VCALENDAR",
            "");
    Properties smtp = new Properties();
    smtp.put("mail.smtp.host", EmbeddedInfrastructure.MAIL_HOST);
    smtp.put("mail.smtp.port", String.valueOf(infrastructure.smtpPort()));
    MimeMessage reply = new MimeMessage(Session.getInstance(smtp));
    reply.setFrom(new InternetAddress(attendee, false));
    reply.setRecipient(
        RecipientType.TO, new InternetAddress(LocalAnswers.ORGANISER_MAILBOX, false));
    reply.setSubject("Declined: Quorum check", "UTF-8");
    MimeBodyPart text = new MimeBodyPart();
    text.setText(comment, "UTF-8");
    MimeBodyPart calendar = new MimeBodyPart();
    calendar.setContent(ics, "text/calendar; charset=utf-8; method=REPLY");
    reply.setContent(new MimeMultipart("alternative", text, calendar));
    reply.saveChanges();
    Transport.send(reply);
  }

  private JsonNode responses(String meetingId) throws IOException, InterruptedException {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(
                    scheduler.baseUri().resolve("/api/meetings/" + meetingId + "/responses"))
                .header("Accept", "application/json")
                .header("Authorization", LocalAccounts.GENERAL_OFFICE.authorization())
                .build(),
            ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  private static JsonNode participant(JsonNode responses, String email) {
    for (JsonNode participant : responses.path("participants")) {
      if (participant.path("email").asString().equalsIgnoreCase(email)) {
        return participant;
      }
    }
    throw new AssertionError("No participant " + email + " in " + responses);
  }

  private static JsonNode tally(JsonNode responses, String role) {
    for (JsonNode tally : responses.path("tallies")) {
      if (tally.path("role").asString().equals(role)) {
        return tally;
      }
    }
    throw new AssertionError("No tally of " + role + " in " + responses);
  }

  private HttpResponse<String> post(String json) throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(scheduler.baseUri().resolve("/api/meetings"))
            .header("Content-Type", "application/json")
            .header("Authorization", LocalAccounts.GENERAL_OFFICE.authorization())
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build(),
        ofString());
  }

  private HttpResponse<String> put(String path, String ifMatch, String json)
      throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(scheduler.baseUri().resolve(path))
            .header("Content-Type", "application/json")
            .header("If-Match", ifMatch)
            .header("Authorization", LocalAccounts.GENERAL_OFFICE.authorization())
            .PUT(HttpRequest.BodyPublishers.ofString(json))
            .build(),
        ofString());
  }

  private List<MimeMessage> confirmations(String address) {
    return inbox(address).stream().filter(m -> subject(m).startsWith("Answer recorded:")).toList();
  }

  private long quorumAlerts(String address) {
    return inbox(address).stream()
        .filter(
            m ->
                subject(m).startsWith("Quorum out of reach:")
                    || subject(m).startsWith("已无法达到法定人数："))
        .count();
  }

  private List<MimeMessage> inbox(String address) {
    return infrastructure
        .greenMail()
        .findReceivedMessages(user -> user.getEmail().equalsIgnoreCase(address), message -> true)
        .toList();
  }

  private long reminders(String address) {
    return inbox(address).stream().filter(m -> subject(m).startsWith("Reminder:")).count();
  }

  private static String subject(MimeMessage message) {
    try {
      return String.valueOf(message.getSubject());
    } catch (MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static URI declineLink(MimeMessage invitation) throws Exception {
    String text = textOf(invitation).orElseThrow(() -> new AssertionError("no text part"));
    Matcher link = DECLINE_LINK.matcher(text);
    assertThat(link.find()).as("a Decline link in %s", text).isTrue();
    return URI.create(link.group(0));
  }

  private static String csrfToken(String page) {
    Matcher token = CSRF.matcher(page);
    assertThat(token.find()).as("a CSRF token in the answer page").isTrue();
    return token.group(1) != null ? token.group(1) : token.group(2);
  }

  private static String form(String name, String value) {
    return name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private static Optional<String> textOf(Part part) throws MessagingException, IOException {
    if (part.isMimeType("text/plain")) {
      return Optional.of((String) part.getContent());
    }
    if (part.isMimeType("multipart/*")) {
      Multipart multipart = (Multipart) part.getContent();
      for (int i = 0; i < multipart.getCount(); i++) {
        Optional<String> found = textOf(multipart.getBodyPart(i));
        if (found.isPresent()) {
          return found;
        }
      }
    }
    return Optional.empty();
  }

  private static VEvent calendarOf(Part part) throws Exception {
    Part calendar = calendarPart(part).orElseThrow(() -> new AssertionError("no calendar"));
    try (InputStream in = calendar.getInputStream()) {
      Calendar parsed = new CalendarBuilder().build(in);
      assertThat(parsed.getProperty(Property.METHOD).orElseThrow().getValue()).isEqualTo("REQUEST");
      return parsed.<VEvent>getComponent(Component.VEVENT).orElseThrow();
    }
  }

  private static Optional<Part> calendarPart(Part part) throws MessagingException, IOException {
    if (part.isMimeType("text/calendar")) {
      return Optional.of(part);
    }
    if (part.isMimeType("multipart/*")) {
      Multipart multipart = (Multipart) part.getContent();
      for (int i = 0; i < multipart.getCount(); i++) {
        Optional<Part> found = calendarPart(multipart.getBodyPart(i));
        if (found.isPresent()) {
          return found;
        }
      }
    }
    return Optional.empty();
  }

  private static HttpResponse.BodyHandler<String> ofString() {
    return HttpResponse.BodyHandlers.ofString();
  }
}
