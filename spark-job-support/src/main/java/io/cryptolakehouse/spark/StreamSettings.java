package io.cryptolakehouse.spark;

/**
 * Where a job's queries keep their checkpoints (one directory per query, never shared), how often
 * they trigger, and whether a reader without a checkpoint may start over a source whose early
 * history was expired ({@link StreamHistory}).
 */
public record StreamSettings(String checkpointRoot, String trigger, boolean allowPartialHistory) {

  public static final String CHECKPOINT_DIR = JobSettings.PREFIX + "checkpoint-dir";
  public static final String TRIGGER = JobSettings.PREFIX + "trigger";

  public StreamSettings {
    StreamTrigger.parse(TRIGGER, trigger); // fail at startup, not at the first query
  }

  public static StreamSettings from(JobSettings settings, String defaultTrigger) {
    return new StreamSettings(
        settings.string(CHECKPOINT_DIR, "s3a://warehouse/_checkpoints"),
        settings.string(TRIGGER, defaultTrigger),
        settings.bool(StreamHistory.ALLOW_PARTIAL_HISTORY, false));
  }

  /** The checkpoint directory of one query. */
  public String checkpointFor(String queryName) {
    return checkpointRoot.replaceAll("/+$", "") + "/" + queryName;
  }
}
