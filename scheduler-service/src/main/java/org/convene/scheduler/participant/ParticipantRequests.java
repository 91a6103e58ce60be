package org.convene.scheduler.participant;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.convene.scheduler.meeting.IanaZone;
import org.convene.scheduler.meeting.MailboxAddress;
import org.convene.scheduler.meeting.SingleLine;
import org.convene.scheduler.meeting.domain.Drafts;
import org.convene.scheduler.meeting.domain.Mailbox;
import org.convene.scheduler.meeting.domain.Participant;
import org.convene.scheduler.meeting.domain.ParticipantRole;

/** Bodies of the participant requests; the pages send the same ones. */
public final class ParticipantRequests {

  private ParticipantRequests() {}

  /** Invites one person. */
  public record AddParticipantRequest(
      @NotBlank @Size(max = 200) @SingleLine String name,
      @NotBlank @MailboxAddress String email,
      @NotNull ParticipantRole role,
      @Pattern(regexp = "en|zh-CN", message = "must be en or zh-CN") String language,
      @IanaZone String timeZone) {

    public Participant toParticipant() {
      return Participant.direct(name, Mailbox.of(email), role, language, timeZone);
    }
  }

  /**
   * Changes an invited person; fields left out stay. Making someone CHAIR makes the current chair a
   * VOTING member.
   */
  public record ChangeParticipantRequest(
      @Size(max = 200) @SingleLine String name,
      ParticipantRole role,
      @Pattern(regexp = "en|zh-CN", message = "must be en or zh-CN") String language,
      @IanaZone String timeZone) {

    public Drafts.ParticipantEdit toEdit() {
      return new Drafts.ParticipantEdit(name, role, language, timeZone);
    }
  }
}
