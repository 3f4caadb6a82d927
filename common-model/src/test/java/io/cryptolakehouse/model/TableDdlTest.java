package io.cryptolakehouse.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

class TableDdlTest {

  static final java.util.List<TableId> ALL_TABLES = Tables.ALL;

  @ParameterizedTest
  @FieldSource("ALL_TABLES")
  void everyTableHasIdempotentIcebergDdlNamingItInTheGivenCatalog(TableId table) {
    String ddl = TableDdl.createTableStatement(table, "lakehouse");

    assertThat(ddl)
        .startsWith("-- ")
        .contains("CREATE TABLE IF NOT EXISTS lakehouse." + table + " (")
        .contains("USING iceberg")
        .contains("'format-version' = '2'")
        .doesNotContain(TableDdl.TABLE_PLACEHOLDER);
  }

  @Test
  void omitsCatalogWhenNoneIsGiven() {
    assertThat(TableDdl.createTableStatement(Tables.BRONZE_TICKS_RAW, ""))
        .contains("CREATE TABLE IF NOT EXISTS bronze.crypto_ticks_raw (");
    assertThat(TableDdl.createNamespaceStatement(Tables.BRONZE_TICKS_RAW, null))
        .isEqualTo("CREATE NAMESPACE IF NOT EXISTS bronze");
  }

  @Test
  void bronzeKeepsThePartAColumnsAndPartitioning() {
    String ddl = TableDdl.createTableStatement(Tables.BRONZE_TICKS_RAW, "c");

    assertThat(ddl)
        .containsSubsequence(
            "raw_payload STRING",
            "ingestion_timestamp TIMESTAMP",
            "kafka_offset BIGINT",
            "kafka_partition INT")
        .contains("PARTITIONED BY (days(ingestion_timestamp))");
  }

  @Test
  void silverPriceTypeHoldsTinyPricesAndHugeCaps() {
    String ddl = TableDdl.createTableStatement(Tables.SILVER_PRICES_CLEAN, "c");

    // 2.02027e-10 needs 15 fractional digits; a 1e13 USD market cap needs 14 integer digits.
    assertThat(ddl).contains("price_usd DECIMAL(38,18)").contains("market_cap_usd DECIMAL(38,8)");
  }

  @Test
  void factTablesAreWrittenSortedByCoinThenTime() {
    assertThat(TableDdl.setupStatements(Tables.GOLD_FACT_HOURLY, "c"))
        .hasSize(2)
        .last()
        .isEqualTo(
            "-- Files sorted by coin then time: a query for one coin over a time range reads few files.\n"
                + "ALTER TABLE c.gold.fact_crypto_hourly WRITE ORDERED BY coin_id, hour_start");
    assertThat(TableDdl.setupStatements(Tables.SILVER_PRICES_CLEAN, "c")).hasSize(1);
  }

  @Test
  void bronzeSkipsDictionaryAndStatisticsOfTheRawPayloadEvenOnOlderTables() {
    for (TableId bronze : List.of(Tables.BRONZE_TICKS_RAW, Tables.BRONZE_COIN_MARKETS_RAW)) {
      assertThat(TableDdl.setupStatements(bronze, "c"))
          .last()
          .asString()
          .startsWith("-- raw_payload")
          .contains("ALTER TABLE " + bronze.qualifiedIn("c") + " SET TBLPROPERTIES")
          .contains("'write.parquet.dict-encoding-enabled.column.raw_payload' = 'false'")
          .contains("'write.parquet.stats-enabled.column.raw_payload' = 'false'")
          .contains("'write.target-file-size-bytes' = '8388608'");
    }
  }

  @Test
  void unknownTableFailsNamingTheResource() {
    assertThatThrownBy(() -> TableDdl.createTableStatement(new TableId("nope", "missing"), "c"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("/ddl/nope.missing.sql");
  }

  @ParameterizedTest
  @FieldSource("io.cryptolakehouse.model.Tables#ALL")
  void columnsAreTheColumnListAloneWithoutComments(TableId table) {
    String columns = TableDdl.columns(table);

    assertThat(columns).doesNotContain("CREATE", "USING", "PARTITIONED", "\n--");
    assertThat(columns.lines().findFirst().orElseThrow()).matches("[a-z_0-9]+ [A-Z]+.*");
  }

  @Test
  void silverColumnsInTableOrder() {
    assertThat(
            TableDdl.columns(Tables.SILVER_PRICES_CLEAN)
                .lines()
                .map(l -> l.strip().split(" ")[0])
                .toList())
        .startsWith("crypto_symbol", "price_usd", "volume_24h", "market_cap_usd")
        .endsWith("bronze_partition", "bronze_offset");
  }
}
