package io.cryptolakehouse.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * The {@code CREATE TABLE IF NOT EXISTS} statement of each table, kept as a {@code .sql} resource
 * so it reads as SQL and is reviewed as SQL. The resource names the table {@code {table}}; callers
 * choose the catalog it is created in.
 */
public final class TableDdl {

  static final String TABLE_PLACEHOLDER = "{table}";

  private TableDdl() {}

  /** The {@code CREATE TABLE} of {@code table}, as {@code catalog.namespace.name}. */
  public static String createTableStatement(TableId table, String catalog) {
    return setupStatements(table, catalog).get(0);
  }

  /**
   * Every statement that sets the table up, in order: the {@code CREATE TABLE IF NOT EXISTS}, then
   * idempotent settings DDL cannot carry, such as Iceberg's {@code WRITE ORDERED BY}. In the
   * resource, statements are separated by a line holding only {@code ;}.
   */
  public static List<String> setupStatements(TableId table, String catalog) {
    String qualified = table.qualifiedIn(catalog);
    return Arrays.stream(template(table).split("(?m)^;\\s*$"))
        .map(String::strip)
        .filter(s -> !s.isEmpty())
        .map(s -> s.replace(TABLE_PLACEHOLDER, qualified))
        .toList();
  }

  /** {@code CREATE NAMESPACE IF NOT EXISTS} for the table's namespace in {@code catalog}. */
  public static String createNamespaceStatement(TableId table, String catalog) {
    String ns =
        catalog == null || catalog.isBlank()
            ? table.namespace()
            : catalog + "." + table.namespace();
    return "CREATE NAMESPACE IF NOT EXISTS " + ns;
  }

  /**
   * The table's columns as DDL ({@code name TYPE COMMENT '…', …}), in table order: what Spark's
   * {@code StructType.fromDDL} reads, so test fixtures take the schema from the one definition.
   */
  public static String columns(TableId table) {
    String create = createTableStatement(table, "");
    int open = create.indexOf('(', create.indexOf("CREATE TABLE"));
    int close = create.lastIndexOf(")", create.indexOf("USING"));
    if (open < 0 || close < open) {
      throw new IllegalStateException("No column list in the DDL of " + table);
    }
    return create.substring(open + 1, close).replaceAll("(?m)^\\s*--.*$", "").strip();
  }

  static String template(TableId table) {
    String resource = "/ddl/" + table + ".sql";
    try (InputStream in = TableDdl.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("No DDL resource " + resource + " for table " + table);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read DDL resource " + resource, e);
    }
  }
}
