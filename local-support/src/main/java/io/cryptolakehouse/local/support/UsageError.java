package io.cryptolakehouse.local.support;

/**
 * A problem the user can fix (a bad option, a port in use, a locked data directory): reported as
 * one line on stderr and a non-zero exit, never as a stack trace.
 */
public final class UsageError extends RuntimeException {

  public UsageError(String message) {
    super(message);
  }
}
