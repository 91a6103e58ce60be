package org.convene.notifier;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import java.util.Locale;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the notifier, under {@code convene.notifier}. Checked at start-up: a bad value stops
 * the application with a message naming the property.
 *
 * @param topic the Kafka topic the meeting events are read from; dead letters go to the same name
 *     with {@value #DEAD_LETTER_SUFFIX} appended
 * @param mailbox the real mailbox that sends the invitations: the e-mail From address and the
 *     calendar ORGANIZER, so that replies reach Convene
 * @param defaultLanguage the language of participants who have none, {@code en} or {@code zh-CN}
 */
@ConfigurationProperties("convene.notifier")
@Validated
public record NotifierProperties(
    @DefaultValue("convene.meeting-events")
        @NotBlank
        // Kafka's legal topic characters; 249 is Kafka's limit, minus room for the suffix.
        @Pattern(
            regexp = "[a-zA-Z0-9._-]{1,245}",
            message = "must be a Kafka topic name of at most 245 characters from [a-zA-Z0-9._-]")
        String topic,
    @DefaultValue("meetings@convene.local") @NotBlank @Email String mailbox,
    @DefaultValue("en") @NotBlank @Pattern(regexp = "en|zh-CN", message = "must be en or zh-CN")
        String defaultLanguage) {

  /** Appended to {@link #topic()} to name the dead-letter topic. */
  public static final String DEAD_LETTER_SUFFIX = ".DLT";

  /** Where records that cannot be processed are published. */
  public String deadLetterTopic() {
    return topic + DEAD_LETTER_SUFFIX;
  }

  /** {@link #defaultLanguage()} as a locale. */
  public Locale defaultLocale() {
    return Locale.forLanguageTag(defaultLanguage);
  }
}
