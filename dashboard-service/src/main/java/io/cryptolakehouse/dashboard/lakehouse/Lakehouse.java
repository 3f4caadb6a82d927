package io.cryptolakehouse.dashboard.lakehouse;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.cryptolakehouse.dashboard.DashboardProperties;
import io.cryptolakehouse.model.TableId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.exceptions.NoSuchTableException;
import org.apache.iceberg.expressions.Expression;
import org.apache.iceberg.hive.HiveCatalog;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.types.Conversions;
import org.apache.iceberg.types.Types;
import org.springframework.stereotype.Component;

/**
 * The lakehouse's tables through Iceberg's own Java API: the Hive catalog names a table's current
 * metadata, the scan prunes partitions and files with the filter (their column bounds) before any
 * Parquet is read. Reads are cached for a few seconds: many browsers mean one scan, not many.
 */
@Component
public class Lakehouse implements AutoCloseable {

  private final HiveCatalog catalog;
  private final Cache<String, Object> cache;

  public Lakehouse(DashboardProperties properties) {
    this.catalog = Catalogs.hive(properties.lakehouse());
    this.cache =
        Caffeine.newBuilder()
            .expireAfterWrite(properties.dashboard().cacheTtl())
            .maximumSize(2_000)
            .build();
  }

  /** The value cached under {@code key}; concurrent callers of one key wait for one load. */
  @SuppressWarnings("unchecked")
  public <T> T cached(String key, Supplier<T> load) {
    return (T) cache.get(key, k -> load.get());
  }

  /** The rows matching {@code filter}; none when the table does not exist yet. */
  public List<Record> rows(TableId id, Expression filter) {
    return guarded(id, () -> read(id, filter));
  }

  private List<Record> read(TableId id, Expression filter) {
    Optional<Table> table = load(id);
    if (table.isEmpty() || table.get().currentSnapshot() == null) {
      return List.of();
    }
    List<Record> rows = new ArrayList<>();
    try (CloseableIterable<Record> scan = IcebergGenerics.read(table.get()).where(filter).build()) {
      scan.forEach(rows::add);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + id, e);
    }
    return rows;
  }

  /**
   * The largest value of a timestamp column, from the data files' column bounds: metadata only, no
   * data file is opened.
   */
  public Optional<Instant> newest(TableId id, String column) {
    return guarded(id, () -> bound(id, column));
  }

  private Optional<Instant> bound(TableId id, String column) {
    Optional<Table> table = load(id);
    if (table.isEmpty() || table.get().currentSnapshot() == null) {
      return Optional.empty();
    }
    Types.NestedField field = table.get().schema().findField(column);
    long newest = Long.MIN_VALUE;
    try (CloseableIterable<FileScanTask> tasks =
        table.get().newScan().includeColumnStats().planFiles()) {
      for (FileScanTask task : tasks) {
        ByteBuffer bound =
            task.file().upperBounds() == null
                ? null
                : task.file().upperBounds().get(field.fieldId());
        if (bound != null) {
          long micros = Conversions.<Long>fromByteBuffer(field.type(), bound);
          newest = Math.max(newest, micros);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot plan " + id, e);
    }
    return newest == Long.MIN_VALUE ? Optional.empty() : Optional.of(Micros.toInstant(newest));
  }

  /** Rows in the table's current snapshot (its summary: no file is read); empty if no table. */
  public Optional<Long> rowCount(TableId id) {
    return guarded(id, () -> count(id));
  }

  private Optional<Long> count(TableId id) {
    return load(id)
        .map(
            t -> {
              Snapshot current = t.currentSnapshot();
              return current == null
                  ? 0L
                  : Long.parseLong(current.summary().getOrDefault("total-records", "0"));
            });
  }

  /**
   * Every failure below this class (metastore, S3, a file that cannot be read) becomes one type, so
   * the API answers 503 for these and keeps 500 for its own bugs.
   */
  private static <T> T guarded(TableId id, Supplier<T> read) {
    try {
      return read.get();
    } catch (LakehouseUnavailable e) {
      throw e;
    } catch (RuntimeException e) {
      throw new LakehouseUnavailable(id.toString(), e);
    }
  }

  private Optional<Table> load(TableId id) {
    try {
      return Optional.of(catalog.loadTable(TableIdentifier.of(id.namespace(), id.name())));
    } catch (NoSuchTableException e) {
      return Optional.empty();
    }
  }

  @Override
  public void close() throws IOException {
    catalog.close();
  }
}
