package org.convene.notifier.delivery;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.convene.events.MeetingCancelled;
import org.convene.events.MeetingEvent;
import org.convene.events.MeetingId;
import org.convene.events.MeetingSnapshot;
import org.convene.events.MeetingStatus;
import org.convene.events.Participant;
import org.convene.notifier.delivery.DeliveryKey.RecipientKey;
import org.convene.notifier.delivery.RecipientDecision.Superseded;
import org.convene.notifier.invitation.Composition;
import org.convene.notifier.invitation.InvitationMailer;
import org.convene.notifier.invitation.Notice;
import org.convene.notifier.invitation.NoticeKind;
import org.convene.notifier.reminder.ReminderProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends what the ledger owes. Each dispatcher thread, in a loop: locks a batch of recipients whose
 * messages are due (skipping those another thread or instance holds), decides per recipient what to
 * send ({@link RecipientDecision}), writes the messages, sends them over its one SMTP connection
 * and records every outcome, all in one transaction.
 *
 * <p>The transaction holds the recipients' locks while it sends, deliberately: PostgreSQL releases
 * them if this instance dies, so no lease has to expire and no other instance can send to the same
 * recipient meanwhile; the SMTP time-outs bound how long they are held. A crash between the server
 * accepting a message and the commit sends it again after the restart, with the same Message-ID:
 * the one duplicate an SMTP client cannot rule out.
 */
