package io.cryptolakehouse.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The {@code CREATE TABLE IF NOT EXISTS} statement of each table, kept as a {@code .sql} resource
 * so it reads as SQL and is reviewed as SQL. The resource names the table {@code {table}}; callers
 * choose the catalog it is created in.
 */
public final class TableDdl {

  static final String TABLE_PLACEHOLDER = "{table}";

  private TableDdl() {}

  /** The DDL of {@code table}, creating it as {@code catalog.namespace.name}. */
  public static String createTableStatement(TableId table, String catalog) {
    return template(table).replace(TABLE_PLACEHOLDER, table.qualifiedIn(catalog));
  }

  /** {@code CREATE NAMESPACE IF NOT EXISTS} for the table's namespace in {@code catalog}. */
  public static String createNamespaceStatement(TableId table, String catalog) {
    String ns =
        catalog == null || catalog.isBlank()
            ? table.namespace()
            : catalog + "." + table.namespace();
    return "CREATE NAMESPACE IF NOT EXISTS " + ns;
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
