package io.cryptolakehouse.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicInteger;
import org.apache.iceberg.exceptions.CommitFailedException;
import org.apache.iceberg.exceptions.ValidationException;
import org.junit.jupiter.api.Test;

class IcebergConflictsTest {

  @Test
  void retriesALostCommitRaceUntilItSucceeds() {
    AtomicInteger attempts = new AtomicInteger();

    String result =
        IcebergConflicts.retry(
            "test",
            () -> {
              if (attempts.incrementAndGet() < 3) {
                throw new RuntimeException(
                    "wrapped", new ValidationException("Missing required files to delete"));
              }
              return "done";
            });

    assertThat(result).isEqualTo("done");
    assertThat(attempts).hasValue(3);
  }

  @Test
  void givesUpAfterTheLastAttempt() {
    AtomicInteger attempts = new AtomicInteger();

    assertThatThrownBy(
            () ->
                IcebergConflicts.retry(
                    "test",
                    () -> {
                      attempts.incrementAndGet();
                      throw new CommitFailedException("metadata changed");
                    }))
        .isInstanceOf(CommitFailedException.class);
    assertThat(attempts).hasValue(IcebergConflicts.ATTEMPTS);
  }

  @Test
  void anyOtherErrorIsNotRetried() {
    AtomicInteger attempts = new AtomicInteger();

    assertThatThrownBy(
            () ->
                IcebergConflicts.retry(
                    "test",
                    () -> {
                      attempts.incrementAndGet();
                      throw new IllegalArgumentException("bad SQL");
                    }))
        .hasMessage("bad SQL");
    assertThat(attempts).hasValue(1);
  }
}
