package org.convene.scheduler.inbox;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.convene.events.MeetingId;
import org.convene.events.ReplyReceived;
import org.convene.scheduler.answer.AnswerRecording;
import org.convene.scheduler.answer.domain.Answer;
import org.convene.scheduler.answer.domain.AnswerOutcome;
import org.convene.scheduler.answer.domain.AnswerStatus;
import org.convene.scheduler.answer.domain.Channel;
import org.convene.scheduler.answer.domain.Proposal;
import org.convene.scheduler.answer.domain.ProposalOutcome;
import org.convene.scheduler.meeting.domain.Mailbox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Turns a calendar reply into an answer (or a COUNTER into a proposal for the organiser), once per
 * message: the claim of the message, the answer and its events commit together, so a crash half-way
 * leaves the message to be processed again. A reply that cannot be an answer is kept with the
 * reason, for ops. A poll's replies are claimed in one statement and their outcomes recorded in one
 * more, rather than two statements per reply, each a round trip made while the meetings' row locks
 * are held.
 */
@Service
class ReplyProcessing {

  private static final Logger log = LoggerFactory.getLogger(ReplyProcessing.class);

  private final ReceivedReplies received;
  private final AnswerRecording recording;

  ReplyProcessing(ReceivedReplies received, AnswerRecording recording) {
    this.received = received;
    this.recording = recording;
  }

  /**
   * Claims a poll's replies ({@code payloads} are their records as received) for processing in the
   * caller's transaction; those processed before are left out.
   */
  @Transactional(propagation = Propagation.MANDATORY)
  Poll claim(List<ReplyReceived> replies, List<String> payloads) {
    return new Poll(received.claim(replies, payloads));
  }

  /** A poll's replies, claimed; processed one by one, in the transaction that claimed them. */
  final class Poll {

    private final Set<String> claimed;
    private final List<ReceivedReplies.Finished> finished = new ArrayList<>();

    private Poll(Set<String> claimed) {
      this.claimed = claimed;
    }

    /**
     * Processes the reply unless its message was processed before (or earlier in this poll);
     * returns what became of it, empty for a repeat.
     */
    Optional<ReceivedReplies.Outcome> process(ReplyReceived reply) {
      if (!claimed.remove(reply.messageId())) {
        log.debug("Reply {} was processed before; skipped", reply.messageId());
        return Optional.empty();
      }
      ReceivedReplies.Finished outcome = decide(reply);
      finished.add(outcome);
      if (outcome.outcome() == ReceivedReplies.Outcome.REFUSED) {
        log.info("Reply {} for {} refused: {}", reply.messageId(), reply.uid(), outcome.reason());
      }
      return Optional.of(outcome.outcome());
    }

    /** Records what became of the replies processed. */
    void finish() {
      received.finish(finished);
      finished.clear();
    }
  }

  private ReceivedReplies.Finished decide(ReplyReceived reply) {
    ReceivedReplies.Outcome outcome;
    String reason = null;
    Optional<MeetingId> meetingId = meetingId(reply.uid());
    Optional<AnswerStatus> status = AnswerStatus.ofPartStat(reply.partStat());
    Mailbox attendee = mailbox(reply.attendee());
    if (meetingId.isEmpty()) {
      outcome = ReceivedReplies.Outcome.REFUSED;
      reason = "The UID is not a Convene meeting's";
    } else if (reply.isCounter()) {
      if (attendee == null) {
        outcome = ReceivedReplies.Outcome.REFUSED;
        reason = "The ATTENDEE is not a mailbox address";
      } else {
        ProposalOutcome proposed = recording.propose(meetingId.get(), proposal(reply, attendee));
        outcome =
            proposed instanceof ProposalOutcome.Kept
                ? ReceivedReplies.Outcome.PROPOSED
                : ReceivedReplies.Outcome.REFUSED;
        if (proposed instanceof ProposalOutcome.Refused refused) {
          reason = refused.reason();
        }
      }
    } else if (status.isEmpty()) {
      outcome = ReceivedReplies.Outcome.REFUSED;
      reason = "PARTSTAT is not an answer: " + reply.partStat();
    } else if (attendee == null) {
      outcome = ReceivedReplies.Outcome.REFUSED;
      reason = "The ATTENDEE is not a mailbox address";
    } else {
      // A reply without SEQUENCE answers the first version; Convene's first revision is 1.
      long revision = Math.max(1, reply.sequence());
      Answer answer =
          new Answer(
              attendee,
              status.get(),
              mailbox(reply.delegatedTo()),
              revision,
              reply.dtStamp(),
              Channel.CALENDAR_REPLY,
              reply.comment());
      AnswerOutcome answered = recording.record(meetingId.get(), answer);
      outcome =
          switch (answered) {
            case AnswerOutcome.Recorded ignored -> ReceivedReplies.Outcome.RECORDED;
            case AnswerOutcome.Superseded ignored -> ReceivedReplies.Outcome.SUPERSEDED;
            case AnswerOutcome.Uninvited ignored -> ReceivedReplies.Outcome.UNINVITED;
            case AnswerOutcome.Refused refused -> ReceivedReplies.Outcome.REFUSED;
          };
      if (answered instanceof AnswerOutcome.Refused refused) {
        reason = refused.reason();
      }
    }
    return new ReceivedReplies.Finished(reply.messageId(), outcome, reason);
  }

  /**
   * The other time a COUNTER proposes; its PARTSTAT, if any, is not an answer: the person answers
   * with a REPLY or a link.
   */
  private static Proposal proposal(ReplyReceived reply, Mailbox attendee) {
    return new Proposal(
        attendee,
        reply.proposedStart(),
        reply.proposedEnd(),
        Math.max(1, reply.sequence()),
        reply.dtStamp(),
        reply.comment());
  }

  /**
   * The meeting a reply's UID names: the notifier writes {@code <meeting id>@convene} into every
   * invitation, and calendars answer with the UID they were sent; a bare meeting id is taken too.
   */
  static Optional<MeetingId> meetingId(String uid) {
    String value = uid == null ? "" : uid.strip();
    if (value.endsWith(UID_SUFFIX)) {
      value = value.substring(0, value.length() - UID_SUFFIX.length());
    }
    try {
      return Optional.of(MeetingId.parse(value));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private static final String UID_SUFFIX = "@convene";

  private static Mailbox mailbox(String address) {
    if (address == null) {
      return null;
    }
    String bare = address.strip();
    if (bare.regionMatches(true, 0, "mailto:", 0, 7)) {
      bare = bare.substring(7);
    }
    return Mailbox.isDeliverable(bare) ? Mailbox.of(bare) : null;
  }
}
