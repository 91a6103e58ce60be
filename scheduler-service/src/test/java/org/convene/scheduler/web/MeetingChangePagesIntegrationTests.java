package org.convene.scheduler.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.forwardedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.awaitility.Awaitility;
import org.convene.events.DeliveryReported;
import org.convene.events.MeetingId;
import org.convene.scheduler.SchedulerIntegrationTest;
import org.convene.scheduler.answer.AnswerRecording;
import org.convene.scheduler.answer.ScheduledMeetings;
import org.convene.scheduler.answer.domain.Answer;
import org.convene.scheduler.answer.domain.AnswerStatus;
import org.convene.scheduler.answer.domain.Channel;
import org.convene.scheduler.meeting.MeetingScheduling;
import org.convene.scheduler.meeting.MeetingView;
import org.convene.scheduler.meeting.domain.Mailbox;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.utils.KafkaTestUtils;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.WebAttributes;
import org.springframework.security.web.csrf.DefaultCsrfToken;
import org.springframework.security.web.csrf.InvalidCsrfTokenException;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import tools.jackson.databind.json.JsonMapper;

/**
 * The forms that change a meeting's agenda, participants and groups, the answers on the meeting's
 * page, and the groups' pages, through the pages' own security chain (form sign-in, CSRF) on the
 * shared context. The browser tests walk the main flows; these check what each form sends, refuses
 * and previews.
 */
@SchedulerIntegrationTest
class MeetingChangePagesIntegrationTests {

  private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

  @Autowired MockMvc mvc;
  @Autowired JsonMapper json;
  @Autowired AnswerRecording recording;
  @Autowired MeetingScheduling scheduling;
  @Autowired KafkaTemplate<String, String> kafka;
  @Autowired EmbeddedKafkaBroker broker;

  @Test
  void anAgendaItemIsPreviewedAddedEditedAndRemovedThroughTheForms() throws Exception {
    Signed office = signIn("office@bast.example.org", "office-secret");
    String id = meeting("Agenda forms");

    String preview =
        office.submit(
            "/meetings/" + id + "/agenda/items",
            1,
            "title",
            "Budget",
            "presenterEmail",
            ScheduledMeetings.TIAN,
            "durationMinutes",
            "30",
            "preview",
            "1");
    assertThat(preview)
        .contains("5 people will get an update:")
        .contains("New item “Budget” at position: — → 1");
    assertThat(view(id).agenda()).as("a preview changes nothing").isEmpty();

    office.postRedirect(
        "/meetings/" + id + "/agenda/items",
        1,
        "title",
        "Budget",
        "presenterEmail",
        ScheduledMeetings.TIAN,
        "durationMinutes",
        "30");
    office.postRedirect(
        "/meetings/" + id + "/agenda/items",
        2,
        "title",
        "Any other business",
        "durationMinutes",
        "10");
    MeetingView twoItems = view(id);
    assertThat(twoItems.agenda())
        .extracting(MeetingView.AgendaItemView::title)
        .containsExactly("Budget", "Any other business");
    String budget = twoItems.agenda().get(0).id();

    String blank =
        office.submit(
            "/meetings/" + id + "/agenda/" + budget + "/edit",
            3,
            "title",
            " ",
            "durationMinutes",
            "x",
            "position",
            "1");
    assertThat(blank)
        .contains("id=\"error-title\"", "must not be blank")
        .contains("id=\"error-durationMinutes\"", MeetingForm.NUMBER_PROBLEM);

    String moved =
        office.submit(
            "/meetings/" + id + "/agenda/" + budget + "/edit",
            3,
            "title",
            "Budget",
            "presenterEmail",
            ScheduledMeetings.TIAN,
            "durationMinutes",
            "30",
            "position",
            "2",
            "preview",
            "1");
    assertThat(moved).contains("Item “Budget” moved: 1 → 2");

    office.postRedirect("/meetings/" + id + "/agenda/" + budget + "/remove", 3);
    assertThat(view(id).agenda())
        .extracting(MeetingView.AgendaItemView::title)
        .containsExactly("Any other business");
    assertThat(view(id).revision()).isEqualTo(4);
  }

  @Test
  void aStaleItemFormShowsWhatChangedAndCarriesTheCurrentRevision() throws Exception {
    Signed office = signIn("office@bast.example.org", "office-secret");
    String id = meeting("Stale item form");
    office.postRedirect(
        "/meetings/" + id + "/agenda/items", 1, "title", "Opening", "durationMinutes", "5");

    String stale =
        office.submit(
            "/meetings/" + id + "/agenda/items", 1, "title", "Closing", "durationMinutes", "5");
    assertThat(stale)
        .contains("id=\"conflict\"")
        .contains("Agenda items: 0 → 1")
        .contains("name=\"revision\" value=\"2\"")
        .contains("value=\"Closing\"");
    assertThat(view(id).agenda()).hasSize(1);
  }

