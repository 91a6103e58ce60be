package org.convene.notifier.deadletter;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** What the console and its API read about dead letters. */
@Component
class DeadLetterQueries {

  static final int DEFAULT_LIMIT = 100;
  static final int MAX_LIMIT = 1000;

  private final DeadLetterLedger ledger;
  private final JsonMapper json;

  DeadLetterQueries(DeadLetterLedger ledger, JsonMapper json) {
    this.ledger = ledger;
    this.json = json;
  }

  /** The dead letters that match, newest failure first, with how many are in each status. */
  Listing list(DeadLetterFilter filter, int limit) {
    Map<DeadLetterStatus, Long> counts = new EnumMap<>(DeadLetterStatus.class);
    for (DeadLetterStatus status : DeadLetterStatus.values()) {
      counts.put(status, 0L);
    }
    ledger.countByStatus().forEach(count -> counts.put(count.status(), count.count()));
    return new Listing(counts, ledger.list(filter, limit));
  }

  Optional<DeadLetterDetail> detail(long id) {
    return ledger.find(id).map(full -> DeadLetterDetail.of(full, json));
  }

  /** How many dead letters are in each status, and those asked for. */
  record Listing(Map<DeadLetterStatus, Long> counts, List<DeadLetter> letters) {}
}
