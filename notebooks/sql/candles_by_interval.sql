-- One coin's candles at one interval (1m, 5m, 15m, 1h or 1d), oldest first: a bucket without
-- observations has no row, so the chart shows it as a gap.
SELECT bucket_start, bucket_end, open_price, high_price, low_price, close_price, tick_count
FROM gold.fact_crypto_candles
WHERE coin_id = :coin AND bucket_interval = :interval AND is_simulated = :simulated
ORDER BY bucket_start
