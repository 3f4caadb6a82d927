package io.cryptolakehouse.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cryptolakehouse.local.support.UsageError;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class SqlCommandTest {

  private static final Path QUERIES = Path.of("..", "queries").toAbsolutePath().normalize();

  private static SqlCommand command() {
    PrintStream sink = new PrintStream(new ByteArrayOutputStream());
    return new SqlCommand(
        Options.parse(new String[] {"query", "x"}).common(),
        new Terminal(sink, sink, false),
        QUERIES);
  }

  @Test
  void findsABusinessQuestionByItsNumberOrFullName() {
    assertThat(command().resolve("q1").getFileName().toString())
        .isEqualTo("q1_current_price_and_1h_change.sql");
    assertThat(command().resolve("q3_price_2h_ago_time_travel").getFileName().toString())
        .isEqualTo("q3_price_2h_ago_time_travel.sql");
    assertThat(command().resolve("q5_top10_24h_volume.sql")).exists();
  }

  @Test
  void anAmbiguousOrUnknownNameListsTheChoices() {
    assertThatThrownBy(() -> command().resolve("q3"))
        .isInstanceOf(UsageError.class)
        .hasMessageContaining("'q3' is ambiguous")
        .hasMessageContaining("q3_price_2h_ago_event_time")
        .hasMessageContaining("q3_price_2h_ago_time_travel");
    assertThatThrownBy(() -> command().resolve("q9"))
        .hasMessageContaining("no query named 'q9'")
        .hasMessageContaining("q1_current_price_and_1h_change");
  }
}
