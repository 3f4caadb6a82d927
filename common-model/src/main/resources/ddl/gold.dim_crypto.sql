-- SCD Type 2 on the CoinGecko id; a new version only when an attribute changes.
CREATE TABLE IF NOT EXISTS {table} (
  crypto_id BIGINT COMMENT 'Surrogate key of this version',
  coin_id STRING COMMENT 'Business key: CoinGecko id',
  symbol STRING,
  name STRING,
  category STRING,
  market_cap_rank INT,
  valid_from TIMESTAMP,
  valid_to TIMESTAMP COMMENT 'Null for the current version',
  is_current BOOLEAN
)
USING iceberg
TBLPROPERTIES (
  'format-version' = '2',
  'write.parquet.compression-codec' = 'zstd',
  'write.metadata.delete-after-commit.enabled' = 'true',
  'write.metadata.previous-versions-max' = '100',
  -- Commit by compare-and-swap in the metastore (HIVE-26882, Hive 2.3.10+/4.0+) instead of Hive
  -- locks: a writer killed mid-commit can leave a lock that blocks every later commit.
  'engine.hive.lock-enabled' = 'false'
)
