package org.convene.infra.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class PercentilesTests {

  @Test
  void nearestRankOfOneToAThousand() {
    Percentiles p = Percentiles.of(LongStream.rangeClosed(1, 1000).map(i -> 1001 - i).toArray());

    assertThat(p.count()).isEqualTo(1000);
    assertThat(p.p50()).isEqualTo(500);
    assertThat(p.p90()).isEqualTo(900);
    assertThat(p.p99()).isEqualTo(990);
    assertThat(p.p999()).isEqualTo(999);
    assertThat(p.max()).isEqualTo(1000);
    assertThat(p.mean()).isEqualTo(500.5);
  }

  @Test
  void noValuesGiveZeros() {
    assertThat(Percentiles.of(new long[0])).isEqualTo(Percentiles.NONE);
  }
}
