-- One row per price-drop episode (not per tick).
CREATE TABLE IF NOT EXISTS {table} (
  alert_id STRING COMMENT 'Deterministic id: coin and episode start, so replays do not duplicate',
  coin_id STRING,
  window_start TIMESTAMP,
  window_end TIMESTAMP,
  from_price DECIMAL(38,18),
  to_price DECIMAL(38,18),
  pct_change DOUBLE,
  detected_at TIMESTAMP,
  is_simulated BOOLEAN
)
USING iceberg
PARTITIONED BY (days(window_start))
TBLPROPERTIES (
  'format-version' = '2',
  'write.parquet.compression-codec' = 'zstd',
  'write.metadata.delete-after-commit.enabled' = 'true',
  'write.metadata.previous-versions-max' = '100',
  -- Commit by compare-and-swap in the metastore (HIVE-26882, Hive 2.3.10+/4.0+) instead of Hive
  -- locks: a writer killed mid-commit can leave a lock that blocks every later commit.
  'engine.hive.lock-enabled' = 'false'
)
