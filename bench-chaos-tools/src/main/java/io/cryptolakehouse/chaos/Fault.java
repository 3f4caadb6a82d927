package io.cryptolakehouse.chaos;

import java.time.Duration;
import java.time.Instant;

/**
 * One injected fault: what, on which part, when, and how long until the pipeline committed new data
 * again (null if it did not within the scenario's patience — reported, and the run fails).
 */
record Fault(String kind, String target, Instant at, Duration recovery) {

  boolean recovered() {
    return recovery != null;
  }
}
