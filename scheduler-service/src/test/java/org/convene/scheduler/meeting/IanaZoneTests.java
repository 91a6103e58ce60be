package org.convene.scheduler.meeting;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IanaZoneTests {

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource({
    "Asia/Shanghai, true",
    "Europe/Berlin, true",
    "America/Argentina/Buenos_Aires, true",
    "UTC, true",
    "+08:00, false",
    "UTC+8, false",
    "GMT, false",
    "asia/shanghai, false",
    "Mars/Olympus_Mons, false",
  })
  void onlyRegionZonesTheJdkKnowsAndUtcPass(String zone, boolean known) {
    assertThat(IanaZone.Validator.isKnown(zone)).isEqualTo(known);
  }
}
