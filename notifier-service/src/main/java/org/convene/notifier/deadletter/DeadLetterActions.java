package org.convene.notifier.deadletter;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.convene.notifier.audit.OpsAudit;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What operators do with dead letters: replay to the original topic, park, discard. Each dead
 * letter is acted on in its own transaction that locks its row and finds it still open, so that it
 * is replayed once however many operators click at once. Each action then writes one audit entry:
 * who, what, on which ids or filter, how many it changed.
 */
@Component
public class DeadLetterActions {

  /** Which dead letter a replayed record is: its {@code topic-partition@offset}. */
  public static final String REPLAY_OF = "replay-of";

  /** The operator who replayed it. */
  public static final String REPLAYED_BY = "replayed-by";

  /** When it was replayed (ISO-8601). */
  public static final String REPLAYED_AT = "replayed-at";

  /** The most dead letters one action may touch. */
  public static final int MAX_PER_ACTION = 1000;

  static final long SEND_TIMEOUT_SECONDS = 10;

  private static final Set<String> REPLACED = Set.of(REPLAY_OF, REPLAYED_BY, REPLAYED_AT);

  private final DeadLetterLedger ledger;
  private final OpsAudit audit;
  private final TransactionTemplate transactions;
  private final KafkaOperations<Object, Object> kafka;
  private final Clock clock;

  DeadLetterActions(
      DeadLetterLedger ledger,
      OpsAudit audit,
      TransactionTemplate transactions,
      KafkaOperations<?, ?> kafka,
      Clock clock) {
    this.ledger = ledger;
    this.audit = audit;
    this.transactions = transactions;
    this.kafka = anyValues(kafka);
    this.clock = clock;
  }

  /**
   * What an action did: how many it changed, how many were no longer open, and how many failed (a
   * replay the broker did not acknowledge: those stay open), with the first failure's reason.
   */
  public record Done(int changed, int skipped, int failed, String firstFailure) {}

  /** The open dead letters that match, oldest first, at most {@value #MAX_PER_ACTION}. */
  public List<Long> matching(DeadLetterFilter filter) {
    return ledger.openIds(filter, MAX_PER_ACTION);
  }

  /**
   * Replays each open dead letter to its original topic with its original key, value and headers
   * (minus those about dead-lettering), plus who replayed it, when, and which dead letter it is.
   * One already replayed or discarded is skipped: nothing is sent twice.
   */
  public Done replay(List<Long> ids, String actor, String target) {
    return act(ids, actor, "dead-letter.replay", target, null, this::replayOne);
  }

  /** Keeps open dead letters aside, with the reason; they can still be replayed or discarded. */
  public Done park(List<Long> ids, String actor, String target, String reason) {
    return act(
        ids,
        actor,
        "dead-letter.park",
        target,
        reason,
        (letter, who) ->
            ledger.resolve(letter.letter().id(), DeadLetterStatus.PARKED, who, reason));
  }

  /** Drops open dead letters for good, with the reason. */
  public Done discard(List<Long> ids, String actor, String target, String reason) {
    return act(
        ids,
        actor,
        "dead-letter.discard",
        target,
        reason,
        (letter, who) ->
            ledger.resolve(letter.letter().id(), DeadLetterStatus.DISCARDED, who, reason));
  }

  private interface Action {
    void apply(DeadLetter.Full letter, String actor);
  }

  private Done act(
      List<Long> ids, String actor, String action, String target, String reason, Action apply) {
    if (ids.size() > MAX_PER_ACTION) {
      throw new IllegalArgumentException(
          "At most " + MAX_PER_ACTION + " dead letters per action, not " + ids.size());
    }
    int changed = 0;
    int failed = 0;
    String firstFailure = null;
    List<Long> distinct = ids.stream().distinct().toList();
    for (long id : distinct) {
      Boolean done;
      try {
        done =
            transactions.execute(
                status ->
                    ledger
                        .lockOpen(id)
                        .map(
                            letter -> {
                              apply.apply(letter, actor);
                              return true;
                            })
                        .orElse(false));
      } catch (RuntimeException e) {
        failed++;
        firstFailure = firstFailure == null ? e.getMessage() : firstFailure;
        continue;
      }
      if (Boolean.TRUE.equals(done)) {
        changed++;
      }
    }
    audit.record(actor, action, target, changed, reason);
    return new Done(changed, distinct.size() - changed - failed, failed, firstFailure);
  }

  private void replayOne(DeadLetter.Full full, String actor) {
    DeadLetter letter = full.letter();
    Headers headers = new RecordHeaders();
    for (RecordHeader header : full.headers()) {
      if (!header.name().startsWith(KafkaHeaders.PREFIX + "dlt-")
          && !REPLACED.contains(header.name())) {
        headers.add(header.name(), header.value());
      }
    }
    headers.add(REPLAY_OF, text(letter.source()));
    headers.add(REPLAYED_BY, text(actor));
    headers.add(REPLAYED_AT, text(clock.instant().toString()));
    ProducerRecord<Object, Object> record =
        new ProducerRecord<>(letter.topic(), null, letter.key(), full.value(), headers);
    try {
      // Sent while the row is locked, and marked replayed in the same transaction: should the
      // send fail, the dead letter stays open.
      kafka.send(record).get(SEND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while replaying " + letter.source(), e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("Cannot replay " + letter.source() + " to its topic", e);
    }
    ledger.resolve(letter.id(), DeadLetterStatus.REPLAYED, actor, null);
  }

  private static byte[] text(String value) {
    return value.getBytes(StandardCharsets.UTF_8);
  }

  // Boot's template is untyped; its value serializer writes byte arrays as they are.
  @SuppressWarnings("unchecked")
  private static KafkaOperations<Object, Object> anyValues(KafkaOperations<?, ?> kafka) {
    return (KafkaOperations<Object, Object>) kafka;
  }
}
