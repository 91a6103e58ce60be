package org.convene.infra.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.convene.events.MeetingScheduled;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The lag drill at process level: while the notifier's process is down, events keep arriving and
 * its consumer groups' lag (committed offsets against the partitions' ends, what the lag gauge and
 * the ops console report) rises with them; once it is started again, it works the lag off to 0.
 * Small on purpose: a few meetings of two participants, one stop and one start.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsumerLagIntegrationTests {

  /**
   * The notifier's consumer groups on the meeting events: the ledger's listener (its group is its
   * id), the reminder planner's and the attendee answers'.
   */
  private static final List<String> GROUPS =
      List.of("invitations", "convene-reminder-planner", "convene-notifier-answers");

  private static final int WHILE_DOWN = 12;
  private static final Duration CAUGHT_UP_WITHIN = Duration.ofSeconds(60);

  private FaultStack stack;

  @BeforeAll
  void startStack() {
    String jar = System.getProperty("convene.notifier-jar");
    assertThat(jar).as("system property convene.notifier-jar (set by failsafe)").isNotBlank();
    assertThat(Path.of(jar))
        .as("build the notifier first: ./mvnw -DskipTests package")
        .isRegularFile();
    stack =
        FaultStack.start(
            Path.of("target", "lag-drill"),
            Path.of(jar),
            new FaultStack.Delivery(50, 1),
            System.out);
  }

  @AfterAll
  void stopStack() {
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  void stoppingTheNotifierMakesItsLagRiseWithTheEventsAndTheRestartWorksItOffToZero() {
    stack.publish(meetings("before", 3));
    await()
        .atMost(CAUGHT_UP_WITHIN)
        .untilAsserted(() -> assertThat(GROUPS).allSatisfy(g -> assertThat(stack.lag(g)).isZero()));

    stack.killNotifier();
    stack.publish(meetings("while-down", WHILE_DOWN));
    for (String group : GROUPS) {
      assertThat(stack.lag(group))
          .as("nobody consumes for %s: every event published since is lag", group)
          .isEqualTo(WHILE_DOWN);
    }

    stack.startNotifier();
    await()
        .atMost(CAUGHT_UP_WITHIN)
        .untilAsserted(() -> assertThat(GROUPS).allSatisfy(g -> assertThat(stack.lag(g)).isZero()));
    await()
        .atMost(CAUGHT_UP_WITHIN)
        .until(() -> stack.smtp().acceptedCount() >= (3 + WHILE_DOWN) * 2);
  }

  private static List<MeetingScheduled> meetings(String name, int count) {
    return MeetingLoad.of(name, count, 2).events();
  }
}
