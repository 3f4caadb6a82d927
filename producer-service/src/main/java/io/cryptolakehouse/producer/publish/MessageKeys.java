package io.cryptolakehouse.producer.publish;

import io.cryptolakehouse.producer.source.ApiRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The Kafka key of an envelope: the same coin set always maps to the same key, hence the same
 * partition, so one coin set's history stays in order.
 */
final class MessageKeys {

  private MessageKeys() {}

  static String keyOf(ApiRequest request) {
    String ids = String.join(",", request.ids());
    if (ids.length() <= EnvelopePublisher.MAX_READABLE_KEY) {
      return ids;
    }
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(ids.getBytes(StandardCharsets.UTF_8));
      return "ids-sha256:" + HexFormat.of().formatHex(digest, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every JVM", e);
    }
  }
}
