package org.convene.notifier.deadletter;

import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One dead letter in full as the console and its API show it: headers as text, the value
 * pretty-printed where it is JSON, else as text, else as hexadecimal bytes.
 *
 * @param valueIsJson whether the value parsed as JSON (and is shown pretty-printed)
 */
public record DeadLetterDetail(
    DeadLetter letter, List<Header> headers, String value, boolean valueIsJson) {

  /** A header's name and its value as text. */
  public record Header(String name, String value) {}

  static DeadLetterDetail of(DeadLetter.Full full, JsonMapper json) {
    List<Header> headers =
        full.headers().stream().map(header -> new Header(header.name(), header.text())).toList();
    byte[] value = full.value();
    if (value == null) {
      return new DeadLetterDetail(full.letter(), headers, "", false);
    }
    try {
      JsonNode tree = json.readTree(value);
      return new DeadLetterDetail(
          full.letter(),
          headers,
          json.writerWithDefaultPrettyPrinter().writeValueAsString(tree),
          true);
    } catch (JacksonException e) {
      return new DeadLetterDetail(full.letter(), headers, RecordHeader.text(value), false);
    }
  }
}
