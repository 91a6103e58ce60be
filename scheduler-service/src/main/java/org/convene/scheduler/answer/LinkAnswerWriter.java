package org.convene.scheduler.answer;

import io.micrometer.tracing.CurrentTraceContext;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.Tracer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.convene.events.MeetingId;
import org.convene.scheduler.answer.domain.AnswerOutcome;
import org.convene.scheduler.answer.domain.AnswerStatus;
import org.convene.scheduler.meeting.domain.Mailbox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Records the answers given on answer pages on one thread, those to the same meeting that wait
 * together in one transaction: one lock of the meeting, one read of its answers and one commit for
 * all of them. Each answer page's request waits for its own answer's outcome.
 *
 * <p>Answers to one meeting are decided one at a time under its row lock, whatever the channel.
 * Each in a transaction of its own, answers arriving together queued for the lock, each holding it
 * for its own reads and commit; calendar replies, which a poll records together, waited behind the
 * whole queue. A transaction holds one meeting's lock only, so it never waits for a poll of
 * calendar replies that waits for it.
 */
@Component
class LinkAnswerWriter implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(LinkAnswerWriter.class);

  /** Answers recorded together at most: enough for a burst, few enough to hold the lock briefly. */
  static final int MAX_BATCH = 50;

  private final AnswerRecording recording;
  private final TransactionTemplate transactions;
  private final Tracer tracer;
  private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();

  private volatile boolean running;
  private Thread writer;

  LinkAnswerWriter(
      AnswerRecording recording, TransactionTemplate transactions, ObjectProvider<Tracer> tracer) {
    this.recording = recording;
    this.tracer = tracer.getIfAvailable(() -> Tracer.NOOP);
    this.transactions = transactions;
  }

  /** An answer given on a page, with what became of it once recorded. */
  private record Pending(
      MeetingId meeting,
      Mailbox attendee,
      AnswerStatus status,
      String comment,
      TraceContext trace,
      CompletableFuture<AnswerOutcome> outcome) {}

  /** Records the answer, with others to the same meeting waiting at the time; its outcome. */
  AnswerOutcome record(MeetingId meeting, Mailbox attendee, AnswerStatus status, String comment) {
    if (!running) {
      return recording.recordByLink(meeting, attendee, status, comment);
    }
    Pending pending =
        new Pending(
            meeting,
            attendee,
            status,
            comment,
            tracer.currentTraceContext().context(),
            new CompletableFuture<>());
    queue.add(pending);
    try {
      return pending.outcome().get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException failure) {
        throw failure;
      }
      throw new IllegalStateException("The answer could not be recorded", e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while the answer was recorded", e);
    }
  }

  /**
   * Started before the web server takes requests and stopped after it stopped taking them (its
   * phases are above this one), so that no answer page's request arrives without the writer.
   */
  @Override
  public int getPhase() {
    return SmartLifecycle.DEFAULT_PHASE - 4096;
  }

  @Override
  public synchronized void start() {
    running = true;
    writer = Thread.ofPlatform().name("link-answers").daemon().start(this::run);
  }

  @Override
  public synchronized void stop() {
    running = false;
    writer.interrupt();
    try {
      writer.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    // Those that came in while the writer stopped: recorded on their own.
    List<Pending> left = new ArrayList<>();
    queue.drainTo(left);
    left.forEach(this::writeAlone);
  }

  /** Answers handed over and not yet taken by the writer. */
  int waiting() {
    return queue.size();
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  private void run() {
    List<Pending> waiting = new ArrayList<>();
    while (running) {
      try {
        Pending first = queue.poll(1, TimeUnit.SECONDS);
        if (first == null) {
          continue;
        }
        waiting.add(first);
      } catch (InterruptedException e) {
        if (!running) {
          return;
        }
        continue;
      }
      queue.drainTo(waiting, MAX_BATCH - 1);
      Map<MeetingId, List<Pending>> byMeeting = new LinkedHashMap<>();
      waiting.forEach(p -> byMeeting.computeIfAbsent(p.meeting(), m -> new ArrayList<>()).add(p));
      byMeeting.values().forEach(this::write);
      waiting.clear();
    }
  }

  /**
   * Records answers to one meeting in one transaction; if it fails, each on its own, so that a
   * failure is only that answer's.
   */
  private void write(List<Pending> answers) {
    try {
      List<AnswerOutcome> outcomes =
          transactions.execute(status -> answers.stream().map(this::recordOne).toList());
      for (int i = 0; i < answers.size(); i++) {
        answers.get(i).outcome().complete(outcomes.get(i));
      }
    } catch (RuntimeException e) {
      if (answers.size() == 1) {
        answers.getFirst().outcome().completeExceptionally(e);
      } else {
        answers.forEach(this::writeAlone);
      }
    } catch (Error e) {
      // The requests are not left waiting for ever, and the writer goes on with the next ones.
      log.error("Link answers to meeting {} not recorded", answers.getFirst().meeting(), e);
      answers.forEach(answer -> answer.outcome().completeExceptionally(e));
    }
  }

  private void writeAlone(Pending answer) {
    try {
      answer.outcome().complete(recordOne(answer));
    } catch (RuntimeException e) {
      answer.outcome().completeExceptionally(e);
    }
  }

  /** Records one answer in the trace of the request that gave it, which its event carries on. */
  private AnswerOutcome recordOne(Pending answer) {
    try (CurrentTraceContext.Scope scope =
        tracer.currentTraceContext().maybeScope(answer.trace())) {
      return recording.recordByLink(
          answer.meeting(), answer.attendee(), answer.status(), answer.comment());
    }
  }
}
