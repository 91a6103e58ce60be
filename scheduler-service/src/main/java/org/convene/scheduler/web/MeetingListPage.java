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
import org.convene.events.MeetingId;
import org.convene.scheduler.answer.MeetingResponses;
import org.convene.scheduler.answer.domain.QuorumState;
import org.convene.scheduler.inbox.DeliveryStates;
import org.convene.scheduler.meeting.MeetingScheduling;
import org.convene.scheduler.meeting.MeetingView;
import org.convene.scheduler.meeting.domain.MeetingStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * My meetings: upcoming, past or cancelled, searchable by title, each with how many answered, where
 * that leaves the quorum and how many people's latest message failed to deliver; ops see
 * everyone's.
 */
@Controller
class MeetingListPage {

  /** A page shows at most this many meetings of a tab; the search looks through these. */
  static final int SHOWN = 200;

  enum Tab {
    UPCOMING,
    PAST,
    CANCELLED
  }

  /**
   * One row of the list.
   *
   * @param answered how many participants have answered
   * @param quorum where the answers leave the quorum; {@code null} for a cancelled meeting
   * @param undelivered how many people's latest message failed for good, as the notifier reported
   */
  record Row(
      UUID id,
      String title,
      String time,
      int answered,
      QuorumState quorum,
      int invited,
      long undelivered) {}

  private final MeetingScheduling scheduling;
  private final MeetingResponses responses;
  private final DeliveryStates deliveries;
  private final Clock clock;

  MeetingListPage(
      MeetingScheduling scheduling,
      MeetingResponses responses,
      DeliveryStates deliveries,
      Clock clock) {
    this.scheduling = scheduling;
    this.responses = responses;
    this.deliveries = deliveries;
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
                m -> {
                  Optional<MeetingResponses.Responses> answers =
                      m.status() == MeetingStatus.CANCELLED
                          ? Optional.empty()
                          : responses.of(MeetingId.of(m.id()));
                  return new Row(
                      m.id(),
                      m.title(),
                      TimeText.of(m, viewer.orElse(ZoneId.of(m.timeZone())), locale).inViewerZone(),
                      answers.map(a -> a.byMailbox().size()).orElse(0),
                      answers.map(a -> a.quorum().state()).orElse(null),
                      m.participants().size(),
                      deliveries.of(MeetingId.of(m.id())).values().stream()
                          .filter(DeliveryStates.PersonDelivery::failed)
                          .count());
                })
            .toList();
    model.addAttribute("tab", shown.name().toLowerCase(Locale.ROOT));
    model.addAttribute("q", q);
    model.addAttribute("rows", rows);
    return "web/meetings";
  }
}
