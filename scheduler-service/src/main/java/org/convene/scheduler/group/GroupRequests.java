package org.convene.scheduler.group;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;
import org.convene.scheduler.meeting.IanaZone;
import org.convene.scheduler.meeting.MailboxAddress;
import org.convene.scheduler.meeting.SingleLine;
import org.convene.scheduler.meeting.domain.ParticipantRole;

/** Bodies of the group requests; the pages send the same ones. */
public final class GroupRequests {

  private GroupRequests() {}

  public record MemberRequest(
      @NotBlank @Size(max = 200) @SingleLine String name,
      @NotBlank @MailboxAddress String email,
      @Pattern(regexp = "en|zh-CN", message = "must be en or zh-CN") String language,
      @IanaZone String timeZone) {}

  public record CreateGroupRequest(
      @NotBlank @Size(max = 200) @SingleLine String name,
      @NotNull @Size(max = 2_000) List<@NotNull @Valid MemberRequest> members) {}

  public record ReplaceMembersRequest(
      @NotNull @Size(max = 2_000) List<@NotNull @Valid MemberRequest> members) {}

  /** Invites a group to a meeting; every member takes part in this role (not CHAIR). */
  public record InviteGroupRequest(@NotNull UUID groupId, @NotNull ParticipantRole role) {}
}