  @Test
  void aPersonIsInvitedWithThePreviewAndTheApisWordsAndTheirRoleChanged() throws Exception {
    Signed office = signIn("office@bast.example.org", "office-secret");
    String id = meeting("Participant forms");

    String refused =
        office.submit(
            "/meetings/" + id + "/participants",
            1,
            "name",
            "Zhou Min",
            "email",
            "not an address",
            "role",
            "VOTING");
    assertThat(refused).contains("id=\"error-email\"");
    String duplicate =
        office.submit(
            "/meetings/" + id + "/participants",
            1,
            "name",
            "Tian again",
            "email",
            ScheduledMeetings.TIAN,
            "role",
            "VOTING");
    assertThat(duplicate).contains("id=\"form-errors\"");

    String preview =
        office.submit(
            "/meetings/" + id + "/participants",
            1,
            "name",
            "Zhou Min",
            "email",
            "zhou.min@bast.example.org",
            "role",
            "VOTING",
            "preview",
            "1");
    assertThat(preview).contains("Invited: Zhou Min &lt;zhou.min@bast.example.org&gt;");
    office.postRedirect(
        "/meetings/" + id + "/participants",
        1,
        "name",
        "Zhou Min",
        "email",
        "zhou.min@bast.example.org",
        "role",
        "VOTING");

    assertThat(
            office.page("/meetings/" + id + "/participants/edit?email=zhou.min@bast.example.org"))
        .contains("id=\"role-form\"", "id=\"remove-person\"", "Zhou Min");
    office.postRedirect(
        "/meetings/" + id + "/participants/role",
        2,
        "email",
        "zhou.min@bast.example.org",
        "role",
        "NON_VOTING");
    office.postRedirect(
        "/meetings/" + id + "/participants/remove", 3, "email", ScheduledMeetings.LI);
    MeetingView after = view(id);
    assertThat(after.participants())
        .filteredOn(p -> p.email().equals("zhou.min@bast.example.org"))
        .singleElement()
        .satisfies(p -> assertThat(p.role().name()).isEqualTo("NON_VOTING"));
    assertThat(after.participants()).noneMatch(p -> p.email().equals(ScheduledMeetings.LI));
  }

  @Test
  void aGroupIsCreatedOnItsPageInvitedFromTheMeetingAndWithdrawn() throws Exception {
    Signed office = signIn("office@bast.example.org", "office-secret");
    String id = meeting("Group forms");
    String name = "Districts " + UUID.randomUUID();

    String refused = office.postForm("/groups", "name", name, "members", "only@address.org");
    assertThat(refused).contains("members[0].name");
    MvcResult created =
        office.perform(
            "/groups",
            "name",
            name,
            "members",
            "Zhao Lei <zhao.lei@districts.example.org>\nQian Yu <qian.yu@districts.example.org>\n");
    String groupPath = created.getResponse().getRedirectedUrl();
    assertThat(groupPath).startsWith("/groups/");
    UUID groupId = UUID.fromString(groupPath.substring("/groups/".length()));

    office.postRedirect(
        "/meetings/" + id + "/groups", 1, "groupId", groupId.toString(), "role", "VOTING");
    String page = office.page("/meetings/" + id);
    assertThat(page).contains(name).contains("Zhao Lei").contains("2 members");
    assertThat(view(id).participants()).hasSize(7);

    office.postRedirect("/meetings/" + id + "/groups/" + groupId + "/remove", 2);
    assertThat(view(id).participants()).hasSize(5);
  }

  @Test
  void theMeetingPageShowsEachAnswerTheTalliesAndTheQuorumAndTheListItsState() throws Exception {
    Signed office = signIn("office@bast.example.org", "office-secret");
    String title = "Answers on the page " + UUID.randomUUID();
    String id = meeting(title);
    recording.record(
        MeetingId.parse(id),
        new Answer(
            Mailbox.of(ScheduledMeetings.TIAN),
            AnswerStatus.ACCEPTED,
            null,
            1,
            Instant.parse("2026-11-30T08:00:00Z"),
            Channel.LINK,
            "I bring the figures <b>"));

    String page = office.page("/meetings/" + id);
    assertThat(page)
        .contains("Quorum at risk: 1 of 2 needed have accepted (3 voting).")
        .contains("by answer link, to revision 1")
        .contains("I bring the figures &lt;b&gt;")
        .contains("class=\"answer answer-accepted\"");
    String list = office.page("/meetings?q=" + title.substring(title.length() - 12));
    assertThat(list).contains("at risk");
  }

