-- Daily per-coin volatility: sample standard deviation of log returns between observations.
CREATE TABLE IF NOT EXISTS {table} (
  coin_id STRING,
  day DATE,
  volatility DOUBLE COMMENT 'stddev_samp(ln(p_t / p_t-1)) over the day',
  observations BIGINT,
  min_price DECIMAL(38,18),
  max_price DECIMAL(38,18),
  is_simulated BOOLEAN
)
USING iceberg
PARTITIONED BY (months(day))
TBLPROPERTIES (
  'format-version' = '2',
  'write.parquet.compression-codec' = 'zstd',
  'write.metadata.delete-after-commit.enabled' = 'true',
  'write.metadata.previous-versions-max' = '100',
  -- Commit by compare-and-swap in the metastore (HIVE-26882, Hive 2.3.10+/4.0+) instead of Hive
  -- locks: a writer killed mid-commit can leave a lock that blocks every later commit.
  'engine.hive.lock-enabled' = 'false'
)
