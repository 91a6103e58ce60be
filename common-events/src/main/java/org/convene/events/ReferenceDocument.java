package org.convene.events;

import java.util.Objects;

/**
 * A document the participants should read, such as the regulations a meeting studies.
 *
 * @param title the document's title
 * @param url where to read it
 */
public record ReferenceDocument(String title, String url) {

  public ReferenceDocument {
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(url, "url");
  }
}
