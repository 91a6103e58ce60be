package org.convene.infra;

/**
 * A command-line option of the local stack is malformed, unknown or unusable (such as a port that
 * is already taken). The message names the option and says what is wrong, in one line.
 */
public final class InvalidOptionException extends RuntimeException {

  public InvalidOptionException(String option, String problem) {
    super(option + ": " + problem);
  }
}
