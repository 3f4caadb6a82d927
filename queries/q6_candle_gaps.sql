-- Q6. Where are the gaps? For each coin and interval (1m, 5m, 15m, 1h), over the day before
-- :as_of: how many whole buckets have no candle (no observation there: no price is invented), and
-- the first and last of them. The bucket :as_of falls in is still forming and is left out.
-- Parameters: :as_of, :simulated.
WITH intervals AS (
  SELECT * FROM VALUES ('1m', 60), ('5m', 300), ('15m', 900), ('1h', 3600)
    AS t(bucket_interval, seconds)
),
coins AS (
  SELECT DISTINCT coin_id FROM gold.fact_crypto_candles
  WHERE is_simulated = :simulated
    AND bucket_start >= :as_of - INTERVAL 1 DAY AND bucket_start < :as_of
),
expected AS (
  SELECT c.coin_id, i.bucket_interval,
         explode(sequence(
           timestamp_seconds((unix_seconds(:as_of) - 86400 + i.seconds - 1) div i.seconds * i.seconds),
           timestamp_seconds(unix_seconds(:as_of) div i.seconds * i.seconds - i.seconds),
           make_dt_interval(0, 0, 0, i.seconds))) AS bucket_start
  FROM coins c CROSS JOIN intervals i
),
missing AS (
  SELECT e.* FROM expected e
  LEFT ANTI JOIN (
    SELECT coin_id, bucket_interval, bucket_start FROM gold.fact_crypto_candles
    WHERE is_simulated = :simulated
      AND bucket_start >= :as_of - INTERVAL 1 DAY AND bucket_start < :as_of
  ) k
  ON e.coin_id = k.coin_id AND e.bucket_interval = k.bucket_interval
     AND e.bucket_start = k.bucket_start
)
SELECT e.coin_id, e.bucket_interval,
       count(*) AS buckets,
       count(m.bucket_start) AS missing,
       min(m.bucket_start) AS first_missing,
       max(m.bucket_start) AS last_missing
FROM expected e
LEFT JOIN missing m
  ON e.coin_id = m.coin_id AND e.bucket_interval = m.bucket_interval
     AND e.bucket_start = m.bucket_start
GROUP BY e.coin_id, e.bucket_interval
ORDER BY e.coin_id, buckets DESC  -- 1m, 5m, 15m, 1h