  @Test
  void opsReadEveryMeetingButTheNewFormsRefuseThem() throws Exception {
    String id = meeting("Ops and the forms");
    Signed ops = signIn("ops@bast.example.org", "ops-secret");
    assertThat(ops.page("/meetings/" + id))
        .contains("Ops and the forms")
        .doesNotContain("add-item");
    ops.expect("/meetings/" + id + "/agenda/new", 403);
    ops.expect("/meetings/" + id + "/participants/new", 403);
    assertThat(
            ops.postStatus(
                "/meetings/" + id + "/agenda/items",
                1,
                "title",
                "Ops item",
                "durationMinutes",
                "5"))
        .isEqualTo(403);
    assertThat(ops.postStatus("/groups", 0, "name", "Ops group", "members", "")).isEqualTo(403);
    assertThat(view(id).agenda()).isEmpty();
  }

  @Test
  void aFormWithoutAValidCsrfTokenGetsThePagesOwnRefusal() throws Exception {
    Signed office = signIn("office@bast.example.org", "office-secret");
    mvc.perform(post("/groups").session(office.session).param("name", "x").param("_csrf", "stale"))
        .andExpect(status().isForbidden())
        .andExpect(forwardedUrl(DeniedPage.PATH));
    String page =
        mvc.perform(
                get(DeniedPage.PATH)
                    .session(office.session)
                    .requestAttr(
                        WebAttributes.ACCESS_DENIED_403,
                        new InvalidCsrfTokenException(
                            new DefaultCsrfToken("X-CSRF-TOKEN", "_csrf", "a"), "b")))
            .andExpect(status().isForbidden())
            .andReturn()
            .getResponse()
            .getContentAsString();
    assertThat(page).contains("403 · This form has expired").contains("reload the page");
  }

