package org.convene.scheduler.web;

import org.convene.scheduler.meeting.MeetingView;

/**
 * A form that adds or edits one agenda item, with the revision and state of the meeting it was read
 * at. The item's title is the inherited {@code title}, so that the API's refusals of {@code title}
 * land on it.
 */
public class ItemForm extends ChangeForm {

  private String presenterEmail;
  private String durationMinutes;
  private String notes;
  private String position;

  static ItemForm blank(MeetingView meeting) {
    ItemForm form = new ItemForm();
    form.durationMinutes = "15";
    form.rememberRead(meeting);
    return form;
  }

  static ItemForm of(MeetingView meeting, MeetingView.AgendaItemView item, int position) {
    ItemForm form = new ItemForm();
    form.setTitle(item.title());
    form.presenterEmail = item.presenterEmail();
    form.durationMinutes = Integer.toString(item.durationMinutes());
    form.notes = item.notes();
    form.position = Integer.toString(position);
    form.rememberRead(meeting);
    return form;
  }

  public String getPresenterEmail() {
    return presenterEmail;
  }

  public void setPresenterEmail(String presenterEmail) {
    this.presenterEmail = presenterEmail;
  }

  public String getDurationMinutes() {
    return durationMinutes;
  }

  public void setDurationMinutes(String durationMinutes) {
    this.durationMinutes = durationMinutes;
  }

  public String getNotes() {
    return notes;
  }

  public void setNotes(String notes) {
    this.notes = notes;
  }

  public String getPosition() {
    return position;
  }

  public void setPosition(String position) {
    this.position = position;
  }
}
