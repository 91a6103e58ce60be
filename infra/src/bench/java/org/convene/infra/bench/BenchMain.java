package org.convene.infra.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;

/** What the benchmarks' {@code main} methods share: their options, and a run that ends the JVM. */
final class BenchMain {

  /** A benchmark's run: its exit status. */
  interface Run {
    int run() throws Exception;
  }

  private BenchMain() {}

  /**
   * A copy of a service's jar for a run: a build beside the bench may rewrite the jar while the
   * service still loads classes from it.
   */
  static Path copyJar(Path jar, Path to) throws IOException {
    return Files.copy(jar, to, StandardCopyOption.REPLACE_EXISTING);
  }

  /** The arguments as {@code name=value} options ({@code --name=value} too); exits on another. */
  static Map<String, String> options(String bench, String[] args) {
    Map<String, String> options = new LinkedHashMap<>();
    for (String arg : args) {
      String option = arg.startsWith("--") ? arg.substring(2) : arg;
      int equals = option.indexOf('=');
      if (equals < 0) {
        System.err.println(bench + ": expected name=value, not " + arg);
        System.exit(2);
      }
      options.put(option.substring(0, equals), option.substring(equals + 1));
    }
    return options;
  }

  /**
   * Runs a benchmark, closes what it started, and ends the JVM with its status (1 if it failed):
   * the broker's and the services' threads would otherwise keep the process alive.
   */
  static void runThenExit(Run run, Runnable close) {
    int code;
    try {
      code = run.run();
    } catch (Exception e) {
      e.printStackTrace();
      code = 1;
    } finally {
      close.run();
    }
    System.exit(code);
  }
}
