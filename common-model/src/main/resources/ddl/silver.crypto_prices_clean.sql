-- Silver: one typed, validated row per coin per observation (CoinGecko id, last_updated_at).
-- Prices are DECIMAL(38,18), not DECIMAL(18,8): 2.02027e-10 (a real price) would round to 0 there.
CREATE TABLE IF NOT EXISTS {table} (
  crypto_symbol STRING COMMENT 'CoinGecko id, e.g. bitcoin (the column keeps its historic name; ids are unique, symbols are not)',
  price_usd DECIMAL(38,18) COMMENT 'Price in USD',
  volume_24h DECIMAL(38,8) COMMENT 'Rolling 24 h trading volume in USD as reported (never sum it)',
  market_cap_usd DECIMAL(38,8) COMMENT 'Market capitalisation in USD',
  percent_change_24h DECIMAL(38,18) COMMENT 'Rolling 24 h price change in percent',
  api_timestamp TIMESTAMP COMMENT 'CoinGecko last_updated_at: when the price was observed',
  processing_timestamp TIMESTAMP COMMENT 'When Silver wrote the row',
  ingestion_timestamp TIMESTAMP COMMENT 'Bronze ingestion time of the source message',
  source STRING COMMENT 'coingecko | simulated | replay | backfill',
  is_simulated BOOLEAN COMMENT 'True for generated data, which must never mix silently with real prices',
  bronze_partition INT COMMENT 'Lineage: Kafka partition of the Bronze row',
  bronze_offset BIGINT COMMENT 'Lineage: Kafka offset of the Bronze row'
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
  'engine.hive.lock-enabled' = 'false',
  'write.distribution-mode' = 'none'
)
