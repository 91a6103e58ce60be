package org.convene.scheduler.meeting.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.convene.scheduler.meeting.domain.Meetings.LIMITS;
import static org.convene.scheduler.meeting.domain.Meetings.after;
import static org.convene.scheduler.meeting.domain.Meetings.brokenFields;
import static org.convene.scheduler.meeting.domain.Meetings.change;
import static org.convene.scheduler.meeting.domain.Meetings.scheduled;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Groups become participants; a direct invitation wins; presenters stay. */
class GroupExpansionTests {

  private static final GroupId DISTRICTS = GroupId.random();

  @Test
  void membersJoinInTheGroupsRoleUnlessInvitedDirectly() {
    Meeting meeting = scheduled();
    InvitedGroup group =
        group(
            ParticipantRole.NON_VOTING,
            member("Zhang Wei", "zhang.wei@dongcheng.example.org"),
            member("Shen Jie", "SHEN.JIE@bast.example.org"));

    Outcome outcome = meeting.regroup(List.of(group), LIMITS);

    Participant zhang =
        new Participant(
            "Zhang Wei",
            Mailbox.of("zhang.wei@dongcheng.example.org"),
            ParticipantRole.NON_VOTING,
            null,
            null,
            "District associations");
    assertThat(change(outcome))
        .isEqualTo(new MeetingChange.ParticipantsChanged(List.of(zhang), List.of(), List.of()));
    assertThat(after(outcome).participants())
        .extracting(Participant::role, Participant::group)
        .startsWith(org.assertj.core.groups.Tuple.tuple(ParticipantRole.CHAIR, null));
  }

  @Test
  void aMemberWhoLeftTheGroupIsRemovedUnlessPresenting() {
    Meeting meeting =
        after(
            scheduled()
                .regroup(
                    List.of(
                        group(
                            ParticipantRole.VOTING,
                            member("Zhang Wei", "zhang.wei@dongcheng.example.org"),
                            member("Yang Fang", "yang.fang@xicheng.example.org")))));
    AgendaItem first = meeting.agenda().getFirst();
    Meeting presenting =
        after(
            meeting.editAgendaItem(
                first.id(),
                new Drafts.AgendaItemEdit(
                    null, true, Mailbox.of("yang.fang@xicheng.example.org"), null, null, null),
                LIMITS));

    Outcome outcome = presenting.regroup(List.of(group(ParticipantRole.VOTING)));

    Participant zhang =
        presenting.participants().stream()
            .filter(p -> p.name().equals("Zhang Wei"))
            .findFirst()
            .orElseThrow();
    assertThat(change(outcome))
        .isEqualTo(new MeetingChange.ParticipantsChanged(List.of(), List.of(zhang), List.of()));
    assertThat(after(outcome).participants())
        .filteredOn(p -> p.name().equals("Yang Fang"))
        .singleElement()
        .satisfies(p -> assertThat(p.group()).isNull());
  }

  @Test
  void unchangedMembershipChangesNothing() {
    InvitedGroup group =
        group(ParticipantRole.VOTING, member("Zhang Wei", "zhang.wei@dongcheng.example.org"));
    Meeting meeting = after(scheduled().regroup(List.of(group)));
    assertThat(meeting.regroup(List.of(group))).isEqualTo(new Outcome.Unchanged(meeting));
  }

  @Test
  void theOrganisersInvitationMustKeepTheParticipantLimitButTheSystemsNeedNot() {
    InvitedGroup large =
        group(
            ParticipantRole.VOTING,
            IntStream.range(0, LIMITS.maxParticipants())
                .mapToObj(i -> member("Member " + i, "member" + i + "@bast.example.org"))
                .toArray(InvitedGroup.Member[]::new));
    Meeting meeting = scheduled();

    assertThat(brokenFields(meeting.regroup(List.of(large), LIMITS)))
        .containsExactly("participants");
    assertThat(after(meeting.regroup(List.of(large))).participants())
        .hasSize(LIMITS.maxParticipants() + 3);
  }

  private static InvitedGroup group(ParticipantRole role, InvitedGroup.Member... members) {
    return new InvitedGroup(DISTRICTS, "District associations", role, List.of(members));
  }

  private static InvitedGroup.Member member(String name, String email) {
    return new InvitedGroup.Member(name, Mailbox.of(email), null, null);
  }
}
