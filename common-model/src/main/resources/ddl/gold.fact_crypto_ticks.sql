-- Grain: one row per coin per observation.
CREATE TABLE IF NOT EXISTS {table} (
  coin_id STRING,
  crypto_id BIGINT COMMENT 'FK dim_crypto (version current at api_timestamp)',
  time_id BIGINT COMMENT 'FK dim_time',
  api_timestamp TIMESTAMP,
  price_usd DECIMAL(38,18),
  volume_24h DECIMAL(38,8),
  market_cap_usd DECIMAL(38,8),
  percent_change_24h DECIMAL(38,18),
  source STRING,
  is_simulated BOOLEAN
)
USING iceberg
PARTITIONED BY (days(api_timestamp))
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
ALTER TABLE {table} WRITE ORDERED BY coin_id, api_timestamp
