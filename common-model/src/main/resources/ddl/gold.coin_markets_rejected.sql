-- Quarantine of coin-markets records: every Bronze /coins/markets record (or coin inside it) that
-- dim_crypto could not use, and why. Unique key: (bronze_partition, bronze_offset, coin_id, rule).
-- Partitioned by the Bronze ingestion day so a re-read finds its earlier rejects in the same
-- partitions.
CREATE TABLE IF NOT EXISTS {table} (
  rule STRING COMMENT 'Name of the validation rule that rejected the record',
  detail STRING COMMENT 'Human-readable reason',
  coin_id STRING COMMENT 'CoinGecko id when known; null when the whole record was rejected',
  rejected_record STRING COMMENT 'The rejected coin object, or the payload (truncated) for whole records',
  ingestion_timestamp TIMESTAMP COMMENT 'Bronze ingestion time',
  bronze_partition INT COMMENT 'Lineage: Kafka partition of the Bronze row',
  bronze_offset BIGINT COMMENT 'Lineage: Kafka offset of the Bronze row',
  rejected_at TIMESTAMP COMMENT 'When Gold rejected it'
)
USING iceberg
PARTITIONED BY (days(ingestion_timestamp))
TBLPROPERTIES (
  'format-version' = '2',
  'write.parquet.compression-codec' = 'zstd',
  'write.metadata.delete-after-commit.enabled' = 'true',
  'write.metadata.previous-versions-max' = '100',
  -- Commit by compare-and-swap in the metastore (HIVE-26882, Hive 2.3.10+/4.0+) instead of Hive
  -- locks: a writer killed mid-commit can leave a lock that blocks every later commit.
  'engine.hive.lock-enabled' = 'false'
)
