package org.convene.scheduler.meeting.domain;

/**
 * One broken rule, on the field a person would correct, such as {@code agenda[2].presenterEmail}.
 */
public record FieldProblem(String field, String message) {}
