package io.cryptolakehouse.spark;

import io.cryptolakehouse.model.TableDdl;
import io.cryptolakehouse.model.TableId;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Creates a job's tables (and their namespaces) before its stream starts, if absent. */
public final class LakehouseTables {

  private static final Logger log = LoggerFactory.getLogger(LakehouseTables.class);

  private LakehouseTables() {}

  public static void ensureExist(SparkSession spark, String catalog, TableId... tables) {
    for (TableId table : tables) {
      spark.sql(TableDdl.createNamespaceStatement(table, catalog));
      TableDdl.setupStatements(table, catalog).forEach(spark::sql);
      log.info("Table {} is ready", table.qualifiedIn(catalog));
    }
  }
}
