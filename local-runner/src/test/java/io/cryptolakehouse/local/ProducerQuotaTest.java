package io.cryptolakehouse.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class ProducerQuotaTest {

  private static String describe(String details) throws Exception {
    return ProducerQuota.describe(new ObjectMapper().readTree(details));
  }

  @Test
  void saysWhatThePollHealthSaysOfTheCredits() throws Exception {
    assertThat(describe("{\"pace\":1.0}")).isEmpty();
    assertThat(describe("{\"creditsRemaining\":90000,\"pace\":1.0}"))
        .isEqualTo(", 90000 API credits left this month");
    assertThat(describe("{\"creditsRemaining\":812,\"pace\":9.37}"))
        .isEqualTo(", 812 API credits left this month, polls 9.4x apart to last it");
    assertThat(
            describe(
                "{\"creditsRemaining\":0,\"pace\":3.0,\"waiting\":\"the month's API credits are"
                    + " used up; polling resumes 2027-01-01T00:00:00Z\"}"))
        .isEqualTo(", the month's API credits are used up; polling resumes 2027-01-01T00:00:00Z");
  }
}
