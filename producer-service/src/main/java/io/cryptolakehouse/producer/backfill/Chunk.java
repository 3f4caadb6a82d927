package io.cryptolakehouse.producer.backfill;

import java.time.Instant;

/** One call's worth of history: a coin between two instants. */
record Chunk(String coin, Instant from, Instant to) {

  /** How the progress file names this chunk. */
  String key() {
    return coin + " " + from + " " + to;
  }
}
