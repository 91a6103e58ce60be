package org.convene.scheduler.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.convene.events.CloudEventHeaders;
import org.convene.scheduler.web.PageFailureCapture;
import org.convene.testing.Browser;
import org.convene.testing.EmbeddedPostgresServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.json.JsonMapper;

/**
 * Production mode: OAuth2 bearer tokens for the API, sign-in at the OpenID Connect provider for the
 * pages. The API's tokens are signed with a local RSA key here; the pages sign in at a real
 * provider started in this JVM ({@link OidcProvider}). The configuration is the one the README
 * gives (principal claim email, roles claim, audience).
 *
 * <p>A context of its own, beside the shared one of {@code SchedulerIntegrationTest}: the security
 * mode is chosen when the context starts (it decides which filter chains exist), so a JWT-mode
 * service cannot be the shared form-login one.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "convene.security.mode=jwt",
      "spring.security.oauth2.resourceserver.jwt.audiences=convene",
      "spring.security.oauth2.resourceserver.jwt.principal-claim-name=email",
      "spring.security.oauth2.resourceserver.jwt.authorities-claim-name=roles",
      "spring.security.oauth2.resourceserver.jwt.authority-prefix=ROLE_"
    })
@AutoConfigureMockMvc
@EmbeddedKafka(
    partitions = 1,
    topics = CloudEventHeaders.DEFAULT_TOPIC,
    bootstrapServersProperty = "spring.kafka.bootstrap-servers")
class JwtModeIntegrationTests {

  private static final KeyPair KEYS = rsaKeys();

  /** Started before the context, which reads the provider's metadata at start-up. */
  private static final OidcProvider PROVIDER = OidcProvider.start();

  static Browser browser;

  @RegisterExtension
  static final PageFailureCapture failures = new PageFailureCapture(() -> browser);

  @AfterAll
  static void stopBrowser() {
    if (browser != null) {
      browser.close();
      browser = null;
    }
  }

  @DynamicPropertySource
  static void infrastructure(DynamicPropertyRegistry registry) throws IOException {
    registry.add("spring.datasource.url", () -> EmbeddedPostgresServer.jdbcUrl("scheduler_jwt_it"));
    registry.add("spring.datasource.username", EmbeddedPostgresServer::username);
    registry.add("spring.datasource.password", EmbeddedPostgresServer::password);
    Path key = Files.createTempFile("convene-issuer", ".pub");
    key.toFile().deleteOnExit();
    Files.writeString(
        key,
        "-----BEGIN PUBLIC KEY-----\n"
            + Base64.getMimeEncoder(64, "\n".getBytes())
                .encodeToString(KEYS.getPublic().getEncoded())
            + "\n-----END PUBLIC KEY-----\n");
    registry.add(
        "spring.security.oauth2.resourceserver.jwt.public-key-location", () -> "file:" + key);
    registry.add("convene.security.sign-in.issuer-uri", () -> PROVIDER.issuer().toString());
    registry.add("convene.security.sign-in.client-id", () -> OidcProvider.CLIENT_ID);
    registry.add("convene.security.sign-in.client-secret", () -> OidcProvider.CLIENT_SECRET);
  }

  @Autowired MockMvc mvc;
  @Autowired JsonMapper json;
  @LocalServerPort int port;

  @Test
  void anOrganiserSignsInAtTheProviderSeesTheirMeetingsAndSignsOutThere() throws Exception {
    String title = "Signed in at the provider " + UUID.randomUUID();
    mvc.perform(
            post("/api/meetings")
                .header(
                    "Authorization",
                    "Bearer " + token("convene", "district@bast.example.org", "ORGANISER"))
                .contentType(MediaType.APPLICATION_JSON)
                .content(json.writeValueAsString(meeting(title))))
        .andExpect(status().isCreated());
    // The scheduler as 127.0.0.1, the provider as localhost: two hosts, two session cookies.
    String pages = "http://127.0.0.1:" + port;
    PROVIDER.registerClient(pages);
    browser = Browser.start();
    WebDriver driver = browser.driver();

    driver.get(pages + "/meetings");
    signInAtProvider(driver, "district@bast.example.org", "district-secret");
    await(driver).until(ExpectedConditions.presenceOfElementLocated(By.id("sign-out")));
    assertThat(driver.getCurrentUrl()).startsWith(pages + "/meetings");
    assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("My meetings");
    assertThat(driver.findElement(By.className("who")).getText())
        .isEqualTo("District Association Office");
    assertThat(driver.findElement(By.id("meetings")).getText())
        .as("the meeting scheduled through the API with a token for the same address")
        .contains(title);

    // Signing out ends the provider's session too: the next sign-in asks for the password again.
    driver.findElement(By.id("sign-out")).click();
    await(driver).until(ExpectedConditions.presenceOfElementLocated(By.id("signed-out")));
    assertThat(driver.getCurrentUrl()).startsWith(pages + "/login");
    driver.get(pages + "/meetings");
    signInAtProvider(driver, "guest@bast.example.org", "guest-secret");
    // Signed in, but without a role of the pages.
    assertThat(
            await(driver)
                .until(ExpectedConditions.visibilityOfElementLocated(By.id("error-status")))
                .getText())
        .startsWith("403");
    assertThat(driver.getPageSource()).doesNotContain(title);
  }

  /** From a page that asks to sign in, through the provider's own login form. */
  private void signInAtProvider(WebDriver driver, String username, String password) {
    await(driver)
        .until(ExpectedConditions.elementToBeClickable(By.id("sign-in-at-provider")))
        .click();
    await(driver).until(ExpectedConditions.urlToBe(PROVIDER.issuer() + "/login"));
    driver.findElement(By.id("username")).sendKeys(username);
    driver.findElement(By.id("password")).sendKeys(password);
    driver.findElement(By.cssSelector("button[type=submit]")).click();
  }

  private static WebDriverWait await(WebDriver driver) {
    return (WebDriverWait)
        new WebDriverWait(driver, Duration.ofSeconds(10)).pollingEvery(Duration.ofMillis(25));
  }

  @Test
  void organiserWithAValidTokenSchedulesAsTheTokensEmail() throws Exception {
    mvc.perform(
            post("/api/meetings")
                .header(
                    "Authorization",
                    "Bearer " + token("convene", "district@bast.example.org", "ORGANISER"))
                .contentType(MediaType.APPLICATION_JSON)
                .content(json.writeValueAsString(meeting("Token check"))))
        .andExpect(status().isCreated())
        .andExpect(jsonPath("$.organiser.email").value("district@bast.example.org"))
        .andExpect(jsonPath("$.organiser.name").value("Token Holder"));
  }

  @Test
  void tokenForAnotherAudienceIsRefused() throws Exception {
    mvc.perform(
            get("/api/meetings")
                .header(
                    "Authorization",
                    "Bearer " + token("someone-else", "district@bast.example.org", "ORGANISER")))
        .andExpect(status().isUnauthorized())
        .andExpect(header().string("WWW-Authenticate", org.hamcrest.Matchers.startsWith("Bearer")));
  }

  @Test
  void tokenWithoutARoleIsForbiddenAndNoTokenIsUnauthorized() throws Exception {
    mvc.perform(
            get("/api/meetings")
                .header(
                    "Authorization",
                    "Bearer " + token("convene", "district@bast.example.org", "GUEST")))
        .andExpect(status().isForbidden());
    mvc.perform(get("/api/meetings")).andExpect(status().isUnauthorized());
  }

  private static String token(String audience, String email, String role) throws Exception {
    JWTClaimsSet claims =
        new JWTClaimsSet.Builder()
            .subject("user-42")
            .audience(audience)
            .claim("email", email)
            .claim("name", "Token Holder")
            .claim("roles", List.of(role))
            .issueTime(new Date())
            .expirationTime(Date.from(Instant.now().plusSeconds(300)))
            .build();
    SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims);
    jwt.sign(new RSASSASigner((RSAPrivateKey) KEYS.getPrivate()));
    return jwt.serialize();
  }

  private static Map<String, Object> meeting(String title) {
    LocalDateTime start =
        LocalDateTime.now(ZoneId.of("Europe/Berlin")).plusDays(5).truncatedTo(ChronoUnit.HOURS);
    return Map.of(
        "title",
        title,
        "start",
        start.toString(),
        "end",
        start.plusHours(1).toString(),
        "timeZone",
        "Europe/Berlin",
        "location",
        "Room 3",
        "participants",
        List.of(Map.of("name", "Shen Jie", "email", "shen.jie@bast.example.org", "role", "CHAIR")));
  }

  private static KeyPair rsaKeys() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      return generator.generateKeyPair();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
