package org.convene.scheduler.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.convene.scheduler.meeting.MeetingView;

/**
 * A form that changes a meeting. It carries the revision it was read at (the pages' If-Match) and
 * what the meeting looked like then, so that a stale submit can say what changed meanwhile instead
 * of overwriting it. A bean with setters, since the form binding fills it.
 */
public class ChangeForm {

  private long revision;
  private String readTitle;
  private String readTime;
  private int readParticipants;
  private int readAgenda;
  private String readStatus;

  private String title;
  private String description;
  private String location;
  private String onlineLink;
  private String start;
  private String end;
  private String timeZone;
  private String reason;

  /** One thing that differs between the meeting as the form read it and as it is now. */
  record Difference(String what, String before, String after) {}

  static ChangeForm readFrom(MeetingView meeting) {
    ChangeForm form = new ChangeForm();
    form.title = meeting.title();
    form.description = meeting.description();
    form.location = meeting.location();
    form.onlineLink = meeting.onlineLink();
    form.start = meeting.start().toString();
    form.end = meeting.end().toString();
    form.timeZone = meeting.timeZone();
    form.rememberRead(meeting);
    return form;
  }

  /**
   * Takes the meeting as it is now as the state this form was read at; the organiser's own values
   * stay.
   */
  void rememberRead(MeetingView meeting) {
    revision = meeting.revision();
    readTitle = meeting.title();
    readTime = timeOf(meeting);
    readParticipants = meeting.participants().size();
    readAgenda = meeting.agenda().size();
    readStatus = meeting.status().name();
  }

  /** What differs between the meeting as this form read it and {@code current}. */
  List<Difference> differencesTo(MeetingView current) {
    List<Difference> differences = new ArrayList<>();
    compare(differences, "conflict.status", readStatus, current.status().name());
    compare(differences, "conflict.title", readTitle, current.title());
    compare(differences, "conflict.time", readTime, timeOf(current));
    compare(
        differences,
        "conflict.participants",
        Integer.toString(readParticipants),
        Integer.toString(current.participants().size()));
    compare(
        differences,
        "conflict.agenda",
        Integer.toString(readAgenda),
        Integer.toString(current.agenda().size()));
    if (differences.isEmpty()) {
      differences.add(
          new Difference(
              "conflict.other", Long.toString(revision), Long.toString(current.revision())));
    }
    return differences;
  }

  private static void compare(
      List<Difference> differences, String what, String before, String after) {
    if (!Objects.equals(before, after)) {
      differences.add(new Difference(what, before, after));
    }
  }

  private static String timeOf(MeetingView meeting) {
    return TimeText.span(
        meeting.start().atZone(java.time.ZoneId.of(meeting.timeZone())),
        meeting.end().atZone(java.time.ZoneId.of(meeting.timeZone())),
        Locale.ROOT);
  }

  /** The If-Match header the API would have been sent. */
  String ifMatch() {
    return "\"" + revision + "\"";
  }

  public long getRevision() {
    return revision;
  }

  public void setRevision(long revision) {
    this.revision = revision;
  }

  public String getReadTitle() {
    return readTitle;
  }

  public void setReadTitle(String readTitle) {
    this.readTitle = readTitle;
  }

  public String getReadTime() {
    return readTime;
  }

  public void setReadTime(String readTime) {
    this.readTime = readTime;
  }

  public int getReadParticipants() {
    return readParticipants;
  }

  public void setReadParticipants(int readParticipants) {
    this.readParticipants = readParticipants;
  }

  public int getReadAgenda() {
    return readAgenda;
  }

  public void setReadAgenda(int readAgenda) {
    this.readAgenda = readAgenda;
  }

  public String getReadStatus() {
    return readStatus;
  }

  public void setReadStatus(String readStatus) {
    this.readStatus = readStatus;
  }

  public String getTitle() {
    return title;
  }

  public void setTitle(String title) {
    this.title = title;
  }

  public String getDescription() {
    return description;
  }

  public void setDescription(String description) {
    this.description = description;
  }

  public String getLocation() {
    return location;
  }

  public void setLocation(String location) {
    this.location = location;
  }

  public String getOnlineLink() {
    return onlineLink;
  }

  public void setOnlineLink(String onlineLink) {
    this.onlineLink = onlineLink;
  }

  public String getStart() {
    return start;
  }

  public void setStart(String start) {
    this.start = start;
  }

  public String getEnd() {
    return end;
  }

  public void setEnd(String end) {
    this.end = end;
  }

  public String getTimeZone() {
    return timeZone;
  }

  public void setTimeZone(String timeZone) {
    this.timeZone = timeZone;
  }

  public String getReason() {
    return reason;
  }

  public void setReason(String reason) {
    this.reason = reason;
  }
}
