-- Q5. What is the 24-hour trading volume of the top 10 coins (by market capitalisation)?
-- CoinGecko's usd_24h_vol is already a rolling 24-hour figure: take each coin's latest value,
-- never a sum. Only coins observed in the hour before :as_of count as current.
-- Parameters: :as_of, :simulated.
WITH latest AS (
  SELECT coin_id,
         max(api_timestamp) AS observed_at,
         max_by(volume_24h, api_timestamp) AS volume_24h,
         max_by(market_cap_usd, api_timestamp) AS market_cap_usd
  FROM gold.fact_crypto_ticks
  WHERE api_timestamp <= :as_of AND api_timestamp > :as_of - INTERVAL 1 HOUR AND is_simulated = :simulated
  GROUP BY coin_id
)
SELECT coin_id, volume_24h, market_cap_usd, observed_at
FROM latest
ORDER BY market_cap_usd DESC NULLS LAST, coin_id
LIMIT 10
