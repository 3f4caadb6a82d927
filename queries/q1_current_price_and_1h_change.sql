-- Q1. What is a coin's current price, and how has it changed in the last hour?
-- Parameters: :coin (CoinGecko id, e.g. 'bitcoin'), :as_of (a timestamp; "now" is current_timestamp()),
--             :simulated (false for real data; true for the simulated source of local runs).
WITH ticks AS (
  SELECT api_timestamp, price_usd
  FROM gold.fact_crypto_ticks
  WHERE coin_id = :coin AND is_simulated = :simulated AND api_timestamp <= :as_of
),
latest AS (
  SELECT max_by(price_usd, api_timestamp) AS price_usd, max(api_timestamp) AS observed_at FROM ticks
),
hour_ago AS (
  SELECT max_by(price_usd, api_timestamp) AS price_usd, max(api_timestamp) AS observed_at
  FROM ticks WHERE api_timestamp <= :as_of - INTERVAL 1 HOUR
)
SELECT latest.observed_at,
       latest.price_usd,
       hour_ago.observed_at AS observed_1h_ago,
       hour_ago.price_usd AS price_1h_ago,
       round((latest.price_usd / hour_ago.price_usd - 1) * 100, 4) AS change_1h_pct
FROM latest CROSS JOIN hour_ago
