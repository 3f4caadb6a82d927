-- Q3b. What was a coin's price exactly 2 hours ago, by event time?
-- The latest observation whose CoinGecko timestamp is at or before :as_of - 2 hours, using all data
-- known now (including observations that arrived late). Usually the same answer as the time-travel
-- query; they differ when data for that moment arrived after it (outage, backfill).
-- Parameters: :coin, :as_of, :simulated.
SELECT max(api_timestamp) AS observed_at,
       max_by(price_usd, api_timestamp) AS price_usd
FROM gold.fact_crypto_ticks
WHERE coin_id = :coin AND is_simulated = :simulated AND api_timestamp <= :as_of - INTERVAL 2 HOURS
