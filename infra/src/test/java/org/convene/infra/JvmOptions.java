package org.convene.infra;

import java.util.List;
import java.util.stream.Stream;

/** JVM options for the service processes a test starts, as infra's build passes them. */
public final class JvmOptions {

  private JvmOptions() {}

  /** The space-separated options in system property {@code name}; none if it is not set. */
  public static List<String> fromProperty(String name) {
    return Stream.of(System.getProperty(name, "").split(" "))
        .filter(option -> !option.isBlank())
        .toList();
  }
}
