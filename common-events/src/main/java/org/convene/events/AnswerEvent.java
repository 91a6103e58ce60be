package org.convene.events;

/**
 * An event about the answers to a meeting rather than about the meeting itself. It travels with the
 * meeting's events (same topic, same key) so that it stays in order with them, but it does not
 * revise the meeting: {@link #revision()} is the meeting's current revision, unchanged, and the
 * next change of the meeting gets the next revision as before. Consumers that act on new revisions
 * of a meeting (invitations, updates, reminders) skip these events.
 */
public sealed interface AnswerEvent extends MeetingEvent
    permits AttendeeAnswered, QuorumChanged, QuorumRuleChanged {}
