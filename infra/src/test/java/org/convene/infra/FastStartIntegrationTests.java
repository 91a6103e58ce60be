package org.convene.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How a service jar is launched: unpacked once, one start at a time recording the classes for the
 * AOT cache, a start that recorded nothing (killed) leaving the recording to the next one. Runs on
 * a copy of the scheduler's executable jar; the cache itself is made by the other end-to-end tests'
 * services as they stop.
 */
class FastStartIntegrationTests {

  @TempDir Path work;

  @Test
  void aJarIsUnpackedOnceAndOneStartAtATimeRecordsTheCache() throws IOException {
    assumeThat(Runtime.version().feature()).isGreaterThanOrEqualTo(FastStart.AOT_CACHE_JDK);
    Path jar = Files.copy(schedulerJar(), work.resolve("scheduler.jar"));
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();

    FastStart.Launch first = FastStart.of(java, jar);
    FastStart.Launch second = FastStart.of(java, jar);

    Path unpacked = Path.of(first.arguments().getLast());
    assertThat(unpacked).isRegularFile().hasFileName("scheduler.jar");
    assertThat(unpacked.getParent().resolve("lib")).isDirectory();
    assertThat(unpacked.getParent().getParent()).isEqualTo(work.resolve(".fast-start"));
    assertThat(first.arguments())
        .startsWith("-XX:AOTMode=record")
        .anyMatch(argument -> argument.startsWith("-XX:AOTConfiguration="));
    // The first start holds the claim: the second starts without recording, from the same copy.
    assertThat(second.arguments()).containsExactly("-jar", unpacked.toString());

    // A start that may not record leaves the claim alone.
    assertThat(FastStart.of(java, jar, false).arguments())
        .containsExactly("-jar", unpacked.toString());

    // The first was killed before it wrote its record: the next start records instead.
    first.exited().run();
    assertThat(FastStart.of(java, jar).arguments()).startsWith("-XX:AOTMode=record");
  }

  @Test
  void aStartWhileTheCacheIsBeingMadeWaitsForItAndOneWhoseMakingFailedStartsWithout()
      throws Exception {
    assumeThat(Runtime.version().feature()).isGreaterThanOrEqualTo(FastStart.AOT_CACHE_JDK);
    Path jar = Files.copy(schedulerJar(), work.resolve("scheduler.jar"));
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Path copy = Path.of(FastStart.of(java, jar).arguments().getLast()).getParent();
    // A recording run still going has created its record: no start waits for it.
    Files.writeString(copy.resolve("app.aotconf"), "");
    assertThat(FastStart.of(java, jar, false).arguments())
        .containsExactly("-jar", copy.resolve("scheduler.jar").toString());
    // Once it has exited, the cache is made from its record, marked as under way meanwhile.
    Path making = Files.writeString(copy.resolve("app.aot.making"), "");

    CompletableFuture<FastStart.Launch> waiting = waitingStart(java, jar);
    Files.writeString(copy.resolve("app.aot"), "made");
    assertThat(waiting.get(30, TimeUnit.SECONDS).arguments())
        .contains("-XX:AOTCache=" + copy.resolve("app.aot"));

    Files.delete(copy.resolve("app.aot"));
    CompletableFuture<FastStart.Launch> failed = waitingStart(java, jar);
    // The cache could not be made: its maker removes the mark either way.
    Files.delete(making);
    assertThat(failed.get(30, TimeUnit.SECONDS).arguments())
        .containsExactly("-jar", copy.resolve("scheduler.jar").toString());
  }

  @Test
  void aRebuiltJarGetsACopyOfItsOwnAndTheOlderCopyGoes() throws IOException {
    Path jar = Files.copy(schedulerJar(), work.resolve("scheduler.jar"));
    FileTime buildTime = Files.getLastModifiedTime(jar);
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Path before = Path.of(FastStart.of(java, jar).arguments().getLast()).getParent();

    // Another build, with the time a reproducible build gives every build.
    Files.copy(notifierJar(), jar, StandardCopyOption.REPLACE_EXISTING);
    Files.setLastModifiedTime(jar, buildTime);
    Path after = Path.of(FastStart.of(java, jar).arguments().getLast()).getParent();

    assertThat(after).isNotEqualTo(before).isDirectory();
    assertThat(before).doesNotExist();
  }

  @Test
  void aCopyAnotherProcessIsStillUnpackingStaysAndOneLeftLongAgoGoes() throws IOException {
    Path jar = Files.copy(schedulerJar(), work.resolve("scheduler.jar"));
    Path home = Files.createDirectories(work.resolve(".fast-start"));
    Path unpacking = Files.createDirectory(home.resolve("scheduler-unpacking-1"));
    Path abandoned = Files.createDirectory(home.resolve("scheduler-unpacking-2"));
    Files.setLastModifiedTime(abandoned, FileTime.from(Instant.now().minus(Duration.ofHours(1))));
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();

    Path unpacked = Path.of(FastStart.of(java, jar).arguments().getLast());

    assertThat(unpacked).isRegularFile();
    assertThat(unpacking).as("another process's unpacking under way").isDirectory();
    assertThat(abandoned).doesNotExist();
  }

  @Test
  void aCopyIsNamedAfterTheJarsContentNotItsSizeOrTime() throws IOException {
    FileTime time = FileTime.fromMillis(1_764_115_200_000L);
    Path one = Files.writeString(work.resolve("one.jar"), "build one");
    Path two = Files.writeString(work.resolve("two.jar"), "build two");
    Path again = Files.writeString(work.resolve("again.jar"), "build one");
    for (Path jar : List.of(one, two, again)) {
      Files.setLastModifiedTime(jar, time);
    }

    assertThat(FastStart.version(one)).isNotEqualTo(FastStart.version(two));
    assertThat(FastStart.version(again)).isEqualTo(FastStart.version(one));
  }

  @Test
  void switchedOffTheExecutableJarIsRunAsItIs() throws IOException {
    Path jar = Files.copy(schedulerJar(), work.resolve("scheduler.jar"));
    System.setProperty(FastStart.DISABLED_PROPERTY, "false");
    try {
      assertThat(FastStart.of("java", jar).arguments())
          .isEqualTo(List.of("-jar", jar.toAbsolutePath().toString()));
      assertThat(work.resolve(".fast-start")).doesNotExist();
    } finally {
      System.clearProperty(FastStart.DISABLED_PROPERTY);
    }
  }

  /** A start on a thread of its own, once it waits (sleeping between its looks at the files). */
  private static CompletableFuture<FastStart.Launch> waitingStart(String java, Path jar) {
    CompletableFuture<FastStart.Launch> launch = new CompletableFuture<>();
    Thread starting =
        Thread.ofPlatform()
            .start(
                () -> {
                  try {
                    launch.complete(FastStart.of(java, jar, false));
                  } catch (RuntimeException e) {
                    launch.completeExceptionally(e);
                  }
                });
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> launch.isDone() || starting.getState() == Thread.State.TIMED_WAITING);
    assertThat(launch).as("started before the cache was made or given up").isNotDone();
    return launch;
  }

  private static Path notifierJar() {
    return Path.of(System.getProperty("convene.notifier-jar"));
  }

  private static Path schedulerJar() {
    return Path.of(System.getProperty("convene.scheduler-jar"));
  }
}
