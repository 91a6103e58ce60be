package org.convene.events.links;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The token in a person's answer link, {@code <base-url>/answer/<token>}: it names a meeting and an
 * invited mailbox, is valid until a given instant, and is signed so that nobody can answer for
 * somebody else or for another meeting. It may be used any number of times until then.
 *
 * <p>Format, version 1: {@code <payload>.<signature>} where
 *
 * <ul>
 *   <li>{@code payload} is the unpadded base64url encoding of the UTF-8 text {@code "v1\n" + keyId
 *       + "\n" + meetingId + "\n" + validUntil + "\n" + mailbox}, with {@code validUntil} in whole
 *       seconds since the epoch (decimal) and {@code meetingId} the meeting's UUID in lower case;
 *   <li>{@code signature} is the unpadded base64url encoding of HMAC-SHA256, keyed with the secret
 *       of {@code keyId}, over the ASCII bytes of {@code payload} (the encoded text, as in JWS).
 * </ul>
 *
 * <p>The key id (letters, digits, {@code -} and {@code _}, at most 32) lets keys rotate: new links
 * are signed with the current key, links signed with an older key stay valid while that key is
 * configured. Secrets are at least 32 bytes.
 */
public final class AnswerLinkToken {

  /** The MAC algorithm, as {@link Mac#getInstance(String)} names it. */
  public static final String ALGORITHM = "HmacSHA256";

  /** The shortest secret accepted, in bytes: as long as the MAC. */
  public static final int MIN_SECRET_BYTES = 32;

  private static final String VERSION = "v1";
  private static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9_-]{1,32}");
  private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{1,2000}\\.[A-Za-z0-9_-]{43}");

  /**
   * What a token says; read before its signature is checked, so not to be trusted until {@link
   * #verifies(String, byte[])} said yes with the secret of {@link #keyId()}.
   *
   * @param keyId the id of the key that signed the token
   * @param meetingId the meeting's id
   * @param mailbox the invited person's mailbox address
   * @param validUntil the token is refused from this instant on (whole seconds)
   */
  public record Claims(String keyId, String meetingId, String mailbox, Instant validUntil) {

    public Claims {
      Objects.requireNonNull(keyId, "keyId");
      Objects.requireNonNull(meetingId, "meetingId");
      Objects.requireNonNull(mailbox, "mailbox");
      Objects.requireNonNull(validUntil, "validUntil");
      if (!isKeyId(keyId)) {
        throw new IllegalArgumentException(
            "A key id is 1 to 32 letters, digits, '-' or '_': " + keyId);
      }
      if (meetingId.contains("\n")
          || mailbox.contains("\n")
          || mailbox.contains("\r")
          || mailbox.isBlank()) {
        throw new IllegalArgumentException(
            "A meeting id or mailbox must be one line and not blank");
      }
      validUntil = Instant.ofEpochSecond(validUntil.getEpochSecond());
    }
  }

  private AnswerLinkToken() {}

  /** Whether the text can be a key id. */
  public static boolean isKeyId(String keyId) {
    return keyId != null && KEY_ID.matcher(keyId).matches();
  }

  /** Signs the claims with the secret of {@code claims.keyId()}. */
  public static String sign(Claims claims, byte[] secret) {
    String text =
        String.join(
            "\n",
            VERSION,
            claims.keyId(),
            claims.meetingId(),
            Long.toString(claims.validUntil().getEpochSecond()),
            claims.mailbox());
    String payload =
        Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(text.getBytes(StandardCharsets.UTF_8));
    return payload + "." + mac(payload, secret);
  }

  /**
   * What the token says, if it has the form of a token; empty for anything else. The signature is
   * not checked here: look up the secret of the key id, then call {@link #verifies}.
   */
  public static Optional<Claims> read(String token) {
    if (token == null || !TOKEN.matcher(token).matches()) {
      return Optional.empty();
    }
    String payload = token.substring(0, token.indexOf('.'));
    String text;
    try {
      text = new String(Base64.getUrlDecoder().decode(payload), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    String[] parts = text.split("\n", 5);
    if (parts.length != 5 || !VERSION.equals(parts[0]) || !isKeyId(parts[1])) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          new Claims(
              parts[1], parts[2], parts[4], Instant.ofEpochSecond(Long.parseLong(parts[3]))));
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  /** Whether the token's signature is the one {@code secret} makes, compared in constant time. */
  public static boolean verifies(String token, byte[] secret) {
    if (token == null || !TOKEN.matcher(token).matches()) {
      return false;
    }
    int dot = token.indexOf('.');
    String expected = mac(token.substring(0, dot), secret);
    return MessageDigest.isEqual(
        expected.getBytes(StandardCharsets.US_ASCII),
        token.substring(dot + 1).getBytes(StandardCharsets.US_ASCII));
  }

  private static String mac(String payload, byte[] secret) {
    if (secret == null || secret.length < MIN_SECRET_BYTES) {
      throw new IllegalArgumentException(
          "An answer link secret has at least " + MIN_SECRET_BYTES + " bytes");
    }
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(new SecretKeySpec(secret, ALGORITHM));
      byte[] signature = mac.doFinal(payload.getBytes(StandardCharsets.US_ASCII));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(signature);
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("Every Java runtime has " + ALGORITHM, e);
    }
  }
}
