package org.convene.notifier.deadletter;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Objects;

/** One Kafka header of a dead letter, as it was read. */
public record RecordHeader(String name, byte[] value) {

  public RecordHeader {
    Objects.requireNonNull(name, "name");
    value = value == null ? new byte[0] : value.clone();
  }

  @Override
  public byte[] value() {
    return value.clone();
  }

  /** The value as text if it is UTF-8, else as hexadecimal bytes ({@code 0x...}). */
  public String text() {
    return text(value);
  }

  /** The bytes as text if they are UTF-8, else as hexadecimal ({@code 0x...}). */
  static String text(byte[] bytes) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      return "0x" + HexFormat.of().formatHex(bytes);
    }
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof RecordHeader header
        && name.equals(header.name)
        && java.util.Arrays.equals(value, header.value);
  }

  @Override
  public int hashCode() {
    return 31 * name.hashCode() + java.util.Arrays.hashCode(value);
  }

  @Override
  public String toString() {
    return name + "=" + text();
  }
}
