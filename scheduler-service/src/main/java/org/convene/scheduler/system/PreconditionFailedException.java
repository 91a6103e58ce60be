package org.convene.scheduler.system;

/** The change was made against a revision that is no longer the current one (answered with 412). */
public class PreconditionFailedException extends RuntimeException {

  private final long currentRevision;

  /**
   * @param ifMatch the condition as the client sent it
   */
  public PreconditionFailedException(String ifMatch, long currentRevision) {
    super(
        "The current ETag is \""
            + currentRevision
            + "\", which does not match If-Match: "
            + ifMatch
            + (ifMatch.contains("W/")
                ? " (If-Match compares strongly: a weak tag never matches)"
                : "")
            + ". Somebody may have changed it meanwhile: read it again and redo your change on the current revision.");
    this.currentRevision = currentRevision;
  }

  public long currentRevision() {
    return currentRevision;
  }
}
