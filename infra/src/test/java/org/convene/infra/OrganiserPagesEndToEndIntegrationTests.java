package org.convene.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ConcurrentModificationException;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.convene.testing.Browser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One meeting through its life in the organisers' pages, in a real Chromium, on the real stack:
 * both services, the broker, PostgreSQL and GreenMail. Scheduled in the form with an agenda and two
 * participants, its invitations arrive and the meeting's page shows them sent (from the notifier's
 * delivery reports) with the answer one of them gave with the link in hers; an agenda item moved on
 * the page reaches everyone as an update that names the move; cancelled with a reason, everyone
 * gets the cancellation with the reason. The scheduler's own browser tests check the pages' other
 * scenarios against the events they publish; this one checks what people receive. With {@code
 * -Dconvene.screenshots=../docs/screenshots} the meeting's page is saved for the README.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(ConveneStack.Shared.class)
class OrganiserPagesEndToEndIntegrationTests {

  private static final Duration DELIVERED_WITHIN = Duration.ofSeconds(60);
  private static final String DOMAIN = "@pages-e2e.example.org";
  private static final String CHAIR = "wang" + DOMAIN;
  private static final String MEMBER = "li.na" + DOMAIN;
  private static final Pattern ACCEPT_LINK =
      Pattern.compile("https?://[^\\s\"<>]+/answer/[A-Za-z0-9_.-]+\\?answer=ACCEPTED");

  private EmbeddedInfrastructure infrastructure;
  private String pages;
  private Browser browser;
  private WebDriver driver;

