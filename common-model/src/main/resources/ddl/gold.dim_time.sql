-- Minute grain, populated for the range the facts cover.
CREATE TABLE IF NOT EXISTS {table} (
  time_id BIGINT COMMENT 'yyyyMMddHHmm in UTC',
  ts TIMESTAMP COMMENT 'Start of the minute',
  minute INT,
  hour INT,
  day INT,
  month INT,
  quarter INT,
  year INT,
  day_of_week INT COMMENT '1 = Monday ... 7 = Sunday (ISO)',
  day_of_year INT,
  is_weekend BOOLEAN,
  date_str STRING COMMENT 'yyyy-MM-dd',
  time_str STRING COMMENT 'HH:mm'
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
