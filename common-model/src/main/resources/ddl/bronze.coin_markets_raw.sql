-- Bronze: every Kafka record of crypto.coin-markets.raw (coin attributes) exactly once, verbatim (append-only audit trail).
-- The first four columns are the raw record as PART-A's notebooks read it; then its Kafka metadata.
CREATE TABLE IF NOT EXISTS {table} (
  raw_payload STRING COMMENT 'Kafka record value as UTF-8, even when it is not JSON',
  ingestion_timestamp TIMESTAMP COMMENT 'When the record was written to Iceberg',
  kafka_offset BIGINT COMMENT 'Offset within kafka_partition',
  kafka_partition INT COMMENT 'Kafka partition',
  kafka_topic STRING COMMENT 'Kafka topic',
  kafka_key STRING COMMENT 'Kafka record key as UTF-8',
  kafka_timestamp TIMESTAMP COMMENT 'Kafka record timestamp (producer create time)'
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
  'engine.hive.lock-enabled' = 'false',
  -- Bronze is latency-bound; a hash shuffle before the write funnels a day into one task.
  'write.distribution-mode' = 'none'
)
;
-- raw_payload is a unique ~2 KB JSON text per row: a dictionary never pays off and min/max statistics
-- prune nothing, yet both were a third of the Bronze writers' CPU in a profile (docs/benchmarks.md).
-- Files of at most about 8 MB whatever the batch, as in bronze.crypto_ticks_raw: Gold's markets
-- query plans whole files too, so a catch-up's batch is written as several files, not one huge one.
-- An ALTER rather than CREATE properties, so tables created before this also get it.
-- zstd at its fastest level: compressing the payload is a large share of the writers' CPU, and a
-- catch-up ran faster at level 1 than at the default 3 (docs/benchmarks.md, ingest).
ALTER TABLE {table} SET TBLPROPERTIES (
  'write.target-file-size-bytes' = '8388608',
  'write.parquet.compression-level' = '1',
  'write.parquet.dict-encoding-enabled.column.raw_payload' = 'false',
  'write.parquet.stats-enabled.column.raw_payload' = 'false',
  'write.metadata.metrics.column.raw_payload' = 'counts'
)
