package io.cryptolakehouse.model.envelope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SourceKindTest {

  @Test
  void roundTripsWireNamesAndTagsOnlyGeneratedDataAsSimulated() {
    for (SourceKind kind : SourceKind.values()) {
      assertThat(SourceKind.fromWireName(kind.wireName())).isEqualTo(kind);
    }
    assertThat(SourceKind.SIMULATED.simulated()).isTrue();
    assertThat(SourceKind.COINGECKO.simulated()).isFalse();
  }

  @Test
  void rejectsUnknownSourceListingTheAcceptedOnes() {
    assertThatThrownBy(() -> SourceKind.fromWireName("binance"))
        .hasMessageContaining("binance")
        .hasMessageContaining("coingecko");
  }
}
