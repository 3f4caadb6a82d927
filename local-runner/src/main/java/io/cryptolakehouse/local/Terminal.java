package io.cryptolakehouse.local;

import java.io.PrintStream;

/**
 * The console of {@code run-local.sh}. What it prints is the command's output (results, the status
 * view, one-line errors), not diagnostics: those go through SLF4J to the log file under the data
 * directory, so Spark, Hadoop and Kafka never flood the screen.
 */
final class Terminal {

  private static final String CLEAR = "\033[H\033[2J";

  private final PrintStream out;
  private final PrintStream err;
  private final boolean interactive;

  Terminal(PrintStream out, PrintStream err, boolean interactive) {
    this.out = out;
    this.err = err;
    this.interactive = interactive;
  }

  /** Whether stdout is a terminal (a live view redraws) or a pipe/file (it appends). */
  boolean interactive() {
    return interactive;
  }

  void line(String text) {
    out.println(text);
    out.flush();
  }

  /** A progress or warning message, on stderr so stdout stays machine-readable. */
  void note(String text) {
    err.println(text);
    err.flush();
  }

  void redraw(String screen) {
    out.print(CLEAR);
    out.print(screen);
    out.flush();
  }
}