  @Test
  void eachPersonsDeliveryStateComesFromTheNotifiersReportsNewestFirstAndEachOnce()
      throws Exception {
    Signed office = signIn("office@bast.example.org", "office-secret");
    String title = "Delivery states " + UUID.randomUUID();
    String id = meeting(title);
    MeetingId meetingId = MeetingId.parse(id);
    Instant earlier = Instant.parse("2026-11-30T08:00:00Z");
    Instant later = Instant.parse("2026-11-30T08:05:00Z");
    DeliveryReported failed =
        new DeliveryReported(
            UUID.randomUUID().toString(),
            meetingId,
            1,
            ScheduledMeetings.TIAN,
            "INVITATION",
            DeliveryReported.State.FAILED,
            "550 5.1.1 <tian.wen@bast.example.org>: Recipient address rejected",
            later);
    report(failed);
    report(failed);
    // Older than the failure, arriving after it: kept out.
    report(
        new DeliveryReported(
            UUID.randomUUID().toString(),
            meetingId,
            1,
            ScheduledMeetings.TIAN,
            "INVITATION",
            DeliveryReported.State.RETRYING,
            "421 try again later",
            earlier));
    // Unreadable: dead-lettered alone, the reports around it kept.
    kafka
        .send(DeliveryReported.DEFAULT_TOPIC, meetingId.value().toString(), "{\"reportId\": 42")
        .get(30, java.util.concurrent.TimeUnit.SECONDS);
    report(
        new DeliveryReported(
            UUID.randomUUID().toString(),
            meetingId,
            1,
            ScheduledMeetings.CHAIR.toUpperCase(java.util.Locale.ROOT),
            "INVITATION",
            DeliveryReported.State.SENT,
            null,
            later));

    // One meeting's reports share a partition, so once the last is shown, all were read.
    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> assertThat(office.page("/meetings/" + id)).contains("delivery delivery-sent"));
    String page = office.page("/meetings/" + id);
    assertThat(page)
        .contains("Invitation failed")
        .contains("550 5.1.1 &lt;tian.wen@bast.example.org&gt;: Recipient address rejected")
        .doesNotContain("421 try again later")
        .contains("Delivery pending");
    // My meetings shows that something failed, counting people, not reports.
    assertThat(office.page("/meetings?q=" + title.substring(title.length() - 12)))
        .contains(title)
        .contains("Not delivered: 1");
    assertThat(deadLetters(id)).containsExactly("{\"reportId\": 42");
  }

  /** The values of this meeting's delivery reports on the dead-letter topic, once one is there. */
  private List<String> deadLetters(String meetingId) {
    Map<String, Object> props =
        KafkaTestUtils.consumerProps(broker, "delivery-outcomes-dlt-" + UUID.randomUUID(), false);
    props.put("auto.offset.reset", "earliest");
    List<String> dead = new ArrayList<>();
    try (Consumer<String, String> dlt =
        new DefaultKafkaConsumerFactory<>(props, new StringDeserializer(), new StringDeserializer())
            .createConsumer()) {
      dlt.subscribe(List.of(DeliveryReported.DEFAULT_TOPIC + ".DLT"));
      Awaitility.await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () -> {
                KafkaTestUtils.getRecords(dlt, Duration.ofMillis(200))
                    .forEach(
                        record -> {
                          if (meetingId.equals(record.key())) {
                            dead.add(record.value());
                          }
                        });
                return !dead.isEmpty();
              });
    }
    return dead;
  }

  private void report(DeliveryReported report) throws Exception {
    kafka
        .send(
            DeliveryReported.DEFAULT_TOPIC,
            report.meetingId().value().toString(),
            json.writeValueAsString(report))
        .get(30, java.util.concurrent.TimeUnit.SECONDS);
  }

  private String meeting(String title) throws Exception {
    return ScheduledMeetings.schedule(mvc, json, title, null).get("id").asString();
  }

  private MeetingView view(String id) {
    // Read as the API's organiser would: the pages' sessions are not this thread's.
    var context = SecurityContextHolder.createEmptyContext();
    context.setAuthentication(
        new org.springframework.security.authentication.UsernamePasswordAuthenticationToken(
            "office@bast.example.org",
            null,
            java.util.List.of(
                new org.springframework.security.core.authority.SimpleGrantedAuthority(
                    "ROLE_ORGANISER"))));
    SecurityContextHolder.setContext(context);
    try {
      return scheduling.get(MeetingId.parse(id));
    } finally {
      SecurityContextHolder.clearContext();
    }
  }

  private Signed signIn(String user, String password) throws Exception {
    MockHttpSession session = new MockHttpSession();
    String token = token(mvc.perform(get("/login").session(session)).andReturn());
    mvc.perform(
            post("/login")
                .session(session)
                .param("username", user)
                .param("password", password)
                .param("_csrf", token))
        .andExpect(redirectedUrl("/meetings"));
    return new Signed(session);
  }

  private static String token(MvcResult page) throws Exception {
    Matcher matcher = CSRF.matcher(page.getResponse().getContentAsString());
    assertThat(matcher.find()).as("the page carries a CSRF token").isTrue();
    return matcher.group(1);
  }

  /** A signed-in browser session: each form is sent with the session's CSRF token. */
  private final class Signed {

    final MockHttpSession session;

    Signed(MockHttpSession session) {
      this.session = session;
    }

    String page(String path) throws Exception {
      return mvc.perform(get(path).session(session))
          .andExpect(status().isOk())
          .andReturn()
          .getResponse()
          .getContentAsString();
    }

    void expect(String path, int status) throws Exception {
      mvc.perform(get(path).session(session)).andExpect(status().is(status));
    }

    private MockHttpServletRequestBuilder form(String path, long revision, String... fields)
        throws Exception {
      String csrf = token(mvc.perform(get("/groups").session(session)).andReturn());
      MockHttpServletRequestBuilder request =
          org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post(path)
              .session(session)
              .param("_csrf", csrf);
      if (revision > 0) {
        request.param("revision", Long.toString(revision));
      }
      for (int i = 0; i < fields.length; i += 2) {
        request.param(fields[i], fields[i + 1]);
      }
      return request;
    }

    /** A form answered with a page (a preview, a refusal, a conflict). */
    String submit(String path, long revision, String... fields) throws Exception {
      return mvc.perform(form(path, revision, fields))
          .andExpect(status().isOk())
          .andReturn()
          .getResponse()
          .getContentAsString();
    }

    String postForm(String path, String... fields) throws Exception {
      return submit(path, 0, fields);
    }

    MvcResult perform(String path, String... fields) throws Exception {
      return mvc.perform(form(path, 0, fields)).andExpect(status().isFound()).andReturn();
    }

    int postStatus(String path, long revision, String... fields) throws Exception {
      return mvc.perform(form(path, revision, fields)).andReturn().getResponse().getStatus();
    }

    /** A form that was applied: back to a page, with no refusal and no stale revision. */
    void postRedirect(String path, long revision, String... fields) throws Exception {
      MvcResult result =
          mvc.perform(form(path, revision, fields)).andExpect(status().isFound()).andReturn();
      assertThat(java.util.Map.copyOf(result.getFlashMap()))
          .containsKey("notice")
          .doesNotContainKeys("refusal", "staleRevision");
    }
  }
}