@Component
class DeliveryDispatcher implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(DeliveryDispatcher.class);

  static final long STOP_GRACE_SECONDS = 30;

  private final DeliveryLedger ledger;
  private final InvitationMailer mailer;
  private final SmtpTransports smtp;
  private final TransactionTemplate transactions;
  private final JsonMapper jsonMapper;
  private final DeliveryProperties properties;
  private final ReminderProperties reminders;
  private final Clock clock;
  private final DeliveryMetrics metrics;
  private final RetryBackOff backOff;
  private final Duration maxWait;
  private final List<Worker> workers = new ArrayList<>();
  private volatile ScheduledExecutorService executor;
  private volatile boolean running;

  DeliveryDispatcher(
      DeliveryLedger ledger,
      InvitationMailer mailer,
      SmtpTransports smtp,
      PlatformTransactionManager transactionManager,
      JsonMapper jsonMapper,
      DeliveryProperties properties,
      ReminderProperties reminders,
      Clock clock,
      DeliveryMetrics metrics) {
    this.ledger = ledger;
    this.mailer = mailer;
    this.smtp = smtp;
    this.transactions = new TransactionTemplate(transactionManager);
    this.jsonMapper = jsonMapper;
    this.properties = properties;
    this.reminders = reminders;
    this.clock = clock;
    this.metrics = metrics;
    this.backOff = new RetryBackOff(properties.retry(), new Random());
    Duration wait = properties.maxDelay().minus(properties.quietPeriod());
    this.maxWait = wait.isNegative() ? Duration.ZERO : wait;
  }

  @Override
  public synchronized void start() {
    if (running) {
      return;
    }
    AtomicInteger number = new AtomicInteger();
    executor =
        Executors.newScheduledThreadPool(
            properties.threads(),
            task -> {
              Thread thread = new Thread(task, "delivery-" + number.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
    running = true;
    workers.clear();
    long interval = properties.pollInterval().toMillis();
    for (int i = 0; i < properties.threads(); i++) {
      Worker worker = new Worker(smtp.connection());
      workers.add(worker);
      executor.scheduleWithFixedDelay(worker::poll, i * interval / properties.threads(), interval, TimeUnit.MILLISECONDS);
    }
  }

  /**
   * Lets the batches in flight finish and record what they sent (for up to {@value
   * #STOP_GRACE_SECONDS} s), and interrupts the threads that are only waiting: for the next poll, or
   * for a database connection when the database has gone first.
   */
  @Override
  public synchronized void stop() {
    running = false;
    ScheduledExecutorService stopping = executor;
    if (stopping == null) {
      return;
    }
    stopping.shutdown();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(STOP_GRACE_SECONDS);
    try {
      while (!stopping.awaitTermination(50, TimeUnit.MILLISECONDS)) {
        if (workers.stream().noneMatch(Worker::sending) || System.nanoTime() > deadline) {
          stopping.shutdownNow();
          stopping.awaitTermination(5, TimeUnit.SECONDS);
          break;
        }
      }
    } catch (InterruptedException e) {
      stopping.shutdownNow();
      Thread.currentThread().interrupt();
    }
    workers.forEach(worker -> worker.connection.close());
    executor = null;
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  /** Before the listener container (phase {@code Integer.MAX_VALUE - 100}) stops, after it starts. */
  @Override
  public int getPhase() {
    return Integer.MAX_VALUE - 50;
  }

  private final class Worker {

    private final SmtpTransports.Connection connection;
    /** Whether this worker holds recipients it is sending to, which a stop lets it finish. */
    private volatile boolean sending;

    Worker(SmtpTransports.Connection connection) {
      this.connection = connection;
    }

    boolean sending() {
      return sending;
    }

    /** Sends one batch in one transaction; how many recipients it took. */
    private int dispatchOnce() {
      try {
        Integer handled = transactions.execute(status -> dispatch(connection, this));
        return handled == null ? 0 : handled;
      } finally {
        sending = false;
      }
    }

    void poll() {
      try {
        while (running && dispatchOnce() > 0) {
          // Drain what is due before sleeping again.
        }
      } catch (RuntimeException e) {
        // The transaction rolled back: the same messages are found again at the next poll.
        if (running) {
          log.error("Dispatching failed; retrying at the next poll", e);
        } else {
          log.debug("Dispatching stopped", e);
        }
      } finally {
        // Idle: close the connection rather than let the server time it out under us.
        connection.close();
      }
    }
  }

  private int dispatch(SmtpTransports.Connection connection, Worker worker) {
    List<RecipientKey> claimed = ledger.claimDue(properties.batchSize(), maxWait);
    if (claimed.isEmpty()) {
      return 0;
    }
    worker.sending = true;
    Outcomes outcomes = new Outcomes();
    Map<RecipientKey, List<LedgerRow>> rows = new LinkedHashMap<>();
    claimed.forEach(key -> rows.put(key, new ArrayList<>()));
    for (LedgerRow row : ledger.rowsOf(claimed)) {
      rows.get(row.key().recipientKey()).add(row);
    }
    List<RecipientDecision> decisions = new ArrayList<>();
    List<LedgerRow> reminders = new ArrayList<>();
    for (Map.Entry<RecipientKey, List<LedgerRow>> entry : rows.entrySet()) {
      // Reminders neither supersede the invitations and updates nor are superseded by them.
      List<LedgerRow> messages = entry.getValue().stream().filter(row -> !row.reminder()).toList();
      RecipientDecision decision = RecipientDecision.of(entry.getKey(), messages);
      decision.superseded().forEach(outcomes::supersede);
      if (decision.send() != null) {
        decisions.add(decision);
      }
      newestReminder(entry.getValue(), outcomes).ifPresent(reminders::add);
    }
    Events events = loadEvents(decisions);
    List<Notice> notices = new ArrayList<>();
    List<LedgerRow> noticeRows = new ArrayList<>();
    for (RecipientDecision decision : decisions) {
      LedgerRow row = decision.send();
      MeetingEvent event = events.get(row.key().meetingId(), row.revision());
      if (event == null) {
        outcomes.fail(row, "The event of revision " + row.revision() + " is not recorded or cannot be read: replay it from the topic or its dead letters");
        continue;
      }
      Participant recipient = OwedMessages.recipient(event, row.key().recipient());
      if (recipient == null) {
        outcomes.fail(row, "Revision " + row.revision() + " neither lists nor removes " + row.key().recipient());
        continue;
      }
      NoticeKind kind = noticeKind(decision, event);
      // An update compares with the meeting as the recipient last got it. If that revision, or one
      // since, is not recorded (lost, or dead-lettered), it describes only its own event's change
      // and says that earlier ones cannot be described.
      if (kind == NoticeKind.UPDATE) {
        MeetingEvent lastSent = events.allRecorded(row.key().meetingId(), decision.lastSentRevision(), row.revision())
            ? events.get(row.key().meetingId(), decision.lastSentRevision())
            : null;
        notices.add(Notice.update(event, recipient, lastSent == null ? null : lastSent.meeting()));
      } else {
        notices.add(new Notice(kind, event, recipient));
      }
      noticeRows.add(row);
    }
    Map<MeetingId, MeetingEvent> latest = latestEvents(reminders);
    for (LedgerRow row : reminders) {
      reminderNotice(row, latest.get(row.key().meetingId()), outcomes).ifPresent(notice -> {
        notices.add(notice);
        noticeRows.add(row);
      });
    }
    List<Composition> compositions = mailer.compose(notices);
    for (int i = 0; i < compositions.size(); i++) {
      LedgerRow row = noticeRows.get(i);
      Composition composition = compositions.get(i);
      withContext(row, () -> {
        switch (composition) {
          case Composition.Refused refused -> outcomes.fail(row, refused.reason());
          case Composition.Broken broken -> {
            log.error("Cannot write the message to {}", row.key().recipient(), broken.failure());
            outcomes.record(row, broken.notice(), new SendOutcome.Deferred("Cannot write the message: " + SmtpTransports.describe(broken.failure())));
          }
          case Composition.Composed composed -> outcomes.record(row, composed.notice(), connection.send(composed.message()));
        }
      });
    }
    connection.endBatch();
    outcomes.save();
    return claimed.size();
  }

  /**
   * The one reminder to send to a recipient: the owed one due last. Any other owed reminder (one
   * whose attempts were deferred until the next fell due) is superseded by it: one reminder at a time.
   */
  private static Optional<LedgerRow> newestReminder(List<LedgerRow> rows, Outcomes outcomes) {
    LedgerRow newest = null;
    for (LedgerRow row : rows) {
      if (row.reminder() && row.status() == DeliveryStatus.PENDING && (newest == null || row.reminderDueAt().isAfter(newest.reminderDueAt()))) {
        newest = row;
      }
    }
    for (LedgerRow row : rows) {
      if (row.reminder() && row.status() == DeliveryStatus.PENDING && row != newest) {
        outcomes.supersede(new Superseded(row, newest.revision()));
      }
    }
    return Optional.ofNullable(newest);
  }

  /**
   * A reminder of the meeting as it stands now, to a recipient who still gets its reminders; none
   * (the row superseded) if the meeting was cancelled, moved or dropped the offset, or the
   * recipient was removed since it fired; none (the row failed) once the meeting has started.
   */
  private Optional<Notice> reminderNotice(LedgerRow row, MeetingEvent latest, Outcomes outcomes) {
    if (latest == null) {
      outcomes.fail(row, "No event of the meeting is recorded or readable: replay it from the topic or its dead letters");
      return Optional.empty();
    }
    MeetingSnapshot meeting = latest.meeting();
    int minutesBefore = row.key().reminderMinutes();
    Participant recipient = ReminderRecipients.find(meeting, row.key().recipient(), reminders.includeInformationCopies());
    if (recipient == null || !reminders.stillDue(meeting, minutesBefore, row.reminderDueAt())) {
      outcomes.supersede(new Superseded(row, latest.revision()));
      return Optional.empty();
    }
    if (!clock.instant().isBefore(row.reminderDueAt().plus(Duration.ofMinutes(minutesBefore)))) {
      outcomes.fail(row, "The meeting started before the reminder could be sent");
      return Optional.empty();
    }
    return Optional.of(Notice.reminder(latest, recipient, new Notice.Reminder(row.revision(), minutesBefore)));
  }

  /** The newest recorded event of each meeting these reminders are for. */
  private Map<MeetingId, MeetingEvent> latestEvents(List<LedgerRow> reminders) {
    Map<MeetingId, MeetingEvent> latest = new HashMap<>();
    if (reminders.isEmpty()) {
      return latest;
    }
    ledger.latestPayloads(reminders.stream().map(row -> row.key().meetingId()).toList()).forEach((meetingId, payload) -> {
      try {
        latest.put(meetingId, jsonMapper.readValue(payload, MeetingEvent.class));
      } catch (JacksonException e) {
        log.error("The newest recorded event of meeting {} cannot be read", meetingId, e);
      }
    });
    return latest;
  }

  private static NoticeKind noticeKind(RecipientDecision decision, MeetingEvent event) {
    if (decision.send().kind() == DeliveryKind.CANCELLATION) {
      boolean meetingCancelled = event instanceof MeetingCancelled || event.meeting().status() == MeetingStatus.CANCELLED;
      return meetingCancelled ? NoticeKind.CANCELLATION : NoticeKind.WITHDRAWAL;
    }
    return decision.invites() ? NoticeKind.INVITATION : NoticeKind.UPDATE;
  }

  /** The events the batch needs, read once per meeting: from the oldest revision an update compares with to the newest revision sent. */
  private Events loadEvents(List<RecipientDecision> decisions) {
    Map<MeetingId, long[]> ranges = new LinkedHashMap<>();
    for (RecipientDecision decision : decisions) {
      LedgerRow row = decision.send();
      long from = decision.invites() || row.kind() == DeliveryKind.CANCELLATION ? row.revision() : decision.lastSentRevision();
      long[] range = ranges.computeIfAbsent(row.key().meetingId(), id -> new long[] {from, row.revision()});
      range[0] = Math.min(range[0], from);
      range[1] = Math.max(range[1], row.revision());
    }
    Events events = new Events();
    ranges.forEach((meetingId, range) -> {
      Map<Long, MeetingEvent> byRevision = new HashMap<>();
      ledger.payloads(meetingId, range[0], range[1]).forEach((revision, payload) -> {
        try {
          byRevision.put(revision, jsonMapper.readValue(payload, MeetingEvent.class));
        } catch (JacksonException e) {
          // Left out: its messages fail, naming the revision, and the rest of the batch goes on.
          log.error("The recorded event of meeting {} revision {} cannot be read", meetingId, revision, e);
        }
      });
      events.byMeeting.put(meetingId, byRevision);
    });
    return events;
  }

  private static final class Events {

    final Map<MeetingId, Map<Long, MeetingEvent>> byMeeting = new HashMap<>();

    MeetingEvent get(MeetingId meetingId, long revision) {
      return byMeeting.getOrDefault(meetingId, Map.of()).get(revision);
    }

    /** Whether every revision from {@code from} to {@code upTo} is recorded and readable. */
    boolean allRecorded(MeetingId meetingId, long from, long upTo) {
      Map<Long, MeetingEvent> events = byMeeting.getOrDefault(meetingId, Map.of());
      for (long revision = from; revision <= upTo; revision++) {
        if (!events.containsKey(revision)) {
          return false;
        }
      }
      return true;
    }
  }

  /** What a batch did, saved in a few statements at its end. */
  private final class Outcomes {

    private final List<DeliveryKey> sent = new ArrayList<>();
    private final List<DeliveryKey> superseded = new ArrayList<>();
    private final List<Long> supersededBy = new ArrayList<>();
    private final List<DeliveryKey> failed = new ArrayList<>();
    private final List<String> failures = new ArrayList<>();
    private final List<DeliveryKey> retried = new ArrayList<>();
    private final List<Long> delays = new ArrayList<>();
    private final List<String> errors = new ArrayList<>();

    void supersede(Superseded row) {
      superseded.add(row.row().key());
      supersededBy.add(row.by());
      metrics.delivery(row.row().kind(), DeliveryMetrics.SUPERSEDED);
    }

    void fail(LedgerRow row, String reason) {
      failed.add(row.key());
      failures.add(reason);
      metrics.delivery(row.kind(), DeliveryMetrics.FAILED);
      log.warn("{} to {} for meeting {} revision {} failed for good: {}", row.kind(), row.key().recipient(), row.key().meetingId(), row.revision(), reason);
    }

    void record(LedgerRow row, Notice notice, SendOutcome outcome) {
      switch (outcome) {
        case SendOutcome.Accepted ignored -> {
          sent.add(row.key());
          metrics.delivery(row.kind(), DeliveryMetrics.SENT);
          log.debug("Sent {} to {}", notice.kind(), row.key().recipient());
        }
        case SendOutcome.Refused refused -> fail(row, refused.reply());
        case SendOutcome.Deferred deferred -> {
          int attempts = row.attempts() + 1;
          if (backOff.givesUpAfter(attempts)) {
            fail(row, "Gave up after " + attempts + " attempts: " + deferred.reason());
          } else {
            Duration delay = backOff.delayAfter(attempts);
            retried.add(row.key());
            delays.add(delay.toMillis());
            errors.add(deferred.reason());
            metrics.delivery(row.kind(), DeliveryMetrics.RETRIED);
            log.info("{} to {} deferred (attempt {}), retrying in {} ms: {}", notice.kind(), row.key().recipient(), attempts, delay.toMillis(), deferred.reason());
          }
        }
      }
    }

    void save() {
      ledger.markSuperseded(superseded, supersededBy);
      ledger.markSent(sent);
      ledger.markFailed(failed, failures);
      ledger.markRetry(retried, delays, errors);
    }
  }

  private static void withContext(LedgerRow row, Runnable action) {
    MDC.put("meetingId", row.key().meetingId().toString());
    MDC.put("revision", Long.toString(row.revision()));
    MDC.put("eventId", row.eventId().toString());
    try {
      action.run();
    } finally {
      MDC.remove("meetingId");
      MDC.remove("revision");
      MDC.remove("eventId");
    }
  }
}
