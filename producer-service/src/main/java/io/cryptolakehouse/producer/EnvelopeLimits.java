package io.cryptolakehouse.producer;

import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;

/** Keeps the response-size cap below what Kafka will accept once the body is in its envelope. */
final class EnvelopeLimits {

  /** Room for the envelope's fields and the record's key and headers. */
  static final int ENVELOPE_OVERHEAD_BYTES = 64 * 1024;

  /** Kafka's own default for {@code max.request.size}. */
  private static final int KAFKA_DEFAULT_MAX_REQUEST = 1024 * 1024;

  private EnvelopeLimits() {}

  /**
   * The body travels as a JSON string, where every quote and backslash gains an escape: a body can
   * double. A cap that Kafka can exceed would turn large responses into records refused forever.
   */
  static void requireRoomForTheEnvelope(int maxResponseBytes, Map<String, Object> producerConfig) {
    Object configured = producerConfig.get(ProducerConfig.MAX_REQUEST_SIZE_CONFIG);
    long maxRequest =
        configured == null ? KAFKA_DEFAULT_MAX_REQUEST : Long.parseLong(configured.toString());
    long largestEnvelope = 2L * maxResponseBytes + ENVELOPE_OVERHEAD_BYTES;
    if (largestEnvelope > maxRequest) {
      throw new IllegalArgumentException(
          ("crypto.coingecko.max-response-bytes (COINGECKO_MAX_RESPONSE_BYTES) is %d: an escaped"
                  + " body in its envelope can reach %d bytes, more than"
                  + " spring.kafka.producer.properties.max.request.size (%d); use at most %d")
              .formatted(
                  maxResponseBytes,
                  largestEnvelope,
                  maxRequest,
                  (maxRequest - ENVELOPE_OVERHEAD_BYTES) / 2));
    }
  }
}
