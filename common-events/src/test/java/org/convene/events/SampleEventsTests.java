package org.convene.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class SampleEventsTests {

  @Test
  void theUpcomingMeetingIsAMonthAfterTodayInItsOwnZoneAtTheSamplesTimes() {
    // 20:30 UTC on 31 Dec is already 1 Jan in Shanghai: "today" is the meeting's own today.
    Clock lateEveningUtc = Clock.fixed(Instant.parse("2027-12-31T20:30:00Z"), ZoneOffset.UTC);

    MeetingSnapshot upcoming = SampleEvents.upcoming(lateEveningUtc);

    assertThat(upcoming.start()).isEqualTo(LocalDateTime.parse("2028-01-31T09:00"));
    assertThat(upcoming.end()).isEqualTo(LocalDateTime.parse("2028-01-31T11:30"));
    MeetingSnapshot sample = SampleEvents.theoryDiscussingMeeting();
    assertThat(upcoming)
        .usingRecursiveComparison()
        .ignoringFields("start", "end")
        .isEqualTo(sample);
  }
}
