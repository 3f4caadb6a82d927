package io.cryptolakehouse.dashboard.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ApiParametersTest {

  @Test
  void acceptsCoinGeckoIdsOnly() {
    assertThat(ApiParameters.coinId("avalanche-2")).isEqualTo("avalanche-2");
    for (String bad : new String[] {"BTC", "-x", "a b", "x;drop", "", "a".repeat(101)}) {
      assertThatThrownBy(() -> ApiParameters.coinId(bad))
          .isInstanceOf(BadRequest.class)
          .hasMessageStartingWith("coin must be a CoinGecko id");
    }
  }

  @Test
  void instantsAreIso8601AndOptional() {
    assertThat(ApiParameters.instant("from", "2026-11-25T10:00:00Z"))
        .isEqualTo(Instant.parse("2026-11-25T10:00:00Z"));
    assertThat(ApiParameters.instant("from", null)).isNull();
    assertThatThrownBy(() -> ApiParameters.instant("to", "2026-11-25"))
        .hasMessage("to must be an ISO-8601 instant like 2026-11-25T10:00:00Z, was '2026-11-25'");
  }

  @Test
  void limitsAreWholeNumbersInRange() {
    assertThat(ApiParameters.limit(null, 50, 1000)).isEqualTo(50);
    assertThat(ApiParameters.limit("1000", 50, 1000)).isEqualTo(1000);
    for (String bad : new String[] {"0", "1001", "-1", "ten", "1.5"}) {
      assertThatThrownBy(() -> ApiParameters.limit(bad, 50, 1000))
          .hasMessageStartingWith("limit must be a whole number 1..1000");
    }
  }

  @Test
  void rangesRunForwardAndAreBounded() {
    Instant t = Instant.parse("2026-11-25T00:00:00Z");
    ApiParameters.range(t, t.plusSeconds(92L * 86_400), 92);
    assertThatThrownBy(() -> ApiParameters.range(t, t, 92)).hasMessageContaining("must be before");
    assertThatThrownBy(() -> ApiParameters.range(t, t.plusSeconds(92L * 86_400 + 1), 92))
        .hasMessage("from..to spans more than 92 days; ask for less");
  }

  @Test
  void pricesAreExactDecimalStringsAndChangesHaveFourDecimals() {
    assertThat(Cells.decimal(new BigDecimal("67187.330000000000000000"))).isEqualTo("67187.33");
    assertThat(Cells.decimal(new BigDecimal("2.02027E-10"))).isEqualTo("0.000000000202027");
    assertThat(Cells.percentChange(new BigDecimal("95"), new BigDecimal("99")))
        .isEqualByComparingTo("4.2105");
    assertThat(Cells.percentChange(BigDecimal.ZERO, BigDecimal.ONE)).isNull();
    assertThat(Cells.percentChange(null, BigDecimal.ONE)).isNull();
  }
}
