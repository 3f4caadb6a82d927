-- Hourly candles of one coin, oldest first (the notebook draws them).
SELECT hour_start, open_price, high_price, low_price, close_price, tick_count
FROM gold.fact_crypto_hourly
WHERE coin_id = :coin AND is_simulated = :simulated
ORDER BY hour_start
