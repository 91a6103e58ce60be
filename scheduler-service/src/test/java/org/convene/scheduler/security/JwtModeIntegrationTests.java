package org.convene.scheduler.security;

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
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.convene.events.CloudEventHeaders;
import org.convene.testing.EmbeddedPostgresServer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.json.JsonMapper;

/**
 * Production mode: OAuth2 bearer tokens. The issuer's key is a local RSA key here; the
 * configuration is the one the README gives (principal claim email, roles claim, audience).
 *
 * <p>A context of its own, beside the shared one of {@code SchedulerIntegrationTest}: the security
 * mode is chosen when the context starts (it decides which filter chains exist), so a JWT-mode
 * service cannot be the shared form-login one.
 */
@SpringBootTest(
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
  }

  @Autowired MockMvc mvc;
  @Autowired JsonMapper json;

  @Test
  void organiserWithAValidTokenSchedulesAsTheTokensEmail() throws Exception {
    mvc.perform(
            post("/api/meetings")
                .header(
                    "Authorization",
                    "Bearer " + token("convene", "district@bast.example.org", "ORGANISER"))
                .contentType(MediaType.APPLICATION_JSON)
                .content(json.writeValueAsString(meeting())))
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

  private static Map<String, Object> meeting() {
    LocalDateTime start =
        LocalDateTime.now(ZoneId.of("Europe/Berlin")).plusDays(5).truncatedTo(ChronoUnit.HOURS);
    return Map.of(
        "title",
        "Token check",
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
