package org.convene.infra.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.util.Comparator;

/**
 * What the notifier counts as sent, by kind, retried, and sent again after an attempt whose outcome
 * was never recorded: the benches' sinks count messages, not what they are, so a message more than
 * expected is told apart here (a reminder falling due, or a possible duplicate).
 */
final class NotifierTally {

  private NotifierTally() {}

  /**
   * How often the replies reader found messages in its folder that the IMAP server had not
   * announced, and opened the folder again to read them.
   */
  static String repliesFolderReopened(HttpClient http, URI notifier) {
    try {
      return "Replies folder opened again for messages the IMAP server had not announced: %.0f times"
          .formatted(
              PrometheusText.scrape(http, notifier).sum("convene_notifier_replies_reopened_total"));
    } catch (IOException e) {
      return "Replies folder: metrics not read (" + e + ")";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "Replies folder: metrics not read (interrupted)";
    }
  }

  /** One line for a bench's report; says so when the metrics cannot be read. */
  static String read(HttpClient http, URI notifier) {
    try {
      PrometheusText metrics = PrometheusText.scrape(http, notifier);
      StringBuilder line = new StringBuilder("Notifier: sent");
      metrics.series().stream()
          .filter(series -> series.name().equals("convene_notifier_deliveries_total"))
          .filter(series -> series.labels().contains("outcome=\"sent\""))
          .filter(series -> series.value() > 0)
          .sorted(Comparator.comparing(PrometheusText.Series::labels))
          .forEach(
              series -> line.append(" %s %.0f".formatted(series.label("kind"), series.value())));
      return line.append(
              "; retried %.0f; possible duplicates %.0f"
                  .formatted(
                      metrics.sum("convene_notifier_deliveries_total", "outcome=\"retried\""),
                      metrics.sum("convene_notifier_deliveries_possible_duplicates_total")))
          .toString();
    } catch (IOException e) {
      return "Notifier: metrics not read (" + e + ")";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "Notifier: metrics not read (interrupted)";
    }
  }
}
