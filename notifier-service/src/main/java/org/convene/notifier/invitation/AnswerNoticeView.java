package org.convene.notifier.invitation;

/**
 * What a confirmation, quorum alert or nudge shows its one reader: texts made safe, the time in the
 * reader's zone and language, message keys chosen in Java ({@link AnswerNoticeViews}). Public only
 * for the Spring EL compiler, as {@link NoticeView} is.
 *
 * @param kind the {@link NoticeKind} name, which picks the subject and the sections
 * @param subjectKey message key of the subject line
 * @param introKey message key of the first sentence
 * @param answerKey for a confirmation, message key of the answer recorded; else {@code null}
 * @param channelKey for a confirmation, message key of how the answer arrived; else {@code null}
 * @param delegatedTo for a delegation, to whom; else {@code null}
 * @param comment the person's comment, one line; {@code null} when none
 * @param olderRevision for a confirmation, whether the answer was to an earlier version of the
 *     meeting than the one shown (it does not confirm the current time)
 * @param lead for a message at a lead time, how soon the meeting starts ("in 2 days"); else {@code
 *     null}
 * @param quorum for a quorum alert or a nudge, the quorum's figures; else {@code null}
 */
public record AnswerNoticeView(
    String languageTag,
    String kind,
    String subjectKey,
    String introKey,
    String recipientName,
    String title,
    String organiserName,
    String when,
    String answerKey,
    String channelKey,
    String delegatedTo,
    String comment,
    boolean olderRevision,
    String lead,
    QuorumLine quorum) {

  /** The quorum's figures: of {@code voters} voting members, {@code required} must attend. */
  public record QuorumLine(int voters, int required, int accepted, int tentative, int pending) {}
}
