package org.convene.scheduler.inbox;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.List;
import org.convene.scheduler.security.MeetingAccess;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * For ops: the reply messages the mailbox reader handed over and what became of each, above all
 * those refused (a cancelled meeting, an unknown UID, a PARTSTAT that is no answer), with the
 * reason.
 */
@RestController
@RequestMapping(path = "/api/replies", produces = MediaType.APPLICATION_JSON_VALUE)
class ReceivedRepliesController {

  private final ReceivedReplies replies;
  private final MeetingAccess access;

  ReceivedRepliesController(ReceivedReplies replies, MeetingAccess access) {
    this.replies = replies;
    this.access = access;
  }

  @GetMapping
  List<ReceivedReplies.Received> latest(
      @RequestParam(required = false) ReceivedReplies.Outcome outcome,
      @RequestParam(defaultValue = "50") @Min(1) @Max(500) int limit) {
    if (!access.callerIsOps()) {
      throw new AccessDeniedException("Only ops read the received replies.");
    }
    return replies.latest(outcome, limit);
  }
}
