-- Grain: one row per coin per hour. Open/close are the prices at the earliest/latest api_timestamp.
CREATE TABLE IF NOT EXISTS {table} (
  coin_id STRING,
  hour_start TIMESTAMP,
  hour_end TIMESTAMP,
  open_price DECIMAL(38,18),
  high_price DECIMAL(38,18),
  low_price DECIMAL(38,18),
  close_price DECIMAL(38,18),
  avg_price DECIMAL(38,18),
  last_volume_24h DECIMAL(38,8) COMMENT 'Rolling 24 h volume at the last tick of the hour (not a sum)',
  tick_count BIGINT,
  is_simulated BOOLEAN
)
USING iceberg
PARTITIONED BY (days(hour_start))
TBLPROPERTIES (
  'format-version' = '2',
  'write.parquet.compression-codec' = 'zstd',
  'write.metadata.delete-after-commit.enabled' = 'true',
  'write.metadata.previous-versions-max' = '100',
  -- Commit by compare-and-swap in the metastore (HIVE-26882, Hive 2.3.10+/4.0+) instead of Hive
  -- locks: a writer killed mid-commit can leave a lock that blocks every later commit.
  'engine.hive.lock-enabled' = 'false'
)
;
-- Files sorted by coin then time: a query for one coin over a time range reads few files.
ALTER TABLE {table} WRITE ORDERED BY coin_id, hour_start
