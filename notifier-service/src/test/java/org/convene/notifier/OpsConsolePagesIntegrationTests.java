package org.convene.notifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.convene.notifier.testing.MeetingStory;
import org.convene.notifier.testing.TestMailbox;
import org.convene.notifier.testing.TestSmtp;
import org.convene.testing.Browser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The ops console's pages in a real Chromium (Debian's, as the organisers' pages are tested),
 * against the notifier on its real broker, database and mail server. One browser serves the class;
 * each test signs in afresh. Run with {@code -Dconvene.screenshots=../docs/screenshots} the pages
 * are saved for the README.
 */
class OpsConsolePagesIntegrationTests extends NotifierTestSupport {

  static Browser browser;

  @LocalServerPort int port;

  WebDriver driver;

  /** A failed step says which page the browser was on, so that a lost session or an error shows. */
  @RegisterExtension
  final TestExecutionExceptionHandler pageOnFailure =
      (context, failure) -> {
        if (driver == null) {
          throw failure;
        }
        throw new AssertionError(
            "On "
                + driver.getCurrentUrl()
                + " (\""
                + driver.getTitle()
                + "\", cookies "
                + driver.manage().getCookies()
                + "): "
                + failure.getMessage(),
            failure);
      };

  @BeforeAll
  static void startBrowser() {
    browser = Browser.start();
  }

  @AfterAll
  static void stopBrowser() {
    if (browser != null) {
      browser.close();
    }
  }

  @BeforeEach
  void signIn() {
    driver = browser.driver();
    driver.manage().deleteAllCookies();
    driver.get(url("/ops/dead-letters"));
    assertThat(driver.getCurrentUrl()).contains("/login");
    driver.findElement(By.id("username")).sendKeys(OpsSession.USER);
    driver.findElement(By.id("password")).sendKeys(OpsSession.PASSWORD);
    driver.findElement(By.id("sign-in")).click();
    waitFor(By.id("nav-flow"));
  }

  @Test
  void anOperatorFindsAPoisonRecordReadsItAndParksItWithAReasonAfterConfirming() {
    String key = "poison-page-" + UUID.randomUUID();
    send(TOPIC, key, "not JSON at all".getBytes(StandardCharsets.UTF_8), cloudEventHeaders());
    await()
        .atMost(DELIVERY)
        .until(
            () ->
                jdbc.sql("select count(*) from dead_letter where record_key = :key")
                        .param("key", key)
                        .query(Long.class)
                        .single()
                    == 1);

    driver.get(url("/ops/dead-letters"));
    waitFor(By.id("key")).sendKeys(key);
    driver.findElement(By.id("filter")).click();
    waitFor(By.id("dead-letters"));
    assertThat(driver.findElements(By.cssSelector("#dead-letters tbody tr"))).hasSize(1);
    forDocs("ops-dead-letters");
    assertThat(driver.findElement(By.cssSelector("#dead-letters tbody tr")).getText())
        .contains(TOPIC + "-0@", "DeserializationException");
    driver.findElement(By.className("dead-letter-link")).click();

    waitFor(By.id("value"));
    assertThat(driver.findElement(By.id("key")).getText()).isEqualTo(key);
    assertThat(driver.findElement(By.id("value")).getText()).isEqualTo("not JSON at all");
    assertThat(driver.findElement(By.id("headers")).getText()).contains("ce_type");
    forDocs("ops-dead-letter");
    driver.findElement(By.id("reason")).sendKeys("sent by a test client, never valid");
    driver.findElement(By.id("park")).click();

    waitFor(By.id("confirm-question"));
    assertThat(driver.findElement(By.id("confirm-count")).getText()).isEqualTo("1");
    assertThat(
            jdbc.sql("select status from dead_letter where record_key = :key")
                .param("key", key)
                .query(String.class)
                .single())
        .as("nothing happens before the confirmation")
        .isEqualTo("DEAD");
    driver.findElement(By.id("confirm-action")).click();

    waitFor(By.id("notice"));
    assertThat(driver.findElement(By.id("notice")).getText()).startsWith("park: 1 done");
    driver.get(url("/ops/dead-letters?status=PARKED&key=" + key));
    // Each page's first element after a navigation is waited for rather than looked up at once:
    // lookups right after a navigation failed twice in full builds (here and for the filter above).
    assertThat(waitFor(By.cssSelector("#dead-letters tbody tr")).getText()).contains("PARKED");
    driver.findElement(By.id("nav-audit")).click();
    waitFor(By.id("audit"));
    assertThat(driver.findElement(By.cssSelector("#audit tbody tr")).getText())
        .contains(OpsSession.USER, "dead-letter.park", "sent by a test client, never valid");
  }

