package org.convene.scheduler.meeting.domain;

import java.util.Objects;

/** A document the participants should read. */
public record Document(String title, String url) {

  public Document {
    title = Objects.requireNonNull(title, "title").strip();
    url = Objects.requireNonNull(url, "url").strip();
  }
}
