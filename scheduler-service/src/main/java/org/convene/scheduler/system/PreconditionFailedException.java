package org.convene.scheduler.system;

/** The change was made against a revision that is no longer the current one (answered with 412). */
public class PreconditionFailedException extends RuntimeException {

  private final long currentRevision;

  public PreconditionFailedException(long expected, long currentRevision) {
    super("The meeting is at revision " + currentRevision + ", not " + expected
        + ": somebody changed it meanwhile. Read it again and redo your change on the current revision.");
    this.currentRevision = currentRevision;
  }

  public long currentRevision() {
    return currentRevision;
  }
}
