package org.convene.scheduler.system;

/** A change arrived without {@code If-Match} (answered with 428), so it could overwrite another. */
public class PreconditionRequiredException extends RuntimeException {

  public PreconditionRequiredException() {
    super(
        "Changes need an If-Match header with the meeting's current ETag (its revision), e.g. If-Match: \"3\".");
  }
}
