package io.cryptolakehouse.spark;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import org.apache.iceberg.Schema;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;
import org.apache.spark.sql.Row;

/** Spark rows collected to the driver as Iceberg's generic records of a table's schema. */
final class IcebergRecords {

  private IcebergRecords() {}

  /**
   * The record of {@code row}, each table column read from the row's field of the same name, or of
   * the name {@code fieldFor} gives. A column the row lacks fails here, naming it.
   */
  static Record of(Schema schema, Row row, Map<String, String> fieldFor) {
    GenericRecord record = GenericRecord.create(schema);
    for (Types.NestedField column : schema.columns()) {
      Object value = row.getAs(fieldFor.getOrDefault(column.name(), column.name()));
      record.setField(column.name(), valueOf(column.type(), value));
    }
    return record;
  }

  private static Object valueOf(Type type, Object value) {
    if (value == null) {
      return null;
    }
    return switch (type.typeId()) {
      case TIMESTAMP -> timestampOf((Types.TimestampType) type, value);
      // The same scale as Spark's column: setScale only checks it, it never rounds.
      case DECIMAL -> ((BigDecimal) value).setScale(((Types.DecimalType) type).scale());
      case DATE -> value instanceof java.sql.Date date ? date.toLocalDate() : value;
      default -> value;
    };
  }

  private static Object timestampOf(Types.TimestampType type, Object value) {
    if (value instanceof LocalDateTime local) {
      return local; // TIMESTAMP_NTZ
    }
    // Timestamp or Instant, depending on spark.sql.datetime.java8API.enabled.
    Instant at = value instanceof Timestamp ts ? ts.toInstant() : (Instant) value;
    return type.shouldAdjustToUTC()
        ? OffsetDateTime.ofInstant(at, ZoneOffset.UTC)
        : LocalDateTime.ofInstant(at, ZoneOffset.UTC);
  }
}
