package org.convene.scheduler.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.convene.events.MeetingDetailsChanged;
import org.convene.events.MeetingEvent;
import org.convene.events.MeetingRescheduled;
import org.convene.events.MeetingScheduled;
import org.convene.scheduler.ApiMeetings;
import org.convene.scheduler.MeetingEventsTopic;
import org.convene.scheduler.SchedulerIntegrationTest;
import org.convene.testing.Browser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The organisers' pages in a real Chromium, against the scheduler on its real database and broker.
 * The browser runs in {@value Browser#ZONE}; the meetings are in Berlin. One browser serves the
 * whole class; each test starts signed out, with no cookies. With {@code
 * -Dconvene.screenshots=../docs/screenshots} the main pages are saved for the README.
 */
@SchedulerIntegrationTest
class OrganiserPagesIntegrationTests {

  static final String OFFICE = "office@bast.example.org";
  static final String DISTRICT = "district@bast.example.org";
  static final String OPS = "ops@bast.example.org";
  static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

  static Browser browser;

  @RegisterExtension
  static final PageFailureCapture failures = new PageFailureCapture(() -> browser);

  @LocalServerPort int port;
  @Autowired EmbeddedKafkaBroker broker;
  @Autowired JsonMapper json;
  @Autowired MockMvc mvc;

  /**
   * Read by the tests that check what was published; shared, since joining the topic takes seconds.
   */
  static MeetingEventsTopic topic;

  WebDriver driver;

  @BeforeAll
  static void startBrowser() {
    browser = Browser.start();
  }

  @AfterAll
  static void stopBrowser() {
    if (browser != null) {
      browser.close();
    }
    if (topic != null) {
      topic.close();
      topic = null;
    }
  }

  @BeforeEach
  void signedOut() {
    driver = browser.driver();
    String kept = driver.getWindowHandles().iterator().next();
    for (String window : driver.getWindowHandles()) {
      if (!window.equals(kept)) {
        driver.switchTo().window(window).close();
      }
    }
    driver.switchTo().window(kept);
    // Cookies are deleted for the page's site: only the first test must load a page for that.
    if (!driver.getCurrentUrl().startsWith(url("/"))) {
      driver.get(url("/login"));
    }
    driver.manage().deleteAllCookies();
    // A fresh sign-in form: the one loaded before the cookies went belongs to a session that no
    // longer exists.
    driver.get(url("/login"));
  }

  private MeetingEventsTopic topic() {
    if (topic == null) {
      topic = new MeetingEventsTopic(broker, json, "pages-" + UUID.randomUUID());
    }
    return topic;
  }

  @Test
  void anOrganiserSignsInSeesTheirMeetingsAndSignsOut() throws IOException {
    driver.get(url("/meetings"));
    await().until(ExpectedConditions.urlContains("/login"));
    forDocs("sign-in");
    signIn(OFFICE, "wrong-password");
    assertThat(text(By.id("login-error"))).isEqualTo("Wrong e-mail address or password.");

    signIn(OFFICE, "office-secret");
    assertThat(text(By.tagName("h1"))).isEqualTo("My meetings");
    assertThat(text(By.className("who"))).isEqualTo("BAST General Office");

    driver.findElement(By.id("sign-out")).click();
    await().until(ExpectedConditions.presenceOfElementLocated(By.id("signed-out")));
    driver.get(url("/meetings"));
    await().until(ExpectedConditions.urlContains("/login"));
    assertThat(driver.findElements(By.id("sign-out"))).isEmpty();
  }

  @Test
  void aMeetingScheduledInTheFormIsShownAndItsInvitationIsPublished() throws IOException {
    signIn(OFFICE, "office-secret");
    String title = "Theory discussion " + UUID.randomUUID();
    LocalDateTime start = LocalDate.now(BERLIN).plusDays(30).atTime(9, 0);
    UUID id = schedule(title, start);

    assertThat(text(By.id("notice"))).contains("scheduled");
    assertThat(text(By.id("meeting-title"))).isEqualTo(title);
    String inShanghai =
        start
            .atZone(BERLIN)
            .withZoneSameInstant(ZoneId.of(Browser.ZONE))
            .format(
                DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT)
                    .withLocale(Locale.ENGLISH));
    assertThat(text(By.id("time-viewer"))).startsWith(inShanghai).endsWith("(Asia/Shanghai)");
    assertThat(text(By.id("time-meeting"))).contains("Europe/Berlin");
    List<String> agenda =
        driver.findElements(By.cssSelector("#agenda tbody tr")).stream()
            .map(WebElement::getText)
            .toList();
    assertThat(agenda).hasSize(2);
    assertThat(agenda.get(0)).contains("Opening", "Chair Wang");
    assertThat(agenda.get(1)).contains("Report on the districts", "Li Na");
    assertThat(text(By.cssSelector("main"))).contains("Chair", "Voting", "Chair Wang", "Li Na");

    driver.get(url("/meetings?q=" + title.substring(title.length() - 12)));
    List<WebElement> rows = driver.findElements(By.cssSelector("#meetings tbody tr"));
    assertThat(rows).hasSize(1);
    assertThat(rows.get(0).getText()).contains(title).contains("Asia/Shanghai").endsWith("2");
    driver.get(url("/meetings"));
    forDocs("my-meetings");

    List<MeetingEvent> events = topic().awaitEvents(id.toString(), 1);
    assertThat(events.get(0))
        .isInstanceOfSatisfying(
            MeetingScheduled.class,
            scheduled -> {
              assertThat(scheduled.meeting().title()).isEqualTo(title);
              assertThat(scheduled.meeting().participants()).hasSize(2);
              assertThat(scheduled.meeting().agenda()).hasSize(2);
            });
  }

  @Test
  void validationErrorsAreShownNextToTheirFieldsInSimplifiedChinese() throws IOException {
    signIn(OFFICE, "office-secret");
    driver.get(url("/meetings/new?lang=zh-CN"));
    assertThat(text(By.tagName("h1"))).isEqualTo("新建会议");
    setValue("start", LocalDate.now(BERLIN).plusDays(30).atTime(10, 0).toString());
    setValue("end", LocalDate.now(BERLIN).plusDays(30).atTime(9, 0).toString());
    type("timeZone", "Europe/Berlin");
    type("participants0.name", "Chair Wang");
    type("participants0.email", "not-an-address");
    driver.findElement(By.id("schedule")).click();

    await().until(ExpectedConditions.presenceOfElementLocated(By.id("form-errors")));
    assertThat(text(By.id("form-errors"))).contains("未保存");
    WebElement title = driver.findElement(By.id("title"));
    assertThat(title.getDomAttribute("aria-describedby")).isEqualTo("error-title");
    // The message sits right after its field, in the validation's Chinese wording.
    assertThat(title.findElement(By.xpath("following-sibling::p[1]")).getText()).isEqualTo("不能为空");
    assertThat(text(By.id("error-participants[0].email"))).isNotBlank();
    assertThat(driver.findElement(By.id("participants0.name")).getDomProperty("value"))
        .isEqualTo("Chair Wang");
    forDocs("new-meeting-errors-zh");

    // The meeting's own rule (end after start) is checked once the fields are readable.
    type("title", "议程讨论");
    type("participants0.email", "wang@bast.example.org");
    new Select(driver.findElement(By.id("participants0.role"))).selectByValue("CHAIR");
    driver.findElement(By.id("schedule")).click();
    await().until(ExpectedConditions.presenceOfElementLocated(By.id("error-end")));
    assertThat(text(By.id("error-end"))).isEqualTo("must be after start");
    assertThat(driver.findElements(By.id("error-title"))).isEmpty();
  }

  @Test
  void aStaleEditFromASecondWindowShowsWhatChangedAndOverwritesNothing() throws Exception {
    LocalDateTime start = LocalDate.now(BERLIN).plusDays(40).atTime(9, 0);
    UUID id = scheduledByTheOffice("Planning office meeting " + UUID.randomUUID(), start);
    signIn(OFFICE, "office-secret");
    String first = driver.getWindowHandle();
    driver.get(url("/meetings/" + id + "/reschedule"));

    driver.switchTo().newWindow(WindowType.TAB);
    driver.get(url("/meetings/" + id + "/reschedule"));
    setValue("start", start.plusHours(1).toString());
    setValue("end", start.plusHours(3).toString());
    driver.findElement(By.id("preview-change")).click();
    await().until(ExpectedConditions.presenceOfElementLocated(By.id("preview")));
    assertThat(text(By.id("preview")))
        .startsWith("2 people will get an update:")
        .contains("Time: ")
        .contains(" → ");
    forDocs("reschedule-preview");
    driver.findElement(By.id("apply-change")).click();
    await().until(ExpectedConditions.presenceOfElementLocated(By.id("notice")));
    assertThat(text(By.id("revision"))).isEqualTo("2");

    driver.switchTo().window(first);
    setValue("end", start.plusHours(4).toString());
    driver.findElement(By.id("apply-change")).click();
    await().until(ExpectedConditions.presenceOfElementLocated(By.id("conflict")));
    assertThat(text(By.id("conflict")))
        .contains("Time: ")
        .contains(start.toLocalTime() + "")
        .contains("10:00");
    forDocs("conflict");
    assertThat(driver.findElement(By.id("end")).getDomProperty("value"))
        .startsWith(start.plusHours(4).toString());
    String conflictWindow = driver.getWindowHandle();
    driver.switchTo().newWindow(WindowType.TAB);
    driver.get(url("/meetings/" + id));
    assertThat(text(By.id("revision"))).as("the stale submit changed nothing").isEqualTo("2");

    // Sent again from the conflict page, the organiser's change applies to the current meeting.
    driver.switchTo().window(conflictWindow);
    driver.findElement(By.id("apply-change")).click();
    await().until(ExpectedConditions.presenceOfElementLocated(By.id("notice")));
    assertThat(text(By.id("revision"))).isEqualTo("3");
    List<MeetingEvent> events = topic().awaitEvents(id.toString(), 3);
    assertThat(events).hasSize(3).allSatisfy(e -> assertThat(e).isNotNull());
    assertThat(events.get(2))
        .isInstanceOfSatisfying(
            MeetingRescheduled.class,
            moved -> assertThat(moved.meeting().time().end()).isEqualTo(start.plusHours(4)));
  }

  @Test
  void anOrganiserCannotOpenAnotherOrganisersMeetingAndOpsCanReadButNotChange() throws Exception {
    String title = "Office only " + UUID.randomUUID();
    UUID id = scheduledByTheOffice(title, LocalDate.now(BERLIN).plusDays(25).atTime(9, 0));

    signIn(DISTRICT, "district-secret");
    driver.get(url("/meetings/" + id));
    assertThat(text(By.id("error-status"))).startsWith("403");
    assertThat(driver.getPageSource()).doesNotContain(title);
    forDocs("forbidden");
    driver.get(url("/meetings/" + id + "/cancel"));
    assertThat(text(By.id("error-status"))).startsWith("403");
    driver.findElement(By.id("sign-out")).click();
    await().until(ExpectedConditions.presenceOfElementLocated(By.id("signed-out")));

    signIn(OPS, "ops-secret");
    driver.get(url("/meetings/" + id));
    assertThat(text(By.id("meeting-title"))).isEqualTo(title);
    assertThat(driver.findElements(By.id("reschedule"))).isEmpty();
    assertThat(driver.findElements(By.id("new-meeting"))).isEmpty();
    driver.get(url("/meetings/" + id + "/reschedule"));
    assertThat(text(By.id("error-status"))).startsWith("403");
  }

  @Test
  void aScriptTypedIntoATitleIsShownAsTextAlsoInTheDetailsPreview() {
    signIn(OFFICE, "office-secret");
    String title =
        "<script>document.title='owned'</script><b id=\"injected\">bold</b> " + UUID.randomUUID();
    UUID id = schedule(title, LocalDate.now(BERLIN).plusDays(35).atTime(9, 0));

    assertThat(text(By.id("meeting-title"))).isEqualTo(title);
    assertThat(driver.findElements(By.id("injected"))).isEmpty();
    assertThat(driver.getTitle()).isNotEqualTo("owned").contains("<script>");

    driver.findElement(By.id("change-details")).click();
    type("location", "<i id=\"injected\">Hall 2</i>");
    driver.findElement(By.id("preview-change")).click();
    assertThat(text(By.id("preview")))
        .contains("2 people will get an update:")
        .contains("Location: Room 301 → <i id=\"injected\">Hall 2</i>");
    assertThat(driver.findElements(By.id("injected"))).isEmpty();
    driver.findElement(By.id("apply-change")).click();
    await().until(ExpectedConditions.presenceOfElementLocated(By.id("notice")));
    assertThat(text(By.cssSelector("dl.details"))).contains("<i id=\"injected\">Hall 2</i>");
    assertThat(topic().awaitEvents(id.toString(), 2).get(1))
        .isInstanceOf(MeetingDetailsChanged.class);
  }

  @Test
  void anOrganiserAddsAnItemAndInvitesSomeoneWithPreviewsAndAnExpiredFormIsExplained()
      throws Exception {
    String title = "Agenda and people " + UUID.randomUUID();
    UUID id = scheduledByTheOffice(title, LocalDate.now(BERLIN).plusDays(40).atTime(9, 0));
    signIn(OFFICE, "office-secret");
    driver.get(url("/meetings/" + id));

    driver.findElement(By.id("add-item")).click();
    type("title", "Budget for next year");
    type("presenterEmail", "li.na@bast.example.org");
    type("durationMinutes", "30");
    type("position", "2");
    driver.findElement(By.id("preview-change")).click();
    assertThat(text(By.id("preview")))
        .contains("2 people will get an update:")
        .contains("New item “Budget for next year” at position: — → 2")
        .contains("Item “Report on the districts” moved: 2 → 3");
    forDocs("change-preview");
    driver.findElement(By.id("apply-change")).click();
    await().until(ExpectedConditions.presenceOfElementLocated(By.id("notice")));
    assertThat(
            driver.findElements(By.cssSelector("#agenda tbody tr")).stream()
                .map(WebElement::getText))
        .satisfiesExactly(
            first -> assertThat(first).contains("Opening"),
            second -> assertThat(second).startsWith("2").contains("Budget for next year", "Li Na"),
            third -> assertThat(third).contains("Report on the districts"));

    driver.findElement(By.id("invite-person")).click();
    type("name", "Zhou Min");
    type("email", "zhou.min@bast.example.org");
    driver.findElement(By.id("preview-change")).click();
    assertThat(text(By.id("preview"))).contains("Invited: Zhou Min <zhou.min@bast.example.org>");
    driver.findElement(By.id("apply-change")).click();
    await().until(ExpectedConditions.presenceOfElementLocated(By.id("notice")));
    assertThat(text(By.cssSelector("main")))
        .contains("Participants (3)", "Zhou Min", "No answer", "Quorum at risk");
    assertThat(topic().awaitEvents(id.toString(), 3))
        .extracting(e -> e.getClass().getSimpleName())
        .containsExactly("MeetingScheduled", "AgendaChanged", "ParticipantsChanged");

    // The session ends while a form is open (signed out in another tab, or timed out).
    driver.findElement(By.id("add-item")).click();
    type("title", "Late item");
    driver.manage().deleteAllCookies();
    driver.findElement(By.id("apply-change")).click();
    assertThat(text(By.id("error-status"))).isEqualTo("403 · This form has expired");
    assertThat(text(By.id("error-help"))).contains("reload the page");
  }

  @Test
  void everyControlHasANameTheAgendaReordersByKeyboardAndNothingScrollsSidewaysAtPhoneWidth()
      throws Exception {
    UUID id =
        scheduledByTheOffice(
            "Theory discussion with the leaders of the sixteen district associations",
            LocalDate.now(BERLIN).plusDays(45).atTime(9, 0));
    signIn(OFFICE, "office-secret");
    for (String page :
        List.of("/meetings/" + id, "/meetings/new", "/meetings/" + id + "/cancel", "/meetings")) {
      driver.get(url(page));
      assertThat(controlsWithoutAName()).as("form controls without a name on %s", page).isEmpty();
    }

    driver.get(url("/meetings/" + id));
    driver.findElement(By.id("move-up-2")).sendKeys(Keys.ENTER);
    await().until(ExpectedConditions.presenceOfElementLocated(By.id("notice")));
    assertThat(text(By.cssSelector("#agenda tbody tr"))).contains("Report on the districts");

    Dimension desktop = driver.manage().window().getSize();
    try {
      driver.manage().window().setSize(new Dimension(390, 844));
      for (String page : List.of("/meetings/" + id, "/meetings", "/meetings/new")) {
        driver.get(url(page));
        // The window's new size reaches the page asynchronously: once in CI the first page was
        // measured 59 px too wide, laid out before the resize had arrived.
        await().until(d -> viewportWidth() <= 390);
        assertThat(sidewaysOverflow()).as("sideways scrolling on %s at phone width", page).isZero();
        if (page.equals("/meetings/" + id)) {
          forDocs("phone");
        }
      }
    } finally {
      driver.manage().window().setSize(desktop);
    }
  }

  /** Inputs, selects, text areas and buttons that a screen reader could not name. */
  @SuppressWarnings("unchecked")
  private List<String> controlsWithoutAName() {
    return (List<String>)
        ((JavascriptExecutor) driver)
            .executeScript(
                """
                return [...document.querySelectorAll(
                    'input:not([type=hidden]), select, textarea, button')]
                  .filter(c => !(c.labels && c.labels.length)
                    && !c.getAttribute('aria-label') && !c.getAttribute('aria-labelledby')
                    && !(c.tagName === 'BUTTON' && /[\\p{L}\\p{N}]/u.test(c.textContent)))
                  .map(c => c.outerHTML.substring(0, 120));
                """);
  }

  private long viewportWidth() {
    return (Long)
        ((JavascriptExecutor) driver).executeScript("return document.documentElement.clientWidth;");
  }

  private long sidewaysOverflow() {
    return (Long)
        ((JavascriptExecutor) driver)
            .executeScript(
                "return Math.max(0, document.documentElement.scrollWidth"
                    + " - document.documentElement.clientWidth);");
  }

  /** Fills and sends the new-meeting form: a chair and a voting member, two agenda items. */
  private UUID schedule(String title, LocalDateTime start) {
    driver.get(url("/meetings/new"));
    type("title", title);
    type("description", "Prepared by the general office.");
    setValue("start", start.toString());
    setValue("end", start.plusHours(2).toString());
    type("timeZone", "Europe/Berlin");
    type("location", "Room 301");
    type("participants0.name", "Chair Wang");
    type("participants0.email", "wang@bast.example.org");
    new Select(driver.findElement(By.id("participants0.role"))).selectByValue("CHAIR");
    type("participants1.name", "Li Na");
    type("participants1.email", "li.na@bast.example.org");
    type("agenda0.title", "Opening");
    type("agenda0.presenterEmail", "wang@bast.example.org");
    type("agenda0.durationMinutes", "15");
    type("agenda1.title", "Report on the districts");
    type("agenda1.presenterEmail", "li.na@bast.example.org");
    type("agenda1.durationMinutes", "60");
    forDocs("new-meeting");
    driver.findElement(By.id("schedule")).click();
    await().until(ExpectedConditions.presenceOfElementLocated(By.id("meeting-title")));
    String path = driver.getCurrentUrl().replaceFirst("^.*/meetings/", "");
    return UUID.fromString(path.replaceFirst("[?#].*$", ""));
  }

  /**
   * The meeting {@link #schedule} fills in, scheduled through the API for the tests whose subject
   * is what comes after: the same rules, without typing twenty fields into the browser.
   */
  private UUID scheduledByTheOffice(String title, LocalDateTime start) throws Exception {
    Map<String, Object> meeting = new LinkedHashMap<>();
    meeting.put("title", title);
    meeting.put("description", "Prepared by the general office.");
    meeting.put("start", start.toString());
    meeting.put("end", start.plusHours(2).toString());
    meeting.put("timeZone", "Europe/Berlin");
    meeting.put("location", "Room 301");
    meeting.put(
        "participants",
        List.of(
            Map.of("name", "Chair Wang", "email", "wang@bast.example.org", "role", "CHAIR"),
            Map.of("name", "Li Na", "email", "li.na@bast.example.org", "role", "VOTING")));
    meeting.put(
        "agenda",
        List.of(
            Map.of(
                "title",
                "Opening",
                "presenterEmail",
                "wang@bast.example.org",
                "durationMinutes",
                15),
            Map.of(
                "title",
                "Report on the districts",
                "presenterEmail",
                "li.na@bast.example.org",
                "durationMinutes",
                60)));
    JsonNode created = ApiMeetings.schedule(mvc, json, meeting);
    return UUID.fromString(created.get("id").asString());
  }

  private void signIn(String username, String password) {
    if (!driver.getCurrentUrl().contains("/login")) {
      driver.get(url("/login"));
    }
    type("username", username);
    type("password", password);
    // The page before may itself show a login error: wait for the answer page to replace it first.
    WebElement before = driver.findElement(By.tagName("html"));
    driver.findElement(By.id("sign-in")).click();
    // Chrome reports a node of the old document as stale, or, mid-navigation, as not belonging to
    // it.
    await()
        .until(
            d -> {
              try {
                before.isEnabled();
                return false;
              } catch (WebDriverException gone) {
                return true;
              }
            });
    await()
        .until(
            ExpectedConditions.or(
                ExpectedConditions.presenceOfElementLocated(By.id("login-error")),
                ExpectedConditions.presenceOfElementLocated(By.id("sign-out"))));
  }

  private void type(String id, String value) {
    WebElement field = driver.findElement(By.id(id));
    field.clear();
    field.sendKeys(value);
  }

  /**
   * Date-time inputs take their keys in the browser's locale's order; setting the value is what a
   * picker does.
   */
  private void setValue(String id, String value) {
    ((JavascriptExecutor) driver)
        .executeScript("arguments[0].value = arguments[1]", driver.findElement(By.id(id)), value);
  }

  private String text(By by) {
    return await().until(ExpectedConditions.visibilityOfElementLocated(by)).getText();
  }

  private WebDriverWait await() {
    // Polled often: most waits are for a page that is a few milliseconds from loaded.
    return (WebDriverWait)
        new WebDriverWait(driver, Duration.ofSeconds(10)).pollingEvery(Duration.ofMillis(25));
  }

  private String url(String path) {
    return "http://localhost:" + port + path;
  }

  private void forDocs(String name) {
    String folder = System.getProperty("convene.screenshots");
    if (folder == null || folder.isBlank()) {
      return;
    }
    try {
      browser.screenshot(Path.of(folder, name + ".png"));
    } catch (IOException e) {
      throw new IllegalStateException("Cannot save the screenshot " + name, e);
    }
  }
}
