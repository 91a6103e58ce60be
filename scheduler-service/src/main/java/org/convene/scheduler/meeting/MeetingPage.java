package org.convene.scheduler.meeting;

import java.util.List;

/** One page of meetings, ordered by start time. */
public record MeetingPage(
    List<MeetingView> items, int page, int size, long totalItems, long totalPages) {

  static MeetingPage of(List<MeetingView> items, int page, int size, long totalItems) {
    return new MeetingPage(items, page, size, totalItems, (totalItems + size - 1) / size);
  }
}
