package org.convene.scheduler.meeting.domain;

import java.time.ZoneOffset;

/**
 * The UTC offsets a caller gave with a meeting's wall-clock start and end, if any. They matter only
 * for a time in an hour that occurs twice as the clocks go back, which is ambiguous without one.
 *
 * @param start the offset given with the start; {@code null} if none
 * @param end the offset given with the end; {@code null} if none
 */
public record OffsetChoice(ZoneOffset start, ZoneOffset end) {

  public static final OffsetChoice NONE = new OffsetChoice(null, null);
}
