package io.cryptolakehouse.local;

import io.cryptolakehouse.local.support.ServiceProcess;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/** The producer and dashboard a runner killed with SIGKILL left running. */
final class LeftoverServices {

  private LeftoverServices() {}

  /**
   * A runner killed with SIGKILL cannot stop its services, which would keep their ports (and the
   * producer would retry a dead broker forever): the next run stops them (only if that pid is still
   * running our service's jar).
   */
  static void stop(Properties lastRuntime, Terminal terminal) {
    stop(lastRuntime.getProperty(RuntimeInfo.PRODUCER_PID), "producer", terminal);
    stop(lastRuntime.getProperty(RuntimeInfo.DASHBOARD_PID), "dashboard", terminal);
  }

  private static void stop(String pid, String service, Terminal terminal) {
    if (pid == null) {
      return;
    }
    ProcessHandle.of(Long.parseLong(pid))
        .filter(ProcessHandle::isAlive)
        .filter(h -> h.info().commandLine().orElse("").contains(service + "-service"))
        .ifPresent(
            h -> {
              terminal.note(
                  "Stopping the " + service + " an earlier run left behind (pid " + pid + ")");
              h.destroy();
              h.onExit()
                  .orTimeout(ServiceProcess.GRACE.toSeconds(), TimeUnit.SECONDS)
                  .exceptionally(e -> null)
                  .join();
              if (h.isAlive()) {
                h.destroyForcibly();
              }
            });
  }
}
