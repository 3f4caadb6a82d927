-- Q4. Which coins dropped more than 5% within 10 minutes (in the last 24 hours)?
-- One row per drop episode; threshold and window are the Gold job's settings
-- (spark.crypto.gold.drop-threshold-pct, spark.crypto.gold.drop-window-minutes).
-- Parameters: :as_of, :simulated.
SELECT coin_id, window_start, window_end, from_price, to_price, round(pct_change, 2) AS pct_change
FROM gold.price_drop_alerts
WHERE window_end > :as_of - INTERVAL 24 HOURS AND window_end <= :as_of AND is_simulated = :simulated
ORDER BY window_end DESC, coin_id
