package io.cryptolakehouse.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class PoisonRecordsTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private final List<PoisonRecords.Poison> round =
      PoisonRecords.round(3, Instant.parse("2026-11-26T06:00:00Z"));

  @Test
  void everyClassOnceWithItsOwnCoin() {
    assertThat(round).hasSize(16);
    assertThat(round.stream().map(PoisonRecords.Poison::coin).distinct()).hasSize(16);
    assertThat(round).allSatisfy(p -> assertThat(p.coin()).startsWith("chaos-3-"));
    assertThat(round.stream().filter(p -> p.cleanPrice() != null).map(PoisonRecords.Poison::label))
        .containsExactlyInAnyOrder("scientific_notation", "omitted_id");
  }

  @Test
  void bodiesTravelInRealEnvelopesExceptTheTwoThatAreNotEnvelopes() throws Exception {
    for (PoisonRecords.Poison p : round) {
      switch (p.label()) {
        case "null_record_value" -> assertThat(p.value()).isNull();
        case "not_an_envelope" -> assertThat(p.value()).startsWith("{{{");
        default -> {
          JsonNode envelope = JSON.readTree(p.value());
          assertThat(envelope.path("envelope_version").asInt()).isEqualTo(1);
          assertThat(envelope.path("endpoint").asText()).isEqualTo("/simple/price");
          assertThat(envelope.path("requested_ids").get(0).asText()).isEqualTo(p.coin());
          assertThat(envelope.path("body").isTextual()).isTrue();
        }
      }
    }
  }

  @Test
  void theLargeBodyIsOverOneMegabyteAndTruncated() throws Exception {
    PoisonRecords.Poison big =
        round.stream().filter(p -> p.label().equals("one_mb_truncated")).findFirst().orElseThrow();
    String body = JSON.readTree(big.value()).path("body").asText();
    assertThat(body.length()).isGreaterThan(1 << 20);
    assertThat(body).doesNotEndWith("}");
  }
}
