package io.cryptolakehouse.chaos;

import io.cryptolakehouse.local.support.Invariants;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code all}: every scenario in turn on one running pipeline, one drain, every check. */
final class AllScenarios implements Scenario {

  private final List<Scenario> scenarios;

  AllScenarios(List<Scenario> scenarios) {
    this.scenarios = List.copyOf(scenarios);
  }

  @Override
  public List<Fault> run(Context context) throws InterruptedException {
    List<Fault> faults = new ArrayList<>();
    for (Scenario scenario : scenarios) {
      faults.addAll(scenario.run(context));
    }
    return faults;
  }

  @Override
  public Invariants.Result check(Context context) {
    Map<String, Long> counts = new LinkedHashMap<>();
    List<String> violations = new ArrayList<>();
    for (Scenario scenario : scenarios) {
      Invariants.Result result = scenario.check(context);
      counts.putAll(result.counts());
      violations.addAll(result.violations());
    }
    return new Invariants.Result(counts, violations);
  }
}
