package io.cryptolakehouse.local.support;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;

/** The commands of the child processes this JVM starts while an action runs, as JFR sees them. */
final class ChildProcesses {

  @FunctionalInterface
  interface Action {
    void run() throws Exception;
  }

  private ChildProcesses() {}

  static List<String> startedDuring(Action action, Path scratch) throws Exception {
    Path file = Files.createTempFile(scratch, "processes", ".jfr");
    try (Recording recording = new Recording()) {
      recording.enable("jdk.ProcessStart");
      recording.start();
      action.run();
      recording.stop();
      recording.dump(file);
    }
    return RecordingFile.readAllEvents(file).stream()
        .filter(e -> e.getEventType().getName().equals("jdk.ProcessStart"))
        .map(ChildProcesses::command)
        .toList();
  }

  private static String command(RecordedEvent event) {
    return event.getString("command");
  }
}
