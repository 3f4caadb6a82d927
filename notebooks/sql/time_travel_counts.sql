-- Time travel: Silver as it was at :as_of, next to Silver now.
SELECT (SELECT count(*) FROM silver.crypto_prices_clean TIMESTAMP AS OF :as_of) AS rows_then,
       (SELECT count(*) FROM silver.crypto_prices_clean) AS rows_now
