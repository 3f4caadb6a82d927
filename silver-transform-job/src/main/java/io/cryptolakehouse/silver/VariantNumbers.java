package io.cryptolakehouse.silver;

import java.math.BigDecimal;
import java.math.RoundingMode;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.types.variant.Variant;
import org.apache.spark.unsafe.types.VariantVal;

/**
 * A parsed JSON value's number as a decimal, read from the variant's own bytes.
 *
 * <p>Why not {@code try_variant_get(v, '$', 'DECIMAL(..)')}: Spark builds a {@code Literal} and an
 * interpreted {@code Cast} for every value it reads that way, then evaluates them. In a profile of
 * a 7-day {@code scale} run that was 21 % of Silver's samples, half of it constructing the two
 * expression objects. The rules are that cast's, so the values are the same: a number as printed (a
 * decimal keeps its digits; a double, such as {@code 1e-12}, reads through {@link Double#toString},
 * as Spark's cast does); a string holding a number likewise (trimmed); rounded half up to the
 * type's scale; null when it does not fit the type's precision, and for anything else. Unlike the
 * cast, a JSON {@code true} or {@code false} is null here, not 1 or 0.
 */
final class VariantNumbers {

  private VariantNumbers() {}

  /** The number in a {@code VARIANT} column as {@code sqlType}, a {@code DECIMAL(p,s)}. */
  static Column numberOf(Column variant, String sqlType) {
    DataType type = DataType.fromDDL(sqlType);
    if (!(type instanceof DecimalType decimal)) {
      throw new IllegalArgumentException("not a decimal type: " + sqlType);
    }
    return functions.udf(new Reader(decimal.precision(), decimal.scale()), decimal).apply(variant);
  }

  /** The UDF: serializable, as Spark ships it to the executors. */
  private record Reader(int precision, int scale) implements UDF1<VariantVal, BigDecimal> {
    @Override
    public BigDecimal call(VariantVal value) {
      return value == null
          ? null
          : read(new Variant(value.getValue(), value.getMetadata()), precision, scale);
    }
  }

  /** The variant's number at {@code scale}, or null (see the class comment). */
  static BigDecimal read(Variant v, int precision, int scale) {
    BigDecimal number =
        switch (v.getType()) {
          case DECIMAL -> v.getDecimal();
          case LONG -> BigDecimal.valueOf(v.getLong());
          case DOUBLE -> ofDouble(v.getDouble());
          case FLOAT -> ofDouble(v.getFloat());
          case STRING -> ofText(v.getString());
          default -> null;
        };
    return number == null ? null : fitted(number, precision, scale);
  }

  private static BigDecimal ofDouble(double d) {
    return Double.isFinite(d) ? new BigDecimal(Double.toString(d)) : null;
  }

  private static BigDecimal ofText(String text) {
    try {
      return new BigDecimal(text.trim());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** Rounded half up to {@code scale}; null beyond {@code precision} digits. */
  static BigDecimal fitted(BigDecimal number, int precision, int scale) {
    // Whole digits first: "1e999999999" must not be expanded to find out it does not fit.
    int wholeDigits = number.precision() - number.scale();
    if (wholeDigits > precision - scale) {
      return null;
    }
    if (wholeDigits < -scale) {
      // Below half a unit of the last place: zero, without dividing by a huge power of ten.
      return BigDecimal.ZERO.setScale(scale);
    }
    BigDecimal rounded = number.setScale(scale, RoundingMode.HALF_UP);
    return rounded.precision() > precision ? null : rounded;
  }
}