  @Test
  void theFlowPageShowsAMeetingsEventsAndWhatEachRecipientGot() {
    MeetingStory story = new MeetingStory(MeetingStory.uniqueDomain("flow-page"));
    publish(story.scheduled());
    await().atMost(DELIVERY).until(() -> TestSmtp.receivedFor(story.domain()).size() == 5);

    driver.findElement(By.id("nav-flow")).click();
    waitFor(By.id("q")).sendKeys(story.meetingId().toString());
    driver.findElement(By.id("find")).click();

    waitFor(By.id("events"));
    assertThat(driver.findElement(By.id("event-1")).getText()).contains("MeetingScheduled");
    assertThat(driver.findElements(By.cssSelector("section.recipient"))).hasSize(5);
    assertThat(driver.findElements(By.cssSelector("section.recipient td.answer")))
        .allSatisfy(answer -> assertThat(answer.getText()).startsWith("Yes: invitation sent at"));
    forDocs("ops-flow");
  }

  @Test
  void theHealthPageShowsANewDeadLetterWithoutReloadingAndHighlightsIt() {
    // The consumer groups have committed offsets once they have read something: run on its own,
    // this test would otherwise find no group on the broker yet.
    MeetingStory story = new MeetingStory(MeetingStory.uniqueDomain("health-page"));
    publish(story.scheduled());
    await().atMost(DELIVERY).until(() -> TestSmtp.receivedFor(story.domain()).size() == 5);
    driver.findElement(By.id("nav-health")).click();
    long before = Long.parseLong(waitFor(By.id("dead-letters-open")).getText());
    assertThat(driver.findElements(By.cssSelector("#lag tbody tr")))
        .as("the notifier's consumer groups, read from the broker")
        .isNotEmpty();
    assertThat(driver.findElement(By.id("outbox-state")).getText()).startsWith("Not configured");
    // The organiser mailbox the shared context's reader reads, as the page names it.
    await()
        .atMost(DELIVERY)
        .ignoreException(StaleElementReferenceException.class)
        .until(() -> driver.findElement(By.id("mailbox-state")).getText().equals("Reading"));
    assertThat(driver.findElement(By.id("mailbox-name")).getText())
        .startsWith(TestMailbox.ADDRESS + " on ");
    // A look during the page's rendering is after the page's own time: "now", not "just now".
    assertThat(driver.findElement(By.id("mailbox-last-look")).getText())
        .matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2} \\((just now|now|.* ago)\\)");
    assertThat(driver.findElement(By.id("reminders-next")).getText())
        .as("the first reminder due within the hour, or none")
        .doesNotStartWith("1970");
    // A reload would lose this mark: the figures must change under it.
    ((JavascriptExecutor) driver).executeScript("window.notReloaded = true;");

    String key = "poison-health-" + UUID.randomUUID();
    send(TOPIC, key, "{\"half\": ".getBytes(StandardCharsets.UTF_8), cloudEventHeaders());

    await()
        .atMost(DELIVERY)
        .ignoreException(StaleElementReferenceException.class)
        .until(
            () ->
                Long.parseLong(driver.findElement(By.id("dead-letters-open")).getText()) > before);
    assertThat(((JavascriptExecutor) driver).executeScript("return window.notReloaded === true;"))
        .as("refreshed in place, not reloaded")
        .isEqualTo(true);
    assertThat(driver.findElement(By.id("tile-dead-letters")).getAttribute("class"))
        .contains("high");
    long open = Long.parseLong(driver.findElement(By.id("dead-letters-open")).getText());
    assertThat(driver.findElement(By.id("problems")).getText())
        .contains(
            open == 1
                ? "1 dead letter awaits an operator"
                : open + " dead letters await an operator");
    // Times as a person reads them, in the browser's zone to the second; ISO only for machines.
    assertThat(driver.findElement(By.id("figures-at")).getText())
        .matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}");
    assertThat(driver.findElement(By.id("figures-at")).getAttribute("datetime")).endsWith("Z");
    assertThat(driver.findElement(By.id("times-zone")).getText())
        .isEqualTo(
            "(Times in "
                + ((JavascriptExecutor) driver)
                    .executeScript("return Intl.DateTimeFormat().resolvedOptions().timeZone;")
                + ")");
    assertThat(driver.findElement(By.id("dead-letter-reasons")).getText())
        .contains("DeserializationException");
    assertThat(driver.findElement(By.id("refresh-status")).getText())
        .matches("Refreshes every \\d+ s; last at .*\\d{2}:\\d{2}.*");
    forDocs("ops-health");
  }

  @Test
  void theConsoleForbidsInlineScriptAndServesItsOwnScriptFile() throws Exception {
    java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
    java.net.http.HttpResponse<String> login =
        http.send(
            java.net.http.HttpRequest.newBuilder(java.net.URI.create(url("/login"))).build(),
            java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(login.headers().firstValue("Content-Security-Policy"))
        .hasValueSatisfying(
            policy -> assertThat(policy).contains("script-src 'self';", "style-src 'self';"));
    java.net.http.HttpResponse<String> script =
        http.send(
            java.net.http.HttpRequest.newBuilder(java.net.URI.create(url("/js/ops-health.js")))
                .build(),
            java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(script.statusCode()).isEqualTo(200);
    assertThat(script.body()).contains("getElementById('figures')");
  }

  private org.openqa.selenium.WebElement waitFor(By element) {
    return new WebDriverWait(driver, Duration.ofSeconds(20))
        .until(ExpectedConditions.visibilityOfElementLocated(element));
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
