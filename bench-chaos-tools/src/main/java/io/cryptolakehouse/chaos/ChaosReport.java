package io.cryptolakehouse.chaos;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The JSON line's fields: faults and recovery times, job restarts, invariant counts. */
final class ChaosReport {

  private ChaosReport() {}

  static Map<String, Object> of(ChaosRun.Outcome outcome) {
    Map<String, Object> r = new LinkedHashMap<>();
    List<Fault> faults = outcome.faults();
    r.put("faults", faults.size());
    r.put("faults_recovered", faults.stream().filter(Fault::recovered).count());
    Map<String, Map<String, Object>> byTarget = new TreeMap<>();
    for (Fault f : faults) {
      Map<String, Object> t = byTarget.computeIfAbsent(f.target(), k -> new LinkedHashMap<>());
      t.merge("faults", 1, (a, b) -> (Integer) a + (Integer) b);
    }
    byTarget.forEach(
        (target, t) -> {
          List<Duration> times =
              faults.stream()
                  .filter(f -> f.target().equals(target) && f.recovered())
                  .map(Fault::recovery)
                  .sorted()
                  .toList();
          if (!times.isEmpty()) {
            t.put("recovery_s_p50", RunChaos.seconds(times.get(times.size() / 2)));
            t.put("recovery_s_max", RunChaos.seconds(times.get(times.size() - 1)));
          }
        });
    r.put("by_target", byTarget);
    Map<String, Map<String, Long>> exits = new TreeMap<>();
    for (LayerJobs.Exit e : outcome.exits()) {
      exits
          .computeIfAbsent(e.layer(), k -> new TreeMap<>())
          .merge(e.injected() ? "killed" : "exited_by_itself", 1L, Long::sum);
    }
    r.put("job_exits", exits);
    r.putAll(outcome.invariants().counts());
    r.putAll(outcome.scenarioChecks().counts());
    r.put(
        "violations",
        java.util.stream.Stream.concat(
                outcome.invariants().violations().stream(),
                outcome.scenarioChecks().violations().stream())
            .toList());
    r.put("elapsed_s", RunChaos.seconds(outcome.elapsed()));
    return r;
  }
}
