package org.convene.notifier.deadletter;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Optional;
import org.convene.events.CloudEventHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Where the consumer groups' error handlers hand the records they give up on. One bad record is one
 * dead letter however many groups fail on it: the first group's failure records it and publishes
 * its one copy to the dead-letter topic; each further group is added to it. Each failure is logged
 * as one line with the ids and the reason (the stack trace at DEBUG only) and counted by group and
 * reason.
 */
@Component
public class DeadLetters {

  /** Counts the groups' failures that ended as dead letters, by group and reason. */
  public static final String DEAD_LETTERS = "convene.notifier.dead.letters";

  private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);

  private final DeadLetterLedger ledger;
  private final TransactionTemplate transactions;
  private final MeterRegistry meters;

  DeadLetters(DeadLetterLedger ledger, TransactionTemplate transactions, MeterRegistry meters) {
    this.ledger = ledger;
    this.transactions = transactions;
    this.meters = meters;
  }

  /**
   * Records that a group gave up on the record. {@code publishOnce} runs for the record's first
   * failure only (or again, if the earlier run failed), while the record's row is locked: a second
   * group failing at the same moment waits and then finds it published.
   *
   * @param cause the failure, for the DEBUG log only
   * @throws RuntimeException what {@code publishOnce} threw: nothing is recorded then, and the
   *     error handler tries the record again
   */
  public void record(FailedRecord failed, Throwable cause, Runnable publishOnce) {
    DeadLetterLedger.Recorded recorded =
        transactions.execute(
            status -> {
              DeadLetterLedger.Recorded row = ledger.record(failed);
              if (!row.published()) {
                publishOnce.run();
                ledger.published(row.id());
              }
              return row;
            });
    log.info(
        "Dead letter {} from {} key {} event {} group {} (groups {}): {}: {}",
        recorded.id(),
        failed.source(),
        failed.key(),
        eventId(failed.headers()).orElse("-"),
        failed.group(),
        String.join(",", recorded.groups()),
        failed.reason(),
        oneLine(failed.message()));
    log.debug("Dead letter {} failure", recorded.id(), cause);
    Counter.builder(DEAD_LETTERS)
        .description(
            "Records a consumer group gave up on and dead-lettered, by group and reason (the"
                + " failure's class); one record failed by two groups counts once for each")
        .tag("group", failed.group())
        .tag("reason", failed.reason())
        .register(meters)
        .increment();
  }

  /** The CloudEvents id of the record, which names the event where the record carries one. */
  private static Optional<String> eventId(List<RecordHeader> headers) {
    return headers.stream()
        .filter(header -> header.name().equals(CloudEventHeaders.ID))
        .map(RecordHeader::text)
        .reduce((first, second) -> second);
  }

  private static String oneLine(String message) {
    if (message == null) {
      return "";
    }
    String line = message.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
    return line.length() > 500 ? line.substring(0, 500) + "..." : line;
  }
}
