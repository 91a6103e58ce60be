package org.convene.infra;

/**
 * The local stack could not start: a jar is missing, a service exited or never became healthy. The
 * message says what happened and what to do, in one line; the user sees no stack trace.
 */
public final class StartupException extends RuntimeException {

  public StartupException(String message) {
    super(message);
  }

  public StartupException(String message, Throwable cause) {
    super(message, cause);
  }
}
