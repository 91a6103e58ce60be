package org.convene.infra.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PrometheusTextTests {

  private static final String SCRAPE =
      """
      # HELP convene_outbox_relay_lag_seconds Time from an event's commit to the broker's acknowledgement
      # TYPE convene_outbox_relay_lag_seconds summary
      convene_outbox_relay_lag_seconds{quantile="0.5"} 0.0524288
      convene_outbox_relay_lag_seconds{quantile="0.99"} 0.1342177
      convene_outbox_relay_lag_seconds_count 4000
      convene_outbox_relay_lag_seconds_sum 283.5
      hikaricp_connections_active{pool="HikariPool-1"} 3.0
      http_server_requests_seconds_count{error="none",method="POST",outcome="SUCCESS",status="201",uri="/api/meetings"} 10
      http_server_requests_seconds_count{error="none",method="POST",outcome="CLIENT_ERROR",status="400",uri="/api/meetings"} 2
      http_server_requests_seconds_count{error="none",method="GET",outcome="SUCCESS",status="200",uri="/api/meetings"} 7
      """;

  private final PrometheusText text = PrometheusText.parse(SCRAPE);

  @Test
  void findsASampleByNameAndLabel() {
    assertThat(text.value("convene_outbox_relay_lag_seconds", "quantile=\"0.99\""))
        .hasValue(0.1342177);
    assertThat(text.value("convene_outbox_relay_lag_seconds_count")).hasValue(4000);
    assertThat(text.value("hikaricp_connections_active")).hasValue(3);
    assertThat(text.value("no_such_metric")).isEmpty();
  }

  @Test
  void sumsEverySampleWithTheLabels() {
    assertThat(
            text.sum(
                "http_server_requests_seconds_count", "method=\"POST\"", "uri=\"/api/meetings\""))
        .isEqualTo(12);
  }

  @Test
  void readsOneLabelOfASample() {
    PrometheusText.Series series =
        text.series().stream()
            .filter(s -> s.labels().contains("status=\"400\""))
            .findFirst()
            .orElseThrow();
    assertThat(series.label("outcome")).isEqualTo("CLIENT_ERROR");
    assertThat(series.label("uri")).isEqualTo("/api/meetings");
    assertThat(series.label("kind")).isEqualTo("?");
  }
}
