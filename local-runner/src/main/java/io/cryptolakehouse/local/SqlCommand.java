package io.cryptolakehouse.local;

import io.cryptolakehouse.local.support.UsageError;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * {@code sql "SELECT ..."} and {@code query <name>}: Spark SQL against the local lakehouse, whether
 * or not the pipeline is running. The catalog is the session's default, so {@code bronze.x}, {@code
 * silver.x} and {@code gold.x} resolve as in the jobs.
 */
final class SqlCommand {

  private final CommandLine.Common options;
  private final Terminal terminal;
  private final Path queriesDir;

  SqlCommand(CommandLine.Common options, Terminal terminal, Path queriesDir) {
    this.options = options;
    this.terminal = terminal;
    this.queriesDir = queriesDir;
  }

  int sql(CommandLine.Sql sql) {
    return execute(sql.statement(), Map.of());
  }

  /** One of the business questions under queries/, by file name or its q-number prefix. */
  int query(CommandLine.Query query) {
    Path file = resolve(query.name());
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + file, e);
    }
    DataDir dir = new DataDir(options.dataDir());
    Map<String, Object> args = new HashMap<>();
    if (text.contains(":coin")) {
      args.put("coin", query.coin());
    }
    if (text.contains(":as_of")) {
      args.put("as_of", query.asOf() == null ? Instant.now() : query.asOf());
    }
    if (text.contains(":simulated")) {
      args.put("simulated", simulated(dir, query.simulated()));
    }
    terminal.note("-- " + queriesDir.relativize(file) + " " + args);
    return execute(text, args);
  }

  private int execute(String text, Map<String, Object> args) {
    try (LakehouseAccess access = LakehouseAccess.open(new DataDir(options.dataDir()))) {
      Dataset<Row> result;
      try {
        result = access.spark().sql(text, args);
      } catch (Exception e) {
        if (TimeTravelReach.beforeHistory(e)) {
          ResultPrinter.print(
              TimeTravelReach.answer(access.spark(), text, e), options.format(), terminal);
          return 0;
        }
        // Scala does not declare it; a bad statement is the user's to fix, not a crash.
        if (e instanceof AnalysisException) {
          throw new UsageError(
              e.getMessage()
                  .lines()
                  .map(String::strip)
                  .filter(l -> !l.isEmpty())
                  .findFirst()
                  .orElse("invalid SQL"));
        }
        throw e;
      }
      ResultPrinter.print(result, options.format(), terminal);
      return 0;
    }
  }

  /** Default: whatever the last run produced (simulated data when the last source was). */
  private static boolean simulated(DataDir dir, Boolean requested) {
    if (requested != null) {
      return requested;
    }
    String source =
        dir.read(dir.runtimeFile())
            .getProperty("source", dir.read(dir.lastRunFile()).getProperty("source", ""));
    return source.equals("simulated");
  }

  Path resolve(String name) {
    Path exact = queriesDir.resolve(name.endsWith(".sql") ? name : name + ".sql");
    if (Files.isRegularFile(exact)) {
      return exact;
    }
    List<Path> matches;
    try (Stream<Path> files = Files.list(queriesDir)) {
      matches =
          files
              .filter(p -> p.getFileName().toString().endsWith(".sql"))
              .filter(p -> p.getFileName().toString().startsWith(name + "_"))
              .sorted()
              .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list " + queriesDir, e);
    }
    if (matches.size() == 1) {
      return matches.get(0);
    }
    throw new UsageError(
        (matches.isEmpty() ? "no query named '" + name + "'" : "'" + name + "' is ambiguous")
            + "; choose one of: "
            + String.join(", ", names()));
  }

  private List<String> names() {
    try (Stream<Path> files = Files.list(queriesDir)) {
      return files
          .map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".sql"))
          .map(n -> n.substring(0, n.length() - 4))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list " + queriesDir, e);
    }
  }
}
