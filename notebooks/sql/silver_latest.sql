-- Each coin's newest clean observation in Silver.
SELECT crypto_symbol, max_by(price_usd, api_timestamp) AS price_usd, max(api_timestamp) AS observed_at,
       count(*) AS observations, first(source) AS source
FROM silver.crypto_prices_clean
WHERE is_simulated = :simulated
GROUP BY crypto_symbol
ORDER BY crypto_symbol
