package org.convene.scheduler.web;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;
import org.convene.scheduler.meeting.MeetingScheduling;
import org.convene.scheduler.meeting.MeetingView;
import org.convene.scheduler.meeting.domain.MeetingStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** My meetings: upcoming, past or cancelled, searchable by title; ops see everyone's. */
@Controller
class MeetingListPage {

  /** A page shows at most this many meetings of a tab; the search looks through these. */
  static final int SHOWN = 200;

  enum Tab {
    UPCOMING,
    PAST,
    CANCELLED
  }

  /** One row of the list. */
  record Row(UUID id, String title, String time, int invited) {}

  private final MeetingScheduling scheduling;
  private final Clock clock;

  MeetingListPage(MeetingScheduling scheduling, Clock clock) {
    this.scheduling = scheduling;
    this.clock = clock;
  }

  @GetMapping("/meetings")
  String list(
      @RequestParam(defaultValue = "upcoming") String tab,
      @RequestParam(defaultValue = "") String q,
      HttpServletRequest request,
      Locale locale,
      Model model) {
    Tab shown =
        switch (tab) {
          case "past" -> Tab.PAST;
          case "cancelled" -> Tab.CANCELLED;
          default -> Tab.UPCOMING;
        };
    OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    List<MeetingView> meetings =
        switch (shown) {
          case UPCOMING ->
              scheduling.listVisible(now, null, MeetingStatus.SCHEDULED, 0, SHOWN).items();
          case PAST ->
              scheduling.listVisible(null, now, MeetingStatus.SCHEDULED, 0, SHOWN).items().stream()
                  .filter(
                      m ->
                          !m.end()
                              .atZone(ZoneId.of(m.timeZone()))
                              .toInstant()
                              .isAfter(now.toInstant()))
                  .toList();
          case CANCELLED ->
              scheduling.listVisible(null, null, MeetingStatus.CANCELLED, 0, SHOWN).items();
        };
    String search = q.strip().toLowerCase(Locale.ROOT);
    Predicate<MeetingView> matches =
        m -> search.isEmpty() || m.title().toLowerCase(Locale.ROOT).contains(search);
    Optional<ZoneId> viewer = ViewerZone.of(request);
    List<Row> rows =
        meetings.stream()
            .filter(matches)
            .map(
                m ->
                    new Row(
                        m.id(),
                        m.title(),
                        TimeText.of(m, viewer.orElse(ZoneId.of(m.timeZone())), locale)
                            .inViewerZone(),
                        m.participants().size()))
            .toList();
    model.addAttribute("tab", shown.name().toLowerCase(Locale.ROOT));
    model.addAttribute("q", q);
    model.addAttribute("rows", rows);
    return "web/meetings";
  }
}
