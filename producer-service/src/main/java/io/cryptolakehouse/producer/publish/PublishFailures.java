package io.cryptolakehouse.producer.publish;

import java.util.Locale;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.common.errors.ApiException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.SerializationException;
import org.springframework.kafka.KafkaException;

/** Tells a publish failure that may pass (a broker away) from one no retry can change. */
final class PublishFailures {

  private PublishFailures() {}

  /**
   * Kafka marks the transient errors (timeouts, a leader moving, a broker unreachable) as {@link
   * RetriableException}. Its other API errors — record too large, authorization, an invalid topic —
   * and a value that cannot be serialised fail the same way every time. Anything else (a client
   * problem we did not foresee) is retried: dropping data is the worse mistake.
   */
  static boolean isRetriable(Throwable failure) {
    if (failure instanceof RetriableException) {
      return true;
    }
    return !(failure instanceof ApiException || failure instanceof SerializationException);
  }

  /**
   * A send that waited {@code max.block.ms} for the topic's metadata: the broker is away, or it
   * does not have the topic (Kafka reports both the same way; {@link TopicCheck} tells them apart).
   */
  static boolean isMetadataTimeout(Throwable failure) {
    return failure instanceof org.apache.kafka.common.errors.TimeoutException
        && String.valueOf(failure.getMessage()).contains("not present in metadata");
  }

  /** The {@code reason} tag of the dropped counter: the exception's simple name, kebab-cased. */
  static String reasonOf(Throwable failure) {
    String name = failure.getClass().getSimpleName().replaceAll("Exception$", "");
    return name.replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
  }

  /**
   * Spring ({@code KafkaException: Send failed}, {@code KafkaProducerException}) and the futures
   * wrap Kafka's exception; the decision is made on Kafka's own.
   */
  static Throwable rootOf(Throwable failure) {
    Throwable t = failure;
    while ((t instanceof KafkaException
            || t instanceof ExecutionException
            || t instanceof CompletionException)
        && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }
}
