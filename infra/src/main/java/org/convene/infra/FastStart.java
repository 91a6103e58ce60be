package org.convene.infra;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How a service's executable jar is launched so that it starts in about half the time from its
 * second start on: unpacked once into a plain class path (Spring Boot's {@code tools} jar mode),
 * and, on a JDK with ahead-of-time class loading and linking (25 and later), with an AOT cache.
 * Starting a Spring Boot service is mostly loading and linking classes; a cache of them already
 * loaded and linked is what the JDK offers for that, and it needs the classes in plain jars rather
 * than nested in the executable one. Measured with both services starting side by side on two
 * cores: 27–30 s from the executable jar, 13–14 s unpacked with the cache.
 *
 * <p>The first start records which classes the service loads ({@code -XX:AOTMode=record}), written
 * when it exits gracefully; once it has exited, the cache is made from that record in the
 * background, by a JVM of its own ({@code -XX:AOTMode=create}, about 10 s of CPU, run through
 * {@code sh}). One process at a time records (a claim file decides which); the others start without
 * a cache meanwhile, and one while the cache is being made waits for it. A cache the JDK finds
 * unusable it ignores, starting as usual.
 *
 * <p>The unpacked copy, the record and the cache sit beside the jar in {@code .fast-start/}, named
 * after a digest of the jar's content: a rebuilt jar gets a copy of its own, and the older copies
 * go. Not after its size and time: Maven's reproducible builds give every build of a jar the same
 * time, so a change that kept the size would have started the old code. Off with the system
 * property {@value #DISABLED_PROPERTY}{@code =false}.
 */
final class FastStart {

  private static final Logger log = LoggerFactory.getLogger(FastStart.class);

  static final String DISABLED_PROPERTY = "convene.fast-start";

  /** The first JDK with ahead-of-time method profiles besides loaded and linked classes. */
  static final int AOT_CACHE_JDK = 25;

  private static final String CACHE = "app.aot";
  private static final String RECORD = "app.aotconf";
  private static final String CLAIM = "app.aot.recording";
  private static final String MAKING = "app.aot.making";
  private static final Duration STALE_CLAIM = Duration.ofMinutes(15);
  private static final Object UNPACKING = new Object();

  /** Longer than making a cache takes on two busy cores. */
  private static final Duration CACHE_MADE_WITHIN = Duration.ofMinutes(1);

  private static final Duration CACHE_POLL = Duration.ofMillis(100);

  /** Longer than an unpacking takes (its own time-out is two minutes). */
  private static final Duration UNPACKING_FOR = Duration.ofMinutes(5);

  private FastStart() {}

  /**
   * What follows the JVM options on the command line: the AOT options, {@code -jar} and the jar;
   * and what to do once the process has exited.
   */
  record Launch(List<String> arguments, Runnable exited, boolean recording) {}

  static Launch of(String java, Path jar) {
    return of(java, jar, true);
  }

  /**
   * As {@link #of(String, Path)}; a start that is not to record uses a cache that exists and
   * otherwise goes without. For a process that runs until the very end: its record would come too
   * late to help the starts in between, which it would keep from recording.
   */
  static Launch of(String java, Path jar, boolean mayRecord) {
    if ("false".equals(System.getProperty(DISABLED_PROPERTY))) {
      return plain(jar);
    }
    Path unpacked;
    try {
      unpacked = unpacked(java, jar);
    } catch (IOException | RuntimeException e) {
      log.warn("Starting {} from the executable jar: {}", jar, e.toString());
      return plain(jar);
    }
    Path classPath = unpacked.resolve(jar.getFileName());
    List<String> arguments = new ArrayList<>();
    Runnable exited = () -> {};
    boolean claimed = false;
    if (Runtime.version().feature() >= AOT_CACHE_JDK) {
      Path cache = unpacked.resolve(CACHE);
      Path claim = unpacked.resolve(CLAIM);
      awaitCacheBeingMade(cache, unpacked.resolve(MAKING));
      if (Files.exists(cache)) {
        arguments.add("-XX:AOTCache=" + cache);
      } else if (mayRecord && claim(claim)) {
        Path record = unpacked.resolve(RECORD);
        arguments.add("-XX:AOTMode=record");
        arguments.add("-XX:AOTConfiguration=" + record);
        exited = () -> createCache(java, classPath, record, cache, claim);
        claimed = true;
      }
    }
    arguments.add("-jar");
    arguments.add(classPath.toString());
    return new Launch(List.copyOf(arguments), exited, claimed);
  }

  /**
   * Waits while the cache is made from a record that a recording run left on its exit: about 10 s
   * of CPU, against the several seconds more a start without the cache takes, and more again when
   * several start together (the fault drills start five right after the drill that recorded). Ends
   * as soon as the cache is there or its making has ended without one ({@code making}, the mark of
   * a making under way, has gone). Not while a recording run is still going: the JVM writes its
   * record when it exits, but creates the file when it starts.
   */
  private static void awaitCacheBeingMade(Path cache, Path making) {
    long deadline = System.nanoTime() + CACHE_MADE_WITHIN.toNanos();
    while (!Files.exists(cache) && Files.exists(making) && System.nanoTime() < deadline) {
      try {
        Thread.sleep(CACHE_POLL.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private static Launch plain(Path jar) {
    return new Launch(List.of("-jar", jar.toAbsolutePath().toString()), () -> {}, false);
  }

  /**
   * Whether this start records; a claim older than {@link #STALE_CLAIM} is taken over, its holder
   * having gone without a word (its parent process killed).
   */
  private static boolean claim(Path claim) {
    try {
      if (Files.exists(claim)
          && Files.getLastModifiedTime(claim)
              .toInstant()
              .isBefore(Instant.now().minus(STALE_CLAIM))) {
        Files.deleteIfExists(claim);
      }
      Files.createFile(claim);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * Makes the cache from a recording run's record, in a process that outlives this one if need be
   * (a test run or the local stack may end meanwhile): written under another name and moved into
   * place, so that no start maps a cache half written; the record and the claim go either way.
   * Without a record (the run was killed) the claim goes at once and the next start records.
   */
  private static void createCache(
      String java, Path classPath, Path record, Path cache, Path claim) {
    if (!Files.exists(record)) {
      deleteQuietly(claim);
      return;
    }
    Path written = cache.resolveSibling(CACHE + ".creating");
    Path making = cache.resolveSibling(MAKING);
    String script =
        "\"$1\" -XX:AOTMode=create -XX:AOTConfiguration=\"$2\" -XX:AOTCache=\"$3\" -cp \"$4\""
            + " >/dev/null 2>&1 && mv -f \"$3\" \"$5\"; rm -f \"$3\" \"$2\" \"$6\" \"$7\"";
    try {
      Files.writeString(making, "");
      new ProcessBuilder(
              "sh",
              "-c",
              script,
              "sh",
              java,
              record.toString(),
              written.toString(),
              classPath.toString(),
              cache.toString(),
              claim.toString(),
              making.toString())
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .start();
    } catch (IOException e) {
      log.warn("No AOT cache for {}: {}", classPath, e.toString());
      deleteQuietly(making);
      deleteQuietly(record);
      deleteQuietly(claim);
    }
  }

  /** The jar unpacked beside itself, once per build of it. */
  private static Path unpacked(String java, Path jar) throws IOException {
    Path absolute = jar.toAbsolutePath();
    String version = version(absolute);
    String name = absolute.getFileName().toString().replaceFirst("\\.jar$", "");
    Path home = absolute.resolveSibling(".fast-start");
    Path target = home.resolve(name + "-" + version);
    synchronized (UNPACKING) {
      if (Files.exists(target.resolve(absolute.getFileName()))) {
        return target;
      }
      Files.createDirectories(home);
      removeOlderCopies(home, name);
      Path scratch = Files.createTempDirectory(home, name + "-unpacking-");
      try {
        run(
            List.of(
                java,
                "-Djarmode=tools",
                "-jar",
                absolute.toString(),
                "extract",
                "--destination",
                scratch.toString()),
            Duration.ofMinutes(2));
        try {
          Files.move(scratch, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
          // Another process may have unpacked the same build first: its copy is as good.
          if (!Files.exists(target.resolve(absolute.getFileName()))) {
            throw e;
          }
        }
      } finally {
        deleteRecursively(scratch);
      }
      return target;
    }
  }

  /**
   * The first 64 bits of the jar's SHA-256, in hex: a few tenths of a second for a service's 75 MB.
   */
  static String version(Path jar) throws IOException {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
    try (InputStream in = Files.newInputStream(jar)) {
      byte[] buffer = new byte[1 << 16];
      for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
        digest.update(buffer, 0, read);
      }
    }
    return HexFormat.of().formatHex(digest.digest(), 0, 8);
  }

  /**
   * Removes the copies of earlier builds of the same jar (hundreds of megabytes each, of no further
   * use) and copies left half unpacked by a process that ended meanwhile; one another process is
   * still unpacking (younger than {@link #UNPACKING_FOR}) stays, or its move into place would fail
   * and it would start from the executable jar.
   */
  private static void removeOlderCopies(Path home, String name) throws IOException {
    Instant abandoned = Instant.now().minus(UNPACKING_FOR);
    try (Stream<Path> copies = Files.list(home)) {
      for (Path copy : copies.toList()) {
        String file = copy.getFileName().toString();
        if (!file.startsWith(name + "-")) {
          continue;
        }
        if (file.startsWith(name + "-unpacking-")
            && Files.getLastModifiedTime(copy).toInstant().isAfter(abandoned)) {
          continue;
        }
        deleteRecursively(copy);
      }
    }
  }

  private static void run(List<String> command, Duration timeout) throws IOException {
    Process process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        throw new IOException("no end within " + timeout + ": " + String.join(" ", command));
      }
      if (process.exitValue() != 0) {
        throw new IOException(
            "exit code " + process.exitValue() + ": " + String.join(" ", command));
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IOException("interrupted: " + String.join(" ", command), e);
    }
  }

  private static void deleteQuietly(Path path) {
    try {
      Files.deleteIfExists(path);
    } catch (IOException e) {
      // Left behind; harmless.
    }
  }

  private static void deleteRecursively(Path directory) {
    if (!Files.exists(directory)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(directory)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      log.debug("Could not delete {}: {}", directory, e.toString());
    }
  }
}
