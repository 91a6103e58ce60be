package org.convene.scheduler.answer;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.convene.scheduler.answer.LinkTokens.Verification;
import org.convene.scheduler.answer.domain.Answer;
import org.convene.scheduler.answer.domain.AnswerOutcome;
import org.convene.scheduler.answer.domain.AnswerStatus;
import org.convene.scheduler.answer.domain.Comment;
import org.convene.scheduler.answer.domain.MeetingAnswers;
import org.convene.scheduler.meeting.domain.Meeting;
import org.convene.scheduler.meeting.domain.Participant;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The page a person's answer link opens. GET (and HEAD) only show the meeting, the person's answer
 * and a form: mail scanners fetch every link, so nothing changes until the form is posted (with the
 * page's CSRF token). A bad or expired link gets a page that says so, with a 4xx status.
 */
@Controller
@RequestMapping("/answer/{token}")
class AnswerPageController {

  /** Answers a person can give on the page; delegating needs a calendar. */
  static final List<AnswerStatus> CHOICES =
      List.of(AnswerStatus.ACCEPTED, AnswerStatus.TENTATIVE, AnswerStatus.DECLINED);

  private final LinkTokens tokens;
  private final AnswerRecording recording;
  private final LinkAnswerWriter writer;
  private final AnswerTexts texts;
  private final Clock clock;

  AnswerPageController(
      LinkTokens tokens,
      AnswerRecording recording,
      LinkAnswerWriter writer,
      AnswerTexts texts,
      Clock clock) {
    this.writer = writer;
    this.tokens = tokens;
    this.recording = recording;
    this.texts = texts;
    this.clock = clock;
  }

  /**
   * Where the token leads: a meeting and one of its participants, or the page explaining why not.
   */
  private sealed interface Target {
    record Found(MeetingAnswers answers, Participant participant) implements Target {}

    record Problem(HttpStatus status, String reason) implements Target {}
  }

  @GetMapping
  String show(
      @PathVariable String token,
      @RequestParam(required = false) String answer,
      HttpServletRequest request,
      HttpServletResponse response,
      Model model) {
    Locale locale = prepare(token, request, model);
    Target target = resolve(token);
    if (target instanceof Target.Problem problem) {
      return problem(problem, response, model);
    }
    Target.Found found = (Target.Found) target;
    // A link for one answer only preselects it: a scanner following it must not answer.
    model.addAttribute("preselected", parseChoice(answer).map(Enum::name).orElse(null));
    return page(found, locale, model);
  }

  @PostMapping
  String answer(
      @PathVariable String token,
      @RequestParam(required = false) String answer,
      @RequestParam(required = false) String comment,
      HttpServletRequest request,
      HttpServletResponse response,
      Model model) {
    Locale locale = prepare(token, request, model);
    Target target = resolve(token);
    if (target instanceof Target.Problem problem) {
      return problem(problem, response, model);
    }
    Target.Found found = (Target.Found) target;
    Optional<AnswerStatus> choice = parseChoice(answer);
    if (choice.isEmpty()) {
      response.setStatus(HttpStatus.BAD_REQUEST.value());
      model.addAttribute("error", "error.choose");
      return page(found, locale, model);
    }
    AnswerOutcome outcome =
        writer.record(
            found.answers().meeting().id(),
            found.participant().mailbox(),
            choice.get(),
            Comment.clean(comment));
    if (outcome instanceof AnswerOutcome.Refused) {
      return problem(new Target.Problem(HttpStatus.GONE, "cancelled"), response, model);
    }
    model.addAttribute("recorded", true);
    if (outcome instanceof AnswerOutcome.Recorded recorded) {
      // The meeting and the answer as just committed: no second read of either.
      return page(
          recorded.meeting(),
          recorded.participant(),
          Optional.of(recorded.answer()),
          locale,
          model);
    }
    return page((Target.Found) resolve(token), locale, model);
  }

  private Target resolve(String token) {
    if (!tokens.enabled()) {
      return new Target.Problem(HttpStatus.NOT_FOUND, "disabled");
    }
    return switch (tokens.verify(token)) {
      case Verification.Invalid ignored -> new Target.Problem(HttpStatus.BAD_REQUEST, "invalid");
      case Verification.Expired ignored -> new Target.Problem(HttpStatus.GONE, "expired");
      case Verification.Valid valid -> {
        Optional<MeetingAnswers> answers = recording.answers(valid.meetingId());
        if (answers.isEmpty()) {
          yield new Target.Problem(HttpStatus.NOT_FOUND, "unknown");
        }
        Meeting meeting = answers.get().meeting();
        if (meeting.isCancelled()) {
          yield new Target.Problem(HttpStatus.GONE, "cancelled");
        }
        if (!meeting.endsAfter(clock.instant())) {
          yield new Target.Problem(HttpStatus.GONE, "expired");
        }
        Optional<Participant> participant = answers.get().participant(valid.mailbox());
        yield participant.isEmpty()
            ? new Target.Problem(HttpStatus.FORBIDDEN, "uninvited")
            : new Target.Found(answers.get(), participant.get());
      }
    };
  }

  private Locale prepare(String token, HttpServletRequest request, Model model) {
    model.addAttribute("token", token);
    Locale locale = AnswerTexts.choose(Collections.list(request.getLocales()));
    model.addAttribute("lang", locale.toLanguageTag());
    model.addAttribute("t", texts.of(locale));
    return locale;
  }

  private String page(Target.Found found, Locale locale, Model model) {
    Participant participant = found.participant();
    return page(
        found.answers().meeting(),
        participant,
        found.answers().answerOf(participant.mailbox()),
        locale,
        model);
  }

  private String page(
      Meeting meeting,
      Participant participant,
      Optional<Answer> current,
      Locale locale,
      Model model) {
    DateTimeFormatter format =
        DateTimeFormatter.ofLocalizedDateTime(FormatStyle.FULL, FormatStyle.SHORT)
            .withLocale(locale);
    ZonedDateTime start = meeting.time().start().atZone(meeting.time().zone());
    ZonedDateTime end = meeting.time().end().atZone(meeting.time().zone());
    model.addAttribute("title", meeting.title());
    model.addAttribute("start", start.format(format));
    model.addAttribute(
        "end", end.format(DateTimeFormatter.ofLocalizedTime(FormatStyle.SHORT).withLocale(locale)));
    model.addAttribute("zone", meeting.time().zone().getId());
    model.addAttribute(
        "place", meeting.location() != null ? meeting.location() : meeting.onlineLink());
    model.addAttribute("name", participant.name());
    model.addAttribute("current", current.map(a -> a.status().name()).orElse(null));
    model.addAttribute("currentComment", current.map(Answer::comment).orElse(null));
    model.addAttribute("choices", CHOICES.stream().map(Enum::name).toList());
    return "answer/page";
  }

  private static String problem(Target.Problem problem, HttpServletResponse response, Model model) {
    response.setStatus(problem.status().value());
    model.addAttribute("reason", problem.reason());
    return "answer/problem";
  }

  private static Optional<AnswerStatus> parseChoice(String answer) {
    return CHOICES.stream().filter(c -> c.name().equals(answer)).findFirst();
  }
}
