package org.convene.notifier.invitation;

import java.util.List;

/**
 * What the mail templates show to one recipient: the meeting's text made safe, times formatted in
 * the recipient's zone and language, message keys chosen by kind and role, change descriptions
 * already worded. Templates only print it; every decision is made in Java ({@link NoticeViews}).
 *
 * <p>Public, with its parts, only so that the Spring EL compiler can turn the templates' property
 * reads into plain method calls (it compiles calls on public types only); nothing outside this
 * package uses it.
 *
 * @param languageTag the recipient's language, for {@code <html lang>}
 * @param kind the {@link NoticeKind} name, which picks the subject, the introduction and the
 *     sections
 * @param subjectKey message key of the subject line
 * @param introKey message key of the first sentence
 * @param lead for a reminder, how soon the meeting starts ("in 1 hour"); {@code null} otherwise
 * @param detailed whether the message shows the role note, description, agenda and documents: every
 *     kind but cancellations and withdrawals
 * @param when start and end in the recipient's zone, with the zone id
 * @param meetingWhen start and end in the meeting's zone, or {@code null} if that is the
 *     recipient's
 * @param zone the recipient's zone id, in which the agenda's times are given
 * @param onlineLink the link to join online if it is an absolute http(s) URL, else {@code null}
 * @param roleLabel the recipient's role, in their language
 * @param roleNote the sentence that tells the recipient what the role means, in their language
 * @param reason why the meeting was cancelled, or {@code null}
 * @param yoursHeadingKey message key of the heading of {@code yourChanges}
 * @param yourChanges changes that concern the recipient (their role, items they present), or in a
 *     reminder the items they present: shown first
 * @param changes the other changes since the recipient's last message
 * @param participants everybody with their role, for the chair only; empty for everyone else
 */
public record NoticeView(
    String languageTag,
    String kind,
    String subjectKey,
    String introKey,
    String lead,
    boolean detailed,
    String recipientName,
    String roleLabel,
    String roleNote,
    String title,
    String description,
    String organiserName,
    String when,
    String meetingWhen,
    String zone,
    String location,
    String onlineLink,
    String chairName,
    String reason,
    String yoursHeadingKey,
    List<String> yourChanges,
    List<String> changes,
    List<AgendaLine> agenda,
    List<DocumentLine> documents,
    List<ParticipantLine> participants) {

  /** The same view for another recipient name and role; every other field stays. */
  NoticeView withRecipient(String name, String roleLabel, String roleNote) {
    return new NoticeView(
        languageTag,
        kind,
        subjectKey,
        introKey,
        lead,
        detailed,
        name,
        roleLabel,
        roleNote,
        title,
        description,
        organiserName,
        when,
        meetingWhen,
        zone,
        location,
        onlineLink,
        chairName,
        reason,
        yoursHeadingKey,
        yourChanges,
        changes,
        agenda,
        documents,
        participants);
  }

  /**
   * One agenda item; {@code start} is the planned start time in the recipient's zone, {@code mine}
   * whether the recipient presents it.
   */
  public record AgendaLine(
      int number,
      String start,
      String title,
      String presenter,
      int durationMinutes,
      String notes,
      boolean mine) {}

  /** One reference document; {@code link} is {@code null} unless it is an http(s) URL. */
  public record DocumentLine(String title, String link) {}

  /**
   * One participant as the chair sees them; {@code group} is {@code null} unless invited through
   * one.
   */
  public record ParticipantLine(String name, String roleKey, String group) {}
}
