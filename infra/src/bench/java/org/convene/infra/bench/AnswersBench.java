package org.convene.infra.bench;

import com.icegreen.greenmail.store.MailFolder;
import com.icegreen.greenmail.store.StoredMessage;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.convene.events.links.AnswerLinkToken;
import org.convene.infra.EmbeddedInfrastructure;
import org.convene.infra.LocalAccounts;
import org.convene.infra.LocalAnswers;
import org.convene.infra.ServiceProcess;
import org.convene.infra.TcpPorts;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Answers through both channels on the whole system on one machine: the scheduler and the notifier
 * as their own processes (their executable jars), the broker, PostgreSQL and GreenMail (SMTP and
 * IMAP) embedded in this process. The notifier reads the organiser mailbox on GreenMail's IMAP, as
 * on the local stack; the mail it sends (invitations, confirmations, quorum alerts) goes to a
 * {@link TimingSmtpSink}, so that ten thousand invitations are not parsed and kept by GreenMail on
 * the same cores.
 *
 * <p>Set-up: meetings scheduled through the API, and a wait until the sink received every
 * invitation, so that each answer is for an invited person whose invitation went out. Load: an open
 * loop at a fixed rate, in the order of {@link AnswerPlan} (meeting after meeting, channels
 * alternating): a calendar reply ({@link CalendarReplies}) sent over SMTP to the organiser mailbox,
 * or the person's answer link (signed here with the key both services were given) opened with a GET
 * and its form posted with the page's CSRF token and session cookie, as a browser does.
 *
 * <p>Measured per answer: from the answer landing (the SMTP server's 250 to the reply's data; the
 * response to the link's POST) to the answer visible in {@code GET /api/meetings/{id}/responses},
 * polled for the meetings with answers on the way only (so at most a poll interval late); and, on
 * the same clock, to the {@code recordedAt} the API shows (when the scheduler recorded it).
 *
 * <p>Options ({@code name=value}): {@code rate} answers/s (100), {@code answers} (10000), {@code
 * meetings} (100), {@code participants} (100), {@code poll} interval of the API in ms (100), {@code
 * scheduler-jar}, {@code notifier-jar}, {@code service-heap} (-Xmx of each service, 512m), {@code
 * notifier.<setting>=<value>} passed to the notifier as {@code --convene.notifier.<setting>},
 * {@code profile=true} for a JFR profile of each service over the whole run ({@code scheduler.jfr}
 * and {@code notifier.jfr} in {@code infra/target/answers-bench/}; not in the first run after a
 * build, which records the services' AOT cache, and the JVM records no profile while it does),
 * {@code statements=true} for each database's costliest statements during the answers
 * (pg_stat_statements, which costs a little CPU itself).
 */
public final class AnswersBench {

  private static final Duration INVITED_WITHIN = Duration.ofSeconds(900);
  private static final Duration VISIBLE_WITHIN = Duration.ofSeconds(180);
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
  private static final JsonMapper JSON = JsonMapper.shared();
  private static final Pattern CSRF =
      Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"|value=\"([^\"]+)\"\\s+name=\"_csrf\"");

  /**
   * The answer page's CSRF cookie, which its form is posted back with (the page keeps no session).
   */
  private static final Pattern CSRF_COOKIE = Pattern.compile("^(CONVENE-ANSWER-CSRF=[^;]+)");

  private static final String UID_DOMAIN = "@convene";

  /** A scheduled meeting: its id, revision, title, end, and its people in the request's order. */
  private record Meeting(String id, int revision, String title, Instant end, List<String> people) {}

  private final Map<String, String> options;
  private final PrintStream out = System.out;
  private final List<AutoCloseable> resources = new ArrayList<>();

  private AnswersBench(Map<String, String> options) {
    this.options = options;
  }

  /**
   * For each calendar reply that landed (the mail server answered 250) but never showed in the API:
   * the mailbox folder it is in on GreenMail now, with its flags, or that it is in none. A reply
   * still in the inbox was never read; one in the handled folder without \Seen was moved unread;
   * one in no folder was lost by the mail server.
   */
  private void whereAreTheUnseenReplies(EmbeddedInfrastructure infrastructure, List<String> ids) {
    if (ids.isEmpty()) {
      return;
    }
    Map<String, String> where = new HashMap<>();
    try {
      for (MailFolder folder :
          infrastructure
              .greenMail()
              .getManagers()
              .getImapHostManager()
              .getStore()
              .listMailboxes("*")) {
        for (StoredMessage message : folder.getMessages()) {
          String id = message.getMimeMessage().getMessageID();
          if (id != null && ids.contains(id)) {
            where.put(id, folder.getFullName() + " " + message.getFlags());
          }
        }
      }
    } catch (Exception e) {
      say("Could not look for the unseen replies in the mail server: " + e);
      return;
    }
    for (String id : ids) {
      say("unseen calendar reply %s: %s".formatted(id, where.getOrDefault(id, "in no folder")));
    }
  }

  /**
   * Where the two cores went: cores used by each part while the answers were sent, and CPU
   * milliseconds per answer from the first answer until the last one seen was visible (which
   * includes the queues worked off after the sending stopped, not the wait for answers never seen).
   * The parts' sum per answer is what the whole system spends on one; at 100 answers/s two cores
   * allow 20 ms.
   */
  private void reportCpu(
      CpuMeter.Snapshot before, CpuMeter.Snapshot sent, CpuMeter.Snapshot visible, int answers) {
    Map<String, Double> sending = sent.coresSince(before);
    Map<String, Double> whole = visible.coresSince(before);
    double wall = (visible.wallNanos() - before.wallNanos()) / 1e9;
    say(
        ("CPU while sending (machine %.0f %% busy), and per answer landed (%d) until the last one"
                + " seen was visible:")
            .formatted(sent.machineBusySince(before) * 100, answers));
    double total = 0;
    for (Map.Entry<String, Double> part : whole.entrySet()) {
      double perAnswer = part.getValue() * wall * 1000 / answers;
      total += perAnswer;
      say(
          "  %-42s %5.2f cores  %6.1f ms/answer"
              .formatted(part.getKey(), sending.getOrDefault(part.getKey(), 0.0), perAnswer));
    }
    say("  %-42s %11s  %6.1f ms/answer".formatted("all", "", total));
  }

  public static void main(String[] args) throws Exception {
    AnswersBench bench = new AnswersBench(BenchMain.options("answers-bench", args));
    BenchMain.runThenExit(bench::run, bench::close);
  }

  private int run() throws Exception {
    double rate = Double.parseDouble(options.getOrDefault("rate", "100"));
    int answers = Integer.parseInt(options.getOrDefault("answers", "10000"));
    int meetingCount = Integer.parseInt(options.getOrDefault("meetings", "100"));
    int participants = Integer.parseInt(options.getOrDefault("participants", "100"));
    long pollMillis = Long.parseLong(options.getOrDefault("poll", "100"));
    String heap = options.getOrDefault("service-heap", "512m");
    List<AnswerPlan.Answer> plan = AnswerPlan.of(meetingCount, participants, answers);
    say(
        "Machine: %d cores, load average %s; %d answers at %.0f/s to %d meetings of %d people"
            .formatted(
                Runtime.getRuntime().availableProcessors(),
                InboxLatencyBench.loadAverage(),
                answers,
                rate,
                meetingCount,
                participants));

    Path work = Path.of("infra", "target", "answers-bench").toAbsolutePath();
    Files.createDirectories(work);
    Path schedulerJar =
        BenchMain.copyJar(
            option("scheduler-jar", "scheduler-service"), work.resolve("scheduler.jar"));
    Path notifierJar =
        BenchMain.copyJar(option("notifier-jar", "notifier-service"), work.resolve("notifier.jar"));
    Path serviceLog = work.resolve("services.log");
    PrintStream services =
        new PrintStream(Files.newOutputStream(serviceLog), true, StandardCharsets.UTF_8);
    resources.add(services);

    boolean statements = Boolean.parseBoolean(options.getOrDefault("statements", "false"));
    if (statements) {
      System.setProperty(EmbeddedInfrastructure.TRACK_STATEMENTS, "true");
    }
    long t0 = System.nanoTime();
    EmbeddedInfrastructure infrastructure =
        EmbeddedInfrastructure.start(EmbeddedInfrastructure.Ports.anyFree(), work);
    resources.add(infrastructure);
    infrastructure.createMailbox(LocalAnswers.ORGANISER_MAILBOX);
    TimingSmtpSink sink = new TimingSmtpSink();
    resources.add(sink);

    int schedulerPort = TcpPorts.free();
    byte[] secretBytes = new byte[32];
    new SecureRandom().nextBytes(secretBytes);
    String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(secretBytes);
    List<String> answerLinks =
        LocalAnswers.linkArguments(URI.create("http://localhost:" + schedulerPort), secret);
    List<String> jvm = List.of("-Xmx" + heap, "-Xms" + heap, "-XX:+UseParallelGC");
    boolean profile = Boolean.parseBoolean(options.getOrDefault("profile", "false"));
    List<String> schedulerArguments = new ArrayList<>(infrastructure.schedulerArguments());
    schedulerArguments.addAll(LocalAccounts.schedulerArguments());
    schedulerArguments.addAll(answerLinks);
    List<String> notifierArguments =
        new ArrayList<>(
            infrastructure.notifierArguments().stream()
                .filter(argument -> !argument.startsWith("--spring.mail."))
                .toList());
    notifierArguments.add("--spring.mail.host=127.0.0.1");
    notifierArguments.add("--spring.mail.port=" + sink.port());
    notifierArguments.add("--management.health.mail.enabled=false");
    notifierArguments.add("--convene.notifier.delivery.quiet-period=0s");
    notifierArguments.addAll(answerLinks);
    notifierArguments.addAll(
        LocalAnswers.mailboxReaderArguments(
            EmbeddedInfrastructure.MAIL_HOST, infrastructure.imapPort()));
    options.forEach(
        (name, value) -> {
          if (name.startsWith("notifier.")) {
            notifierArguments.add("--convene." + name + "=" + value);
          } else if (name.startsWith("scheduler.")) {
            schedulerArguments.add("--convene." + name + "=" + value);
          }
        });
    ServiceLaunch launch = new ServiceLaunch(jvm, profile, work, services, resources::add);
    ServiceProcess scheduler =
        launch.start("scheduler", schedulerJar, schedulerPort, schedulerArguments);
    ServiceProcess notifier =
        launch.start("notifier", notifierJar, TcpPorts.free(), notifierArguments);
    ServiceLaunch.awaitHealthy(scheduler, notifier);
    say(
        "Infrastructure and both services up in %.1f s; their output goes to %s"
            .formatted((System.nanoTime() - t0) / 1e9, serviceLog));

    ExecutorService callbacks = Executors.newFixedThreadPool(4, daemon("answers-bench-http-"));
    resources.add(callbacks::shutdownNow);
    HttpClient http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .executor(callbacks)
            .build();
    resources.add(http);

    long setUp = System.nanoTime();
    int needed = (plan.getLast().meeting()) + 1;
    List<Meeting> meetings = schedule(http, scheduler.baseUri(), needed, participants);
    int invitations = needed * participants;
    int received = awaitInvitations(sink, invitations);
    say(
        "Set-up: %d meetings of %d people scheduled, %d invitations received in %.1f s"
            .formatted(needed, participants, received, (System.nanoTime() - setUp) / 1e9));
    say(NotifierTally.read(http, notifier.baseUri()));
    if (received < invitations) {
      say("Not every invitation went out within " + INVITED_WITHIN + "; stopping");
      return 1;
    }

    Answers state = new Answers(plan, meetings);
    CpuMeter cpu =
        new CpuMeter(
            scheduler.pid(),
            notifier.pid(),
            () -> CpuMeter.postmasterPid(work.resolve("postgres").resolve("data")));
    Poller poller = new Poller(http, scheduler.baseUri(), state, pollMillis, cpu);
    Thread polling = Thread.ofPlatform().name("answers-bench-poll").daemon().start(poller);
    Sender sender =
        new Sender(
            http,
            scheduler.baseUri(),
            infrastructure.smtpPort(),
            meetings,
            secret.getBytes(StandardCharsets.UTF_8));

    if (statements) {
      DatabaseStatements.reset(infrastructure);
    }
    CpuMeter.Snapshot cpuBefore = cpu.snapshot();
    String loadBefore = InboxLatencyBench.loadAverage();
    say("Measured: %d answers at %.0f/s".formatted(plan.size(), rate));
    long start = System.nanoTime();
    long maxBehind = 0;
    try (ExecutorService sending = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int i = 0; i < plan.size(); i++) {
        long due = start + Math.round(i * 1e9 / rate);
        long now;
        while ((now = System.nanoTime()) < due) {
          LockSupport.parkNanos(due - now);
        }
        maxBehind = Math.max(maxBehind, now - due);
        int index = i;
        sending.submit(() -> sender.send(index, plan.get(index), state));
      }
    }
    long sent = System.nanoTime();
    CpuMeter.Snapshot cpuSent = cpu.snapshot();
    poller.allLanded();
    polling.join(VISIBLE_WITHIN.toMillis());
    poller.stop();
    polling.join();
    CpuMeter.Snapshot cpuVisible =
        poller.lastProgress() != null ? poller.lastProgress() : cpu.snapshot();
    String loadAfter = InboxLatencyBench.loadAverage();

    out.println();
    out.println("=".repeat(100));
    say(
        ("%d answers offered at %.0f/s, every one landed or failed %.1f s after the first was"
                + " due (sender at most %.0f ms behind schedule); load average %s before, %s"
                + " after (a soak run may share the machine)")
            .formatted(
                plan.size(), rate, (sent - start) / 1e9, maxBehind / 1e6, loadBefore, loadAfter));
    say(
        "%-15s %6s %6s %6s %9s %9s  %-26s %7s %7s %7s %7s"
            .formatted(
                "channel",
                "landed",
                "failed",
                "unseen",
                "landed/s",
                "visible/s",
                "latency (ms)",
                "p50",
                "p90",
                "p99",
                "max"));
    for (AnswerPlan.Channel channel : AnswerPlan.Channel.values()) {
      state.report(channel, this::say);
    }
    reportCpu(cpuBefore, cpuSent, cpuVisible, state.landedCount());
    say(
        "Resident memory (VmRSS now / VmHWM peak, MiB, heap -Xmx%s): scheduler %d / %d, notifier %d / %d"
            .formatted(
                heap,
                InboxLatencyBench.residentKib(scheduler.pid(), "VmRSS") / 1024,
                InboxLatencyBench.residentKib(scheduler.pid(), "VmHWM") / 1024,
                InboxLatencyBench.residentKib(notifier.pid(), "VmRSS") / 1024,
                InboxLatencyBench.residentKib(notifier.pid(), "VmHWM") / 1024));
    say(NotifierTally.read(http, notifier.baseUri()));
    say(NotifierTally.repliesFolderReopened(http, notifier.baseUri()));
    whereAreTheUnseenReplies(infrastructure, state.unseenReplies());
    if (statements) {
      DatabaseStatements.print(infrastructure, state.landedCount(), "answer", this::say);
    }
    state.failures().entrySet().stream()
        .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
        .limit(10)
        .forEach(failure -> say("failed %6d x %s".formatted(failure.getValue(), failure.getKey())));
    out.println("=".repeat(100));
    return 0;
  }

  /** Schedules the meetings one after the other, as the general office. */
  private List<Meeting> schedule(HttpClient http, URI scheduler, int count, int participants)
      throws IOException, InterruptedException {
    MeetingRequests requests = new MeetingRequests(20261201L, participants, 3);
    List<Meeting> meetings = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      String body = requests.next();
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(scheduler.resolve("/api/meetings"))
                  .timeout(REQUEST_TIMEOUT)
                  .header("Content-Type", "application/json")
                  .header("Authorization", LocalAccounts.GENERAL_OFFICE.authorization())
                  .POST(HttpRequest.BodyPublishers.ofString(body))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 201) {
        throw new IllegalStateException(
            "meeting " + i + " not scheduled: " + response.statusCode() + " " + response.body());
      }
      JsonNode request = JSON.readTree(body);
      List<String> people = new ArrayList<>(participants);
      request.path("participants").forEach(person -> people.add(person.path("email").asString()));
      Instant end =
          LocalDateTime.parse(request.path("end").asString())
              .atZone(ZoneId.of(request.path("timeZone").asString()))
              .toInstant();
      String revision = response.headers().firstValue("ETag").orElse("1").replaceAll("\\D", "");
      meetings.add(
          new Meeting(
              JSON.readTree(response.body()).path("id").asString(),
              revision.isEmpty() ? 1 : Integer.parseInt(revision),
              request.path("title").asString(),
              end,
              people));
    }
    return meetings;
  }

  /** Waits until the sink received {@code expected} messages; returns how many it received. */
  private static int awaitInvitations(TimingSmtpSink sink, int expected)
      throws InterruptedException {
    long deadline = System.nanoTime() + INVITED_WITHIN.toNanos();
    while (sink.acceptedCount() < expected && System.nanoTime() < deadline) {
      Thread.sleep(200);
    }
    return sink.acceptedCount();
  }

  /** What happened to each answer of the plan, in microseconds since 1970 (-1: not yet). */
  private static final class Answers {

    private final List<AnswerPlan.Answer> plan;
    private final List<Meeting> meetings;
    private final AtomicLongArray landed;
    private final AtomicLongArray visible;
    private final AtomicLongArray recorded;
    // The Message-ID of each calendar reply sent, to look for one that never became visible.
    private final AtomicReferenceArray<String> messageIds;
    // How many answers failed, by channel and reason.
    private final Map<String, Integer> failures = new ConcurrentHashMap<>();
    private final AtomicInteger failed = new AtomicInteger();
    private final AtomicInteger[] failedBy = {new AtomicInteger(), new AtomicInteger()};
    // Answers landed and not yet seen in the API, by meeting, then by mailbox.
    private final Map<Integer, Map<String, Integer>> pending = new ConcurrentHashMap<>();

    Answers(List<AnswerPlan.Answer> plan, List<Meeting> meetings) {
      this.plan = plan;
      this.meetings = meetings;
      this.landed = filled(plan.size());
      this.visible = filled(plan.size());
      this.recorded = filled(plan.size());
      this.messageIds = new AtomicReferenceArray<>(plan.size());
    }

    /** The Message-IDs of the calendar replies that landed and were never seen in the API. */
    List<String> unseenReplies() {
      List<String> unseen = new ArrayList<>();
      for (int i = 0; i < plan.size(); i++) {
        if (landed.get(i) >= 0 && visible.get(i) < 0 && messageIds.get(i) != null) {
          unseen.add(messageIds.get(i));
        }
      }
      return unseen;
    }

    private static AtomicLongArray filled(int size) {
      AtomicLongArray array = new AtomicLongArray(size);
      for (int i = 0; i < size; i++) {
        array.set(i, -1);
      }
      return array;
    }

    void landed(int index, long atMicros) {
      landed.set(index, atMicros);
      AnswerPlan.Answer answer = plan.get(index);
      String mailbox = meetings.get(answer.meeting()).people().get(answer.person()).toLowerCase();
      pending.computeIfAbsent(answer.meeting(), m -> new ConcurrentHashMap<>()).put(mailbox, index);
    }

    /** The answers that landed, of both channels (a failed one cost the system little). */
    int landedCount() {
      int count = 0;
      for (int i = 0; i < landed.length(); i++) {
        if (landed.get(i) >= 0) {
          count++;
        }
      }
      return count;
    }

    void failed(int index, String reason) {
      failed.incrementAndGet();
      failedBy[plan.get(index).channel().ordinal()].incrementAndGet();
      String firstLine = reason.lines().findFirst().orElse(reason);
      failures.merge(plan.get(index).channel() + ": " + firstLine, 1, Integer::sum);
    }

    Map<String, Integer> failures() {
      return Map.copyOf(failures);
    }

    Set<Integer> meetingsWaitedFor() {
      pending.values().removeIf(Map::isEmpty);
      return Set.copyOf(pending.keySet());
    }

    boolean nothingPending() {
      return meetingsWaitedFor().isEmpty();
    }

    /** Notes the answers of {@code meeting} that the responses show; returns how many were new. */
    int seen(int meeting, JsonNode responses, long atMicros) {
      Map<String, Integer> waiting = pending.get(meeting);
      if (waiting == null) {
        return 0;
      }
      int seen = 0;
      for (JsonNode participant : responses.path("participants")) {
        if (participant.path("answer").isNull() || participant.path("answer").isMissingNode()) {
          continue;
        }
        Integer index = waiting.remove(participant.path("email").asString().toLowerCase());
        if (index != null) {
          seen++;
          visible.set(index, atMicros);
          String at = participant.path("recordedAt").asString();
          if (at != null && !at.isEmpty()) {
            Instant instant = Instant.parse(at);
            recorded.set(index, instant.getEpochSecond() * 1_000_000 + instant.getNano() / 1_000);
          }
        }
      }
      return seen;
    }

    void report(AnswerPlan.Channel channel, java.util.function.Consumer<String> say) {
      List<Long> toVisible = new ArrayList<>();
      List<Long> toRecorded = new ArrayList<>();
      long firstLanded = Long.MAX_VALUE;
      long lastLanded = Long.MIN_VALUE;
      long lastVisible = Long.MIN_VALUE;
      int landedCount = 0;
      int unseen = 0;
      for (int i = 0; i < plan.size(); i++) {
        if (plan.get(i).channel() != channel || landed.get(i) < 0) {
          continue;
        }
        landedCount++;
        firstLanded = Math.min(firstLanded, landed.get(i));
        lastLanded = Math.max(lastLanded, landed.get(i));
        if (visible.get(i) < 0) {
          unseen++;
          continue;
        }
        lastVisible = Math.max(lastVisible, visible.get(i));
        toVisible.add(visible.get(i) - landed.get(i));
        if (recorded.get(i) >= 0) {
          toRecorded.add(recorded.get(i) - landed.get(i));
        }
      }
      double landedPerSecond =
          landedCount > 1 ? (landedCount - 1) / ((lastLanded - firstLanded) / 1e6) : 0;
      double visiblePerSecond =
          toVisible.isEmpty() ? 0 : toVisible.size() / ((lastVisible - firstLanded) / 1e6);
      String head =
          "%-15s %6d %6d %6d %9.1f %9.1f"
              .formatted(
                  channel,
                  landedCount,
                  failedBy[channel.ordinal()].get(),
                  unseen,
                  landedPerSecond,
                  visiblePerSecond);
      say.accept(head + "  " + row("landed -> visible in API", toVisible));
      say.accept(" ".repeat(head.length()) + "  " + row("landed -> recordedAt", toRecorded));
    }

    private static String row(String what, List<Long> micros) {
      Percentiles p = Percentiles.of(micros.stream().mapToLong(value -> value * 1_000).toArray());
      return "%-26s %7s %7s %7s %7s"
          .formatted(
              what,
              Percentiles.ms(p.p50()),
              Percentiles.ms(p.p90()),
              Percentiles.ms(p.p99()),
              Percentiles.ms(p.max()));
    }
  }

  /** Sends one answer by its channel and notes when it landed. */
  private static final class Sender {

    private final HttpClient http;
    private final String scheduler;
    private final Session mail;
    private final List<Meeting> meetings;
    private final byte[] secret;

    Sender(HttpClient http, URI scheduler, int smtpPort, List<Meeting> meetings, byte[] secret) {
      this.http = http;
      this.scheduler = scheduler.toString().replaceAll("/+$", "");
      Properties smtp = new Properties();
      smtp.put("mail.smtp.host", EmbeddedInfrastructure.MAIL_HOST);
      smtp.put("mail.smtp.port", String.valueOf(smtpPort));
      smtp.put("mail.smtp.connectiontimeout", "10000");
      smtp.put("mail.smtp.timeout", "30000");
      this.mail = Session.getInstance(smtp);
      this.meetings = meetings;
      this.secret = secret;
    }

    void send(int index, AnswerPlan.Answer answer, Answers state) {
      Meeting meeting = meetings.get(answer.meeting());
      String person = meeting.people().get(answer.person());
      try {
        switch (answer.channel()) {
          case CALENDAR_REPLY -> {
            MimeMessage reply =
                CalendarReplies.message(
                    mail,
                    LocalAnswers.ORGANISER_MAILBOX,
                    meeting.id() + UID_DOMAIN,
                    meeting.revision(),
                    person,
                    answer.partstat(),
                    meeting.title(),
                    Instant.now());
            try (Transport transport = mail.getTransport("smtp")) {
              transport.connect();
              // Returns once the server answered 250 to the data: the reply is in the mailbox.
              transport.sendMessage(reply, reply.getAllRecipients());
              state.landed(index, nowMicros());
              state.messageIds.set(index, reply.getMessageID());
            }
          }
          case LINK -> answerByLink(index, meeting, person, answer.partstat(), state);
        }
      } catch (Exception e) {
        // The exception and its cause: a mail exception's own message is often only "Exception
        // reading response".
        state.failed(index, e + (e.getCause() == null ? "" : " (" + e.getCause() + ")"));
      }
    }

    private void answerByLink(
        int index, Meeting meeting, String person, String partstat, Answers state)
        throws IOException, InterruptedException {
      String token =
          AnswerLinkToken.sign(
              new AnswerLinkToken.Claims(LocalAnswers.KEY_ID, meeting.id(), person, meeting.end()),
              secret);
      URI link = URI.create(scheduler + "/answer/" + token);
      HttpResponse<String> page =
          http.send(
              HttpRequest.newBuilder(URI.create(link + "?answer=" + partstat))
                  .timeout(REQUEST_TIMEOUT)
                  .GET()
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (page.statusCode() != 200) {
        state.failed(index, "GET " + page.statusCode());
        return;
      }
      Matcher csrf = CSRF.matcher(page.body());
      String cookie =
          page.headers().allValues("Set-Cookie").stream()
              .map(CSRF_COOKIE::matcher)
              .filter(Matcher::find)
              .map(matcher -> matcher.group(1))
              .findFirst()
              .orElse(null);
      if (!csrf.find() || cookie == null) {
        state.failed(index, "no CSRF token or cookie on the answer page");
        return;
      }
      String csrfToken = csrf.group(1) != null ? csrf.group(1) : csrf.group(2);
      HttpResponse<Void> answered =
          http.send(
              HttpRequest.newBuilder(link)
                  .timeout(REQUEST_TIMEOUT)
                  .header("Content-Type", "application/x-www-form-urlencoded")
                  .header("Cookie", cookie)
                  .POST(
                      HttpRequest.BodyPublishers.ofString(
                          "answer=" + partstat + "&comment=&_csrf=" + form(csrfToken)))
                  .build(),
              HttpResponse.BodyHandlers.discarding());
      if (answered.statusCode() != 200) {
        state.failed(index, "POST " + answered.statusCode());
        return;
      }
      state.landed(index, nowMicros());
    }
  }

  /**
   * Polls the responses of the meetings with answers on the way, all of them side by side, then
   * waits {@code pollMillis}; stops once told that everything landed and nothing is pending.
   */
  private static final class Poller implements Runnable {

    private record Timed(HttpResponse<String> response, long atMicros) {}

    private final HttpClient http;
    private final URI scheduler;
    private final Answers state;
    private final long pollMillis;
    private final CpuMeter cpu;
    private volatile CpuMeter.Snapshot lastProgress;
    private volatile boolean allLanded;
    private volatile boolean stopped;

    Poller(HttpClient http, URI scheduler, Answers state, long pollMillis, CpuMeter cpu) {
      this.http = http;
      this.scheduler = scheduler;
      this.state = state;
      this.pollMillis = pollMillis;
      this.cpu = cpu;
    }

    /**
     * The CPU used so far, as it stood when the last answer came to be seen; null before the first.
     * A run with answers never seen waits for them long after, nearly idle.
     */
    CpuMeter.Snapshot lastProgress() {
      return lastProgress;
    }

    void allLanded() {
      allLanded = true;
    }

    void stop() {
      stopped = true;
    }

    @Override
    public void run() {
      while (!stopped && !(allLanded && state.nothingPending())) {
        // Each response is timed as it arrives, not when this loop gets to it.
        Map<Integer, CompletableFuture<Timed>> calls = new HashMap<>();
        AtomicInteger seen = new AtomicInteger();
        for (int meeting : state.meetingsWaitedFor()) {
          calls.put(
              meeting,
              http.sendAsync(
                      HttpRequest.newBuilder(
                              scheduler.resolve(
                                  "/api/meetings/"
                                      + state.meetings.get(meeting).id()
                                      + "/responses"))
                          .timeout(REQUEST_TIMEOUT)
                          .header("Accept", "application/json")
                          .header("Authorization", LocalAccounts.GENERAL_OFFICE.authorization())
                          .build(),
                      HttpResponse.BodyHandlers.ofString())
                  .thenApply(response -> new Timed(response, nowMicros())));
        }
        calls.forEach(
            (meeting, call) -> {
              try {
                Timed timed = call.get(REQUEST_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                if (timed.response().statusCode() == 200) {
                  seen.addAndGet(
                      state.seen(
                          meeting, JSON.readTree(timed.response().body()), timed.atMicros()));
                }
              } catch (Exception e) {
                // An answer whose meeting cannot be read now is looked for again next round.
              }
            });
        if (seen.get() > 0) {
          lastProgress = cpu.snapshot();
        }
        try {
          Thread.sleep(pollMillis);
        } catch (InterruptedException e) {
          return;
        }
      }
    }
  }

  private static long nowMicros() {
    Instant now = Instant.now();
    return now.getEpochSecond() * 1_000_000 + now.getNano() / 1_000;
  }

  private static String form(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private static java.util.concurrent.ThreadFactory daemon(String prefix) {
    AtomicInteger threads = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, prefix + threads.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }

  private Path option(String name, String module) {
    String given = options.get(name);
    if (given != null) {
      return Path.of(given);
    }
    try (var files = Files.list(Path.of(module, "target"))) {
      return files
          .filter(file -> file.getFileName().toString().endsWith("-exec.jar"))
          .findFirst()
          .orElseThrow(() -> new IllegalStateException("build " + module + " first"));
    } catch (IOException e) {
      throw new IllegalStateException("build " + module + " first", e);
    }
  }

  private void say(String line) {
    out.println("[answers-bench] " + line);
  }

  private void close() {
    for (int i = resources.size() - 1; i >= 0; i--) {
      try {
        resources.get(i).close();
      } catch (Exception e) {
        out.println("[answers-bench] could not close " + resources.get(i) + ": " + e);
      }
    }
  }
}
