package org.convene.infra.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.awaitility.core.ConditionTimeoutException;
import org.convene.infra.LocalAccounts;
import org.convene.infra.ServiceProcess;
import org.convene.infra.faults.CountingSmtpServer.Received;
import org.convene.infra.faults.DeliveryTally.Key;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.json.JsonMapper;

/**
 * Both services as a cluster on one machine: two scheduler processes on one database, three
 * notifier processes on another, one broker with a topic of six partitions, all started side by
 * side. Meetings are scheduled through both schedulers' APIs, some moved to another time once
 * invited, some with a reminder that falls due during the run; one scheduler is killed with SIGKILL
 * right after its last answer (its outbox relay may still hold events) and one notifier while it
 * sends. Counted at the SMTP server: every invitation, update and reminder arrives, none that was
 * not owed, at most one more per SMTP connection of the killed notifier (the message on the wire
 * when it died), and no recipient ever receives a lower SEQUENCE of a meeting after a higher one.
 *
 * <p>Memory: each child JVM's heap is capped (see {@link #SCHEDULER_JVM} and {@link
 * #NOTIFIER_JVM}); each peaked at 281 to 288 MiB resident in a run, so the five need about 1.5 GB
 * together, beside the test JVM (broker, SMTP server) and PostgreSQL.
 */
