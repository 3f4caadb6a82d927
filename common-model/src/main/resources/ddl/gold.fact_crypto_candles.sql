-- Grain: one row per coin, interval and bucket (1m, 5m, 15m, 1h, 1d; buckets aligned to UTC).
-- The hourly bar's rules at every interval: open/close are the prices at the earliest/latest
-- api_timestamp, never the arrival order. A bucket without observations has no row: a gap stays a
-- gap (queries/q6_candle_gaps.sql lists them); nothing carries a price forward in the stored data.
CREATE TABLE IF NOT EXISTS {table} (
  coin_id STRING,
  bucket_interval STRING COMMENT '1m, 5m, 15m, 1h or 1d',
  bucket_start TIMESTAMP,
  bucket_end TIMESTAMP,
  open_price DECIMAL(38,18),
  high_price DECIMAL(38,18),
  low_price DECIMAL(38,18),
  close_price DECIMAL(38,18),
  avg_price DECIMAL(38,18),
  last_volume_24h DECIMAL(38,8) COMMENT 'Rolling 24 h volume at the last tick of the bucket (not a sum)',
  tick_count BIGINT,
  is_simulated BOOLEAN
)
USING iceberg
-- By interval first: retention drops whole partitions of the small intervals (a metadata delete).
PARTITIONED BY (bucket_interval, days(bucket_start))
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
-- Files sorted by coin then time: one coin's candles over a range read few files.
ALTER TABLE {table} WRITE ORDERED BY coin_id, bucket_start
