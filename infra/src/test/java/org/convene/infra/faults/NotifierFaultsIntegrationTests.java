package org.convene.infra.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.core.ConditionTimeoutException;
import org.convene.events.MeetingScheduled;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Faults injected while a notifier in its own process works through a backlog of 1,000 invitations
 * (100 meetings of 10 participants, scheduled at once): a kill -9, the loss of its database, an
 * outage of its SMTP relay. Whatever happens, every invitation must arrive, and no more may arrive
 * twice than the notifier had SMTP connections (one per dispatcher thread): the message in flight
 * on each, which no SMTP client can rule out. Counted at the SMTP server, as a calendar client
 * tells messages apart (recipient, UID, SEQUENCE, METHOD).
 *
 * <p>One broker, database and SMTP server for the class; a scenario restarts only what it broke.
 * The figures of every run are printed (the failsafe report's output file keeps them).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NotifierFaultsIntegrationTests {

  private static final int MEETINGS = 100;
  private static final int PARTICIPANTS = 10;
  private static final FaultStack.Delivery DELIVERY = new FaultStack.Delivery(50, 3);
  private static final Duration DELIVERED_WITHIN = Duration.ofMinutes(3);
  private static final Duration QUIET_FOR = Duration.ofSeconds(3);
  private static final Duration DATABASE_DOWN_FOR = Duration.ofSeconds(4);
  private static final Duration SMTP_DOWN_FOR = Duration.ofSeconds(10);
  private static final Duration BROKER_DOWN_FOR = Duration.ofSeconds(5);

  private FaultStack stack;

  @BeforeAll
  void startStack() {
    String jar = System.getProperty("convene.notifier-jar");
    assertThat(jar).as("system property convene.notifier-jar (set by failsafe)").isNotBlank();
    assertThat(Path.of(jar))
        .as("build the notifier first: ./mvnw -DskipTests package")
        .isRegularFile();
    stack = FaultStack.start(Path.of("target", "faults"), Path.of(jar), DELIVERY, System.out);
  }

  @AfterAll
  void stopStack() {
    if (stack != null) {
      stack.close();
    }
  }

  // A scenario that failed half-way leaves the next one what it expects: everything running.
  @BeforeEach
  void everythingRunning() {
    if (!stack.brokerRunning()) {
      stack.startBroker();
    }
    if (!stack.databaseRunning()) {
      stack.startDatabase();
    }
    if (stack.smtp().refusing()) {
      stack.smtp().resume();
    }
    if (!stack.notifierAlive()) {
      stack.startNotifier();
    }
  }

  @Test
  void
      aNotifierKilledWhileWorkingThroughABacklogLosesNothingAndResendsAtMostOneMessagePerConnection() {
    Run run = publish("kill");
    run.awaitAThirdReceived();

    run.fault(stack.smtp().openConnections());
    stack.killNotifier();
    stack.startNotifier();
    run.recovering();

    DeliveryTally tally = run.awaitEverything();
    assertThat(tally.lost()).as(tally::details).isEmpty();
    assertThat(tally.unexpected()).as(tally::details).isEmpty();
    assertThat(tally.duplicates()).as(tally::details).isLessThanOrEqualTo(DELIVERY.threads());
  }

  @Test
  void
      aNotifierWhoseDatabaseIsStoppedWhileWorkingThroughABacklogRecoversBySelfAndResendsAtMostOneMessagePerConnection() {
    Run run = publish("database");
    run.awaitAThirdReceived();

    run.fault(stack.smtp().openConnections());
    stack.stopDatabase();
    await("the notifier keeps running without its database")
        .during(DATABASE_DOWN_FOR)
        .atMost(DATABASE_DOWN_FOR.plusSeconds(5))
        .until(stack::notifierAlive);
    stack.startDatabase();
    run.recovering();

    DeliveryTally tally = run.awaitEverything();
    assertThat(stack.notifierAlive())
        .as("the notifier recovered by itself, without a restart")
        .isTrue();
    assertThat(tally.lost()).as(tally::details).isEmpty();
    assertThat(tally.unexpected()).as(tally::details).isEmpty();
    assertThat(tally.duplicates()).as(tally::details).isLessThanOrEqualTo(DELIVERY.threads());
  }

  @Test
  void anSmtpOutageWhileWorkingThroughABacklogDelaysButNeitherLosesNorDuplicates() {
    Run run = publish("smtp-outage");
    run.awaitAThirdReceived();

    run.fault(stack.smtp().openConnections());
    stack.smtp().refuse();
    int atOutage = stack.smtp().acceptedCount();
    // At most the messages whose data was on the wire when the relay went down are still taken.
    await("nothing more is taken while the relay is down")
        .during(SMTP_DOWN_FOR)
        .atMost(SMTP_DOWN_FOR.plusSeconds(5))
        .until(() -> stack.smtp().acceptedCount() <= atOutage + DELIVERY.threads());
    stack.smtp().resume();
    run.recovering();

    DeliveryTally tally = run.awaitEverything();
    assertThat(tally.lost()).as(tally::details).isEmpty();
    assertThat(tally.unexpected()).as(tally::details).isEmpty();
    assertThat(tally.duplicates()).as(tally::details).isZero();
  }

  @Test
  void aBrokerRestartWhileEventsArriveAndABacklogIsWorkedThroughNeitherLosesNorDuplicates() {
    Run run = newRun("broker-restart");
    List<MeetingScheduled> events = run.load.events();
    stack.publish(events.subList(0, events.size() / 2));
    run.awaitAThirdReceived();

    run.fault(stack.smtp().openConnections());
    stack.stopBroker();
    // The ledger holds what is owed: what was recorded before the broker went is sent without it.
    int published = events.size() / 2 * PARTICIPANTS;
    await("the published half sent while the broker is down")
        .atMost(DELIVERED_WITHIN)
        .until(() -> run.received() >= published);
    await("the notifier keeps running while the broker is down")
        .during(BROKER_DOWN_FOR)
        .atMost(BROKER_DOWN_FOR.plusSeconds(5))
        .until(stack::notifierAlive);
    stack.startBroker();
    run.recovering();
    stack.publish(events.subList(events.size() / 2, events.size()));

    DeliveryTally tally = run.awaitEverything();
    assertThat(tally.lost()).as(tally::details).isEmpty();
    assertThat(tally.unexpected()).as(tally::details).isEmpty();
    assertThat(tally.duplicates()).as(tally::details).isZero();
  }

  private Run publish(String name) {
    Run run = newRun(name);
    stack.publish(run.load.events());
    return run;
  }

  private Run newRun(String name) {
    MeetingLoad load = MeetingLoad.of(name, MEETINGS, PARTICIPANTS);
    return new Run(name, load, stack.smtp().acceptedCount(), stack.smtp().connectionsSoFar());
  }

  /** One scenario's load and what the SMTP server saw of it. */
  private final class Run {

    private final String name;
    private final MeetingLoad load;
    private final int acceptedBefore;
    private final int connectionsBefore;
    private final long started = System.nanoTime();
    private long faultAt;
    private long recoveringAt;
    private int openAtFault;
    private int receivedAtFault;

    Run(String name, MeetingLoad load, int acceptedBefore, int connectionsBefore) {
      this.name = name;
      this.load = load;
      this.acceptedBefore = acceptedBefore;
      this.connectionsBefore = connectionsBefore;
    }

    int received() {
      return stack.smtp().acceptedCount() - acceptedBefore;
    }

    void awaitAThirdReceived() {
      await("a third of the " + load.messages() + " messages of " + name)
          .atMost(DELIVERED_WITHIN)
          .pollInterval(Duration.ofMillis(20))
          .until(() -> received() >= load.messages() / 3);
    }

    void fault(int openConnections) {
      faultAt = System.nanoTime();
      openAtFault = openConnections;
      receivedAtFault = received();
    }

    void recovering() {
      recoveringAt = System.nanoTime();
    }

    /**
     * Waits until every owed message arrived, then until nothing more arrives for a while (a resend
     * may come after the last first arrival), and prints the figures.
     */
    DeliveryTally awaitEverything() {
      try {
        await("every message of " + name + " received")
            .atMost(DELIVERED_WITHIN)
            .pollInterval(Duration.ofMillis(250))
            .until(() -> tally().complete());
      } catch (ConditionTimeoutException e) {
        System.out.println(report(tally(), "; NOT all received"));
        throw e;
      }
      long completeAt = System.nanoTime();
      AtomicInteger last = new AtomicInteger(-1);
      await("no more messages of " + name)
          .during(QUIET_FOR)
          .atMost(DELIVERED_WITHIN)
          .pollInterval(Duration.ofMillis(250))
          .until(
              () -> {
                int now = received();
                return last.getAndSet(now) == now;
              });
      DeliveryTally tally = tally();
      System.out.println(
          report(
              tally,
              String.format(
                  Locale.ROOT,
                  "; all received %.1f s after the recovery began",
                  seconds(completeAt - recoveringAt))));
      return tally;
    }

    private DeliveryTally tally() {
      return DeliveryTally.of(load.owed(), stack.smtp().received());
    }

    private String report(DeliveryTally tally, String outcome) {
      return String.format(
          Locale.ROOT,
          "[faults] %s: %s; SMTP connections open at the fault %d (threads %d, batch size %d),"
              + " opened during the run %d; %d received before the fault (%.1f s after publishing),"
              + " fault lasted %.1f s%s%s",
          name,
          tally.figures(),
          openAtFault,
          DELIVERY.threads(),
          DELIVERY.batchSize(),
          stack.smtp().connectionsSoFar() - connectionsBefore,
          receivedAtFault,
          seconds(faultAt - started),
          seconds(recoveringAt - faultAt),
          outcome,
          tally.lines());
    }
  }

  private static double seconds(long nanos) {
    return nanos / 1e9;
  }
}
