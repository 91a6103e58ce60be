package org.convene.scheduler.answer.domain;

import org.convene.scheduler.meeting.domain.ParticipantRole;

/** The answers of the participants of one role. */
public record RoleTally(
    ParticipantRole role,
    int invited,
    int accepted,
    int tentative,
    int declined,
    int delegated,
    int pending) {}
