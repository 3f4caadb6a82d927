package io.cryptolakehouse.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.OverwriteFiles;
import org.apache.iceberg.PartitionKey;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.GenericFileWriterFactory;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.InternalRecordWrapper;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.DataWriter;
import org.apache.iceberg.io.OutputFileFactory;

/**
 * Commits to {@code gold.fact_crypto_hourly} shaped like the Gold job's at each trigger, straight
 * through the Iceberg API so that a day of them fits in a benchmark: the current hour's bar of
 * every coin updated, and — as Gold's copy-on-write {@code MERGE} does — the day partition's file
 * rewritten with all of that day's bars, the old file removed from the new snapshot (old snapshots
 * still reference it).
 */
final class HourlyCommits {

  private final Table table;
  private final int coins;
  private final Random random;
  private final double[] prices;
  private final Map<LocalDate, Map<String, Record>> barsByDay = new HashMap<>();
  private final Map<LocalDate, DataFile> liveFileByDay = new HashMap<>();
  private final GenericFileWriterFactory writers;
  private final OutputFileFactory files;
  private final InternalRecordWrapper wrapper;

  HourlyCommits(Table table, int coins, long seed) {
    this.table = table;
    this.coins = coins;
    this.random = new Random(seed);
    this.prices = new double[coins];
    for (int c = 0; c < coins; c++) {
      prices[c] = 1 + random.nextInt(50_000);
    }
    this.writers =
        new GenericFileWriterFactory.Builder(table).dataFileFormat(FileFormat.PARQUET).build();
    this.files =
        OutputFileFactory.builderFor(table, 1, System.nanoTime())
            .format(FileFormat.PARQUET)
            .build();
    this.wrapper = new InternalRecordWrapper(table.schema().asStruct());
  }

  /** One trigger's commit at simulated time {@code at}. */
  void commit(Instant at) {
    Instant hour = at.truncatedTo(ChronoUnit.HOURS);
    LocalDate day = LocalDate.ofInstant(at, ZoneOffset.UTC);
    Map<String, Record> bars = barsByDay.computeIfAbsent(day, d -> new LinkedHashMap<>());
    for (int c = 0; c < coins; c++) {
      prices[c] *= 1 + (random.nextGaussian() * 0.001);
      String coin = "coin-" + c;
      Record bar = bars.computeIfAbsent(coin + "@" + hour, k -> newBar(coin, hour));
      update(bar, decimal(prices[c], 18));
    }
    DataFile file = write(new ArrayList<>(bars.values()));
    OverwriteFiles overwrite = table.newOverwrite().addFile(file);
    DataFile replaced = liveFileByDay.put(day, file);
    if (replaced != null) {
      overwrite.deleteFile(replaced);
    }
    overwrite.commit();
  }

  private Record newBar(String coin, Instant hour) {
    Record bar = GenericRecord.create(table.schema());
    bar.setField("coin_id", coin);
    bar.setField("hour_start", hour.atOffset(ZoneOffset.UTC));
    bar.setField("hour_end", hour.plus(Duration.ofHours(1)).atOffset(ZoneOffset.UTC));
    bar.setField("tick_count", 0L);
    bar.setField("is_simulated", true);
    return bar;
  }

  private void update(Record bar, BigDecimal price) {
    long ticks = (Long) bar.getField("tick_count");
    if (ticks == 0) {
      bar.setField("open_price", price);
      bar.setField("high_price", price);
      bar.setField("low_price", price);
      bar.setField("avg_price", price);
    }
    bar.setField("high_price", price.max((BigDecimal) bar.getField("high_price")));
    bar.setField("low_price", price.min((BigDecimal) bar.getField("low_price")));
    bar.setField("close_price", price);
    BigDecimal sum = ((BigDecimal) bar.getField("avg_price")).multiply(BigDecimal.valueOf(ticks));
    bar.setField(
        "avg_price",
        sum.add(price).divide(BigDecimal.valueOf(ticks + 1), 18, RoundingMode.HALF_UP));
    bar.setField("last_volume_24h", decimal(price.doubleValue() * 1_000_000, 8));
    bar.setField("tick_count", ticks + 1);
  }

  private DataFile write(List<Record> bars) {
    PartitionKey key = new PartitionKey(table.spec(), table.schema());
    key.partition(wrapper.wrap(bars.get(0)));
    DataWriter<Record> writer =
        writers.newDataWriter(files.newOutputFile(table.spec(), key), table.spec(), key.copy());
    try (writer) {
      bars.forEach(writer::write);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return writer.toDataFile();
  }

  private static BigDecimal decimal(double value, int scale) {
    return BigDecimal.valueOf(value).setScale(scale, RoundingMode.HALF_UP);
  }
}
