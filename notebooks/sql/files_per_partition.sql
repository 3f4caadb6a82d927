-- Data files per day partition of the tick facts: small files pile up without maintenance.
SELECT partition, count(*) AS data_files, sum(record_count) AS records,
       sum(file_size_in_bytes) AS bytes
FROM gold.fact_crypto_ticks.files
GROUP BY partition
ORDER BY partition
