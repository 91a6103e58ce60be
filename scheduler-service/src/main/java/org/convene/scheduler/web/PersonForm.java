package org.convene.scheduler.web;

import org.convene.scheduler.meeting.MeetingView;
import org.convene.scheduler.meeting.domain.ParticipantRole;

/**
 * A form that invites one person, with the revision and state of the meeting it was read at. The
 * time zone is the inherited {@code timeZone}.
 */
public class PersonForm extends ChangeForm {

  private String name;
  private String email;
  private String role = ParticipantRole.VOTING.name();
  private String language;

  static PersonForm blank(MeetingView meeting) {
    PersonForm form = new PersonForm();
    form.rememberRead(meeting);
    return form;
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public String getEmail() {
    return email;
  }

  public void setEmail(String email) {
    this.email = email;
  }

  public String getRole() {
    return role;
  }

  public void setRole(String role) {
    this.role = role;
  }

  public String getLanguage() {
    return language;
  }

  public void setLanguage(String language) {
    this.language = language;
  }
}