  @RegisterExtension
  final TestWatcher failures =
      new TestWatcher() {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
          if (browser == null) {
            return;
          }
          Path folder = Path.of("target", "browser-failures");
          String name = context.getRequiredTestMethod().getName();
          try {
            browser.screenshot(folder.resolve(name + ".png"));
            Files.writeString(
                folder.resolve(name + ".html"), driver.getPageSource(), StandardCharsets.UTF_8);
          } catch (IOException | RuntimeException e) {
            cause.addSuppressed(e);
          }
        }
      };

  @BeforeAll
  void useConvene(ConveneStack stack) {
    infrastructure = stack.infrastructure();
    pages = stack.scheduler().baseUri().toString().replaceFirst("/$", "");
    browser = Browser.start();
    driver = browser.driver();
  }

  @AfterAll
  void closeBrowser() {
    if (browser != null) {
      browser.close();
    }
  }

  @Test
  void aMeetingScheduledMovedAndCancelledInThePagesReachesEveryoneByMail() {
    signIn(LocalAccounts.GENERAL_OFFICE.username(), LocalAccounts.PASSWORD);
    // A title as an office would give it: the page is the README's screenshot. It needs no
    // random part: the mailboxes of this class's people get no other meeting's mail, and the
    // cancelled tab is checked for this meeting's own link.
    String title = "2027 theory-discussing meeting";
    schedule(title, LocalDate.now().plusDays(30).atTime(9, 0));
    String meetingPage = driver.getCurrentUrl().replaceFirst("[?#].*$", "");
    String meetingPath = meetingPage.substring(pages.length());

    await("the invitations")
        .atMost(DELIVERED_WITHIN)
        .until(
            () ->
                received(CHAIR, "Invitation: " + title).isPresent()
                    && received(MEMBER, "Invitation: " + title).isPresent());
    String invitation = body(received(MEMBER, "Invitation: " + title).orElseThrow());
    assertThat(invitation).contains("Opening", "Report on the districts");

    // Li Na accepts with the link in her invitation; the organiser's page shows her answer.
    Matcher accept = ACCEPT_LINK.matcher(invitation);
    assertThat(accept.find()).as("an Accept link in %s", invitation).isTrue();
    driver.get(accept.group());
    driver.findElement(By.cssSelector("button[type=submit]")).click();
    waitFor(By.id("recorded"));
    await("the notifier's reports on the meeting's page")
        .atMost(DELIVERED_WITHIN)
        .pollInterval(Duration.ofMillis(500))
        .until(
            () -> {
              driver.get(meetingPage);
              return driver.findElements(By.cssSelector(".delivery-sent")).stream()
                      .filter(state -> state.getText().startsWith("Invitation sent"))
                      .count()
                  == 2;
            });
    assertThat(driver.findElement(By.cssSelector("main")).getText()).contains("Accepted");
    forDocs("meeting");

    driver.findElement(By.id("move-up-2")).click();
    waitFor(By.id("notice"));
    assertThat(
            driver.findElements(By.cssSelector("#agenda tbody tr")).stream()
                .map(WebElement::getText))
        .satisfiesExactly(
            first -> assertThat(first).startsWith("1").contains("Report on the districts"),
            second -> assertThat(second).startsWith("2").contains("Opening"));
    await("the update naming the move")
        .atMost(DELIVERED_WITHIN)
        .until(
            () ->
                received(CHAIR, "Updated: " + title).isPresent()
                    && received(MEMBER, "Updated: " + title).isPresent());
    for (String person : List.of(CHAIR, MEMBER)) {
      assertThat(body(received(person, "Updated: " + title).orElseThrow()))
          .as("the update to %s", person)
          .contains("“Report on the districts” moved from");
    }

    driver.findElement(By.id("cancel")).click();
    waitFor(By.id("confirm-cancel"));
    assertThat(driver.findElement(By.id("preview")).getText())
        .isEqualTo("2 people will get the cancellation.");
    driver.findElement(By.id("reason")).sendKeys("The venue is closed.");
    driver.findElement(By.id("confirm-cancel")).click();
    waitFor(By.id("cancelled"));
    assertThat(driver.findElements(By.id("reschedule")))
        .as("a cancelled meeting offers no changes")
        .isEmpty();
    await("the cancellations")
        .atMost(DELIVERED_WITHIN)
        .until(
            () ->
                received(CHAIR, "Cancelled: " + title).isPresent()
                    && received(MEMBER, "Cancelled: " + title).isPresent());
    for (String person : List.of(CHAIR, MEMBER)) {
      assertThat(body(received(person, "Cancelled: " + title).orElseThrow()))
          .as("the cancellation to %s", person)
          .contains("The venue is closed.");
    }
    driver.get(pages + "/meetings?tab=cancelled");
    assertThat(driver.findElements(By.cssSelector("#meetings a[href='" + meetingPath + "']")))
        .singleElement()
        .extracting(WebElement::getText)
        .isEqualTo(title);
  }

  private void signIn(String username, String password) {
    driver.get(pages + "/login");
    driver.findElement(By.id("username")).sendKeys(username);
    driver.findElement(By.id("password")).sendKeys(password);
    driver.findElement(By.id("sign-in")).click();
    waitFor(By.id("sign-out"));
  }

  /** The new-meeting form: a chair and a voting member, two agenda items, a month ahead. */
  private void schedule(String title, LocalDateTime start) {
    driver.get(pages + "/meetings/new");
    type("title", title);
    setValue("start", start.toString());
    setValue("end", start.plusHours(2).toString());
    type("timeZone", "Europe/Berlin");
    type("location", "Room 301");
    type("participants0.name", "Chair Wang");
    type("participants0.email", CHAIR);
    new Select(driver.findElement(By.id("participants0.role"))).selectByValue("CHAIR");
    type("participants1.name", "Li Na");
    type("participants1.email", MEMBER);
    type("agenda0.title", "Opening");
    type("agenda0.presenterEmail", CHAIR);
    type("agenda0.durationMinutes", "15");
    type("agenda1.title", "Report on the districts");
    type("agenda1.presenterEmail", MEMBER);
    type("agenda1.durationMinutes", "60");
    driver.findElement(By.id("schedule")).click();
    waitFor(By.id("meeting-title"));
  }

  /** Replaces what the field holds (the form fills some in, such as the viewer's zone). */
  private void type(String id, String value) {
    WebElement field = driver.findElement(By.id(id));
    field.clear();
    field.sendKeys(value);
  }

  /** Date-time inputs take keys in the browser locale's order; a picker sets the value. */
  private void setValue(String id, String value) {
    ((JavascriptExecutor) driver)
        .executeScript("arguments[0].value = arguments[1]", driver.findElement(By.id(id)), value);
  }

  private void waitFor(By element) {
    new WebDriverWait(driver, Duration.ofSeconds(10))
        .pollingEvery(Duration.ofMillis(25))
        .until(ExpectedConditions.presenceOfElementLocated(element));
  }

  /** With {@code -Dconvene.screenshots=<folder>}, saves what the browser shows for the README. */
  private void forDocs(String name) {
    String folder = System.getProperty("convene.screenshots");
    if (folder == null || folder.isBlank()) {
      return;
    }
    // Tall enough for the agenda, the answers and the delivery states together.
    Dimension size = driver.manage().window().getSize();
    try {
      driver.manage().window().setSize(new Dimension(1280, 1500));
      browser.screenshot(Path.of(folder, name + ".png"));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot save the screenshot " + name, e);
    } finally {
      driver.manage().window().setSize(size);
    }
  }

  private Optional<MimeMessage> received(String address, String subjectStart) {
    // GreenMail's list of a mailbox grows while it is read, as other mails arrive: read it again.
    while (true) {
      try {
        return infrastructure
            .greenMail()
            .findReceivedMessages(
                user -> user.getEmail().equalsIgnoreCase(address),
                message -> subject(message).startsWith(subjectStart))
            .toList()
            .stream()
            .findFirst();
      } catch (ConcurrentModificationException stillArriving) {
        // the next read sees the mails that arrived meanwhile
      }
    }
  }

  private static String subject(MimeMessage message) {
    try {
      return String.valueOf(message.getSubject());
    } catch (MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The message's plain text. */
  private static String body(Part part) {
    try {
      if (part.isMimeType("text/plain")) {
        return (String) part.getContent();
      }
      if (part.isMimeType("multipart/*")) {
        Multipart multipart = (Multipart) part.getContent();
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < multipart.getCount(); i++) {
          text.append(body(multipart.getBodyPart(i)));
        }
        return text.toString();
      }
      return "";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (MessagingException e) {
      throw new IllegalStateException(e);
    }
  }
}
