-- Q3a. What was a coin's price exactly 2 hours ago, as the lakehouse knew it then?
-- Iceberg time travel: reads the Silver snapshot that was current at :as_of - 2 hours, so
-- observations that arrived later (late data, backfills) are not seen.
-- Compare with q3_price_2h_ago_event_time.sql, which answers with everything known now.
-- Parameters: :coin, :as_of, :simulated.
SELECT max(api_timestamp) AS observed_at,
       max_by(price_usd, api_timestamp) AS price_usd
FROM silver.crypto_prices_clean TIMESTAMP AS OF :as_of - INTERVAL 2 HOURS
WHERE crypto_symbol = :coin AND is_simulated = :simulated
