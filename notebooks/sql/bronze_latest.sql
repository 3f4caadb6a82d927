-- The newest Bronze records: Kafka coordinates and the raw payload, exactly as received.
SELECT kafka_topic, kafka_partition, kafka_offset, kafka_timestamp, ingestion_timestamp,
       substr(raw_payload, 1, 160) AS payload_start
FROM bronze.crypto_ticks_raw
ORDER BY ingestion_timestamp DESC, kafka_offset DESC
LIMIT 10
