-- Q2. Which coin has the highest volatility today (UTC)?
-- Volatility = sample standard deviation of log returns between consecutive observations of the day.
-- Parameters: :as_of (timestamp whose UTC day is "today"), :simulated (boolean).
SELECT coin_id, round(volatility, 8) AS volatility, observations, min_price, max_price
FROM gold.crypto_daily_volatility
WHERE day = to_date(:as_of) AND is_simulated = :simulated AND volatility IS NOT NULL
ORDER BY volatility DESC, coin_id
LIMIT 1