// Beside the notifier drills, in the other test JVM (failsafe's run order in infra/pom.xml).
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClusterIntegrationTests {

  private static final int PARTITIONS = 6;
  private static final int SCHEDULERS = 2;
  private static final int NOTIFIERS = 3;
  private static final int PARTICIPANTS = 5;
  private static final int PLAIN_MEETINGS = 10;
  private static final int MOVED_MEETINGS = 10;
  private static final int REMINDED_MEETINGS = 10;
  private static final int REMINDER_MINUTES = 10;

  /**
   * From the first request to the reminders falling due: about what scheduling and inviting take,
   * so that the reminders go out while the rest is delivered; later would only make the test wait.
   */
  private static final Duration REMINDERS_DUE_IN = Duration.ofSeconds(15);

  /** Two SMTP connections per notifier: a killed one may have two messages on the wire. */
  private static final FaultStack.Delivery DELIVERY = new FaultStack.Delivery(20, 2);

  /**
   * Small heaps, the serial collector and the client compiler only: five JVMs share two cores and a
   * CI runner's memory; the load is too small for the optimising compiler to pay for itself.
   */
  private static final List<String> SCHEDULER_JVM =
      List.of("-Xmx256m", "-Xss512k", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");

  private static final List<String> NOTIFIER_JVM =
      List.of("-Xmx256m", "-Xss512k", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");

  /**
   * Five JVMs starting at once share two cores; on a machine shared with other builds over five
   * minutes have been seen. Only a bound: the wait ends when they are healthy.
   */
  private static final Duration HEALTHY_WITHIN = Duration.ofMinutes(10);

  private static final Duration DELIVERED_WITHIN = Duration.ofMinutes(3);
  private static final Duration QUIET_FOR = Duration.ofSeconds(2);
  private static final String ZONE = "Europe/Berlin";
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private FaultStack stack;
  private final List<ServiceProcess> schedulers = new ArrayList<>();
  private final List<ServiceProcess> notifiers = new ArrayList<>();
  private long startedAt;

  @BeforeAll
  void startCluster() {
    Path notifierJar = jar("convene.notifier-jar");
    Path schedulerJar = jar("convene.scheduler-jar");
    startedAt = System.nanoTime();
    stack =
        FaultStack.startWithoutServices(
            Path.of("target", "cluster"), notifierJar, DELIVERY, PARTITIONS, System.out);
    // All five side by side: a start costs CPU mostly, and the two cores are better kept busy
    // than waiting on one JVM's class loading at a time.
    for (int i = 0; i < SCHEDULERS; i++) {
      schedulers.add(stack.launchScheduler(schedulerJar, SCHEDULER_JVM));
    }
    for (int i = 0; i < NOTIFIERS; i++) {
      notifiers.add(stack.launchNotifier(NOTIFIER_JVM));
    }
    schedulers.forEach(scheduler -> scheduler.awaitHealthy(HEALTHY_WITHIN));
    notifiers.forEach(notifier -> notifier.awaitHealthy(HEALTHY_WITHIN));
    System.out.printf(
        Locale.ROOT,
        "[cluster] %d schedulers and %d notifiers healthy %.1f s after the start%n",
        SCHEDULERS,
        NOTIFIERS,
        seconds(System.nanoTime() - startedAt));
  }

  @AfterAll
  void stopCluster() {
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  void
      everyInvitationUpdateAndReminderArrivesOnceAndInOrderThoughASchedulerAndANotifierAreKilledMidway() {
    long runStart = System.nanoTime();
    Instant remindersDueAt = Instant.now().plus(REMINDERS_DUE_IN).truncatedTo(ChronoUnit.SECONDS);
    Set<Key> invitations = new LinkedHashSet<>();
    Set<Key> reminders = new LinkedHashSet<>();
    Set<Key> updates = new LinkedHashSet<>();
    List<Scheduled> moved = new ArrayList<>();
    int meetings = PLAIN_MEETINGS + MOVED_MEETINGS + REMINDED_MEETINGS;
    for (int m = 0; m < meetings; m++) {
      ServiceProcess through = schedulers.get(m % SCHEDULERS);
      boolean reminded = m % 3 == 2;
      LocalDateTime start =
          reminded
              ? LocalDateTime.ofInstant(
                  remindersDueAt.plus(Duration.ofMinutes(REMINDER_MINUTES)), ZoneId.of(ZONE))
              : LocalDate.now(ZoneId.of(ZONE))
                  .plusWeeks(3)
                  .atTime(LocalTime.of(9, 0))
                  .plusMinutes(m);
      Scheduled meeting = schedule(through, m, start, reminded);
      invitations.addAll(meeting.owed(1, "REQUEST"));
      if (reminded) {
        meeting
            .participants()
            .forEach(
                address -> reminders.add(Key.reminder(address, meeting.id(), 1, REMINDER_MINUTES)));
      } else if (m % 3 == 1) {
        moved.add(meeting);
        updates.addAll(meeting.owed(2, "REQUEST"));
      }
    }
    double scheduledIn = seconds(System.nanoTime() - runStart);

    // Right after its last 201: its outbox relay, if it holds the lead, may not have sent them all.
    ServiceProcess killedScheduler = schedulers.getFirst();
    stack.kill(killedScheduler);
    ServiceProcess survivingScheduler = schedulers.getLast();

    Set<Key> owed = new LinkedHashSet<>();
    owed.addAll(invitations);
    owed.addAll(updates);
    owed.addAll(reminders);
    await("a third of the invitations received")
        .atMost(DELIVERED_WITHIN)
        .pollInterval(Duration.ofMillis(20))
        .until(() -> tally(invitations).received() >= invitations.size() / 3);
    int openAtKill = stack.smtp().openConnections();
    ServiceProcess killedNotifier = notifiers.getFirst();
    stack.kill(killedNotifier);
    long notifierKilledAt = System.nanoTime();

    await("every invitation received")
        .atMost(DELIVERED_WITHIN)
        .pollInterval(Duration.ofMillis(100))
        .until(() -> tally(invitations).complete());
    // Moved once every participant holds the invitation, through the scheduler that survived,
    // whether or not it scheduled the meeting: the update must follow the invitation everywhere.
    moved.forEach(meeting -> moveByAnHour(survivingScheduler, meeting));

    DeliveryTally tally;
    try {
      await("every invitation, update and reminder received")
          .atMost(DELIVERED_WITHIN)
          .pollInterval(Duration.ofMillis(250))
          .until(() -> tally(owed).complete());
    } catch (ConditionTimeoutException e) {
      System.out.println("[cluster] NOT all received: " + tally(owed).details());
      throw e;
    }
    double allReceivedAfterKill = seconds(System.nanoTime() - notifierKilledAt);
    // A resend of what the killed notifier had on the wire may come after the last first arrival.
    AtomicInteger last = new AtomicInteger(-1);
    await("no more messages")
        .during(QUIET_FOR)
        .atMost(DELIVERED_WITHIN)
        .pollInterval(Duration.ofMillis(250))
        .until(
            () -> {
              int now = stack.smtp().acceptedCount();
              return last.getAndSet(now) == now;
            });
    tally = tally(owed);
    List<String> outOfOrder = sequenceGoingDown(owed);
    String memory =
        stack.runningNotifiers().stream()
            .map(notifier -> notifier.name() + " " + peakResidentMib(notifier.pid()) + " MiB")
            .collect(Collectors.joining(", "));
    System.out.printf(
        Locale.ROOT,
        "[cluster] peak resident memory (VmHWM): %s, %s %d MiB%n",
        memory,
        survivingScheduler.name(),
        peakResidentMib(survivingScheduler.pid()));
    System.out.printf(
        Locale.ROOT,
        "[cluster] %s; %d meetings scheduled in %.1f s through %d schedulers (%s killed after its"
            + " last answer), %s killed with %d SMTP connections open (threads %d per notifier);"
            + " everything received %.1f s after that kill; run %.1f s, class %.1f s%s%n",
        tally.figures(),
        meetings,
        scheduledIn,
        SCHEDULERS,
        killedScheduler.name(),
        killedNotifier.name(),
        openAtKill,
        DELIVERY.threads(),
        allReceivedAfterKill,
        seconds(System.nanoTime() - runStart),
        seconds(System.nanoTime() - startedAt),
        tally.lines());

    assertThat(tally.lost()).as(tally::details).isEmpty();
    assertThat(tally.unexpected()).as(tally::details).isEmpty();
    assertThat(tally.duplicates()).as(tally::details).isLessThanOrEqualTo(DELIVERY.threads());
    assertThat(outOfOrder).as("a recipient's SEQUENCE of a meeting went down").isEmpty();
  }

  private DeliveryTally tally(Set<Key> owed) {
    return DeliveryTally.of(owed, stack.smtp().received());
  }

  /**
   * Each recipient's messages of each meeting of the load, as they arrived: where a SEQUENCE came
   * after a higher one, a line naming recipient, meeting and the sequences in arrival order.
   */
  private List<String> sequenceGoingDown(Set<Key> owed) {
    Set<String> meetings = owed.stream().map(Key::meetingId).collect(Collectors.toSet());
    Map<String, List<Integer>> arrivals = new LinkedHashMap<>();
    for (Received message : stack.smtp().received()) {
      String meeting = DeliveryTally.meetingIdOf(message.uid());
      if (meeting != null && meetings.contains(meeting)) {
        arrivals
            .computeIfAbsent(message.recipient() + " " + meeting, k -> new ArrayList<>())
            .add(message.sequence());
      }
    }
    List<String> wrong = new ArrayList<>();
    arrivals.forEach(
        (who, sequences) -> {
          for (int i = 1; i < sequences.size(); i++) {
            if (sequences.get(i) < sequences.get(i - 1)) {
              wrong.add(who + " received SEQUENCE " + sequences);
              return;
            }
          }
        });
    return wrong;
  }

  /**
   * A meeting scheduled through the API: its id, its ETag (the revision a change must name), its
   * start and its participants' addresses.
   */
  private record Scheduled(String id, String etag, LocalDateTime start, List<String> participants) {

    Set<Key> owed(int sequence, String method) {
      Set<Key> owed = new LinkedHashSet<>();
      participants.forEach(address -> owed.add(new Key(address, id, sequence, method)));
      return owed;
    }
  }

  private Scheduled schedule(
      ServiceProcess scheduler, int number, LocalDateTime start, boolean reminded) {
    List<String> addresses = new ArrayList<>();
    StringBuilder participants = new StringBuilder();
    for (int p = 0; p < PARTICIPANTS; p++) {
      String address = "p%d.m%d@cluster.faults.example.org".formatted(p, number);
      addresses.add(address);
      if (p > 0) {
        participants.append(',');
      }
      participants.append(
          """
          {"name": "Participant %d of meeting %d", "email": "%s", "role": "%s", "language": "%s"}"""
              .formatted(
                  p, number, address, p == 0 ? "CHAIR" : "VOTING", p % 2 == 0 ? "en" : "zh-CN"));
    }
    String body =
        """
        {"title": "Cluster drill #%d", "description": "A meeting of the cluster drill",
         "start": "%s", "end": "%s", "timeZone": "%s", "location": "Meeting room %d",
         "participants": [%s], "reminderMinutesBefore": [%s]}
        """
            .formatted(
                number,
                start,
                start.plusHours(1),
                ZONE,
                number % 7 + 1,
                participants,
                reminded ? REMINDER_MINUTES : "");
    HttpResponse<String> response =
        send(
            scheduler,
            HttpRequest.newBuilder(scheduler.baseUri().resolve("/api/meetings"))
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    assertThat(response.statusCode()).as(response::body).isEqualTo(201);
    String id = JSON.readTree(response.body()).path("id").asString();
    String etag = response.headers().firstValue("ETag").orElseThrow();
    return new Scheduled(id, etag, start, List.copyOf(addresses));
  }

  private void moveByAnHour(ServiceProcess scheduler, Scheduled meeting) {
    LocalDateTime start = meeting.start().plusHours(1);
    String body =
        """
        {"start": "%s", "end": "%s", "timeZone": "%s"}
        """
            .formatted(start, start.plusHours(1), ZONE);
    HttpResponse<String> response =
        send(
            scheduler,
            HttpRequest.newBuilder(
                    scheduler.baseUri().resolve("/api/meetings/" + meeting.id() + "/time"))
                .header("If-Match", meeting.etag())
                .PUT(HttpRequest.BodyPublishers.ofString(body)));
    assertThat(response.statusCode()).as(response::body).isEqualTo(200);
  }

  private HttpResponse<String> send(ServiceProcess scheduler, HttpRequest.Builder request) {
    try {
      return http.send(
          request
              .header("Content-Type", "application/json")
              .header("Accept", "application/json")
              .header("Authorization", LocalAccounts.GENERAL_OFFICE.authorization())
              .timeout(Duration.ofSeconds(30))
              .build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException(scheduler.name() + " did not answer: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while calling " + scheduler.name(), e);
    }
  }

  private static Path jar(String property) {
    String jar = System.getProperty(property);
    assertThat(jar).as("system property " + property + " (set by failsafe)").isNotBlank();
    assertThat(Path.of(jar))
        .as("build the services first: ./mvnw -DskipTests package")
        .isRegularFile();
    return Path.of(jar);
  }

  /** VmHWM of a process from {@code /proc}, or -1 where there is none (not Linux). */
  private static long peakResidentMib(long pid) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
        }
      }
    } catch (IOException | NumberFormatException e) {
      // Not Linux, or the process has gone: nothing to print.
    }
    return -1;
  }

  private static double seconds(long nanos) {
    return nanos / 1e9;
  }
}
