package io.cryptolakehouse.silver;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One parsed JSON value that keeps its text: a number as the digits CoinGecko printed (read into a
 * decimal only by {@link PrintedNumbers}, never through a double), and every value's place in the
 * document, so a rejected coin is quarantined exactly as it arrived.
 *
 * <p>Why not Jackson's tree model: its nodes parse numbers on the way in (a double, or a {@code
 * BigDecimal} that loses how it was printed) and forget where they came from.
 */
record JsonValue(
    Kind kind,
    String text,
    String document,
    int start,
    int end,
    Map<String, JsonValue> fields,
    List<JsonValue> items) {

  enum Kind {
    OBJECT,
    ARRAY,
    STRING,
    NUMBER,
    BOOLEAN,
    NULL
  }

  /** Duplicate keys make a document ambiguous: which of two prices is the coin's? */
  private static final JsonFactory FACTORY =
      JsonFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

  /** The document as one JSON value, or null when it is not exactly one (syntax, trailing text). */
  static JsonValue parse(String document) {
    if (document == null) {
      return null;
    }
    try (JsonParser parser = FACTORY.createParser(document)) {
      if (parser.nextToken() == null) {
        return null;
      }
      JsonValue value = read(parser, document);
      return parser.nextToken() == null ? value : null;
    } catch (IOException e) {
      return null; // not JSON, a duplicate key, or beyond Jackson's nesting and size limits
    }
  }

  private static JsonValue read(JsonParser parser, String document) throws IOException {
    int start = (int) parser.currentTokenLocation().getCharOffset();
    JsonToken token = parser.currentToken();
    return switch (token) {
      case START_OBJECT -> {
        Map<String, JsonValue> fields = new LinkedHashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
          String name = parser.currentName();
          parser.nextToken();
          fields.put(name, read(parser, document));
        }
        yield new JsonValue(Kind.OBJECT, null, document, start, endOf(parser), fields, List.of());
      }
      case START_ARRAY -> {
        List<JsonValue> items = new ArrayList<>();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
          items.add(read(parser, document));
        }
        yield new JsonValue(Kind.ARRAY, null, document, start, endOf(parser), Map.of(), items);
      }
      case VALUE_STRING -> scalar(Kind.STRING, parser, document, start);
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> scalar(Kind.NUMBER, parser, document, start);
      case VALUE_TRUE, VALUE_FALSE -> scalar(Kind.BOOLEAN, parser, document, start);
      case VALUE_NULL -> scalar(Kind.NULL, parser, document, start);
      default -> throw new IOException("unexpected token " + token);
    };
  }

  private static JsonValue scalar(Kind kind, JsonParser parser, String document, int start)
      throws IOException {
    // The text first: Jackson reads a string's characters only when asked for them.
    String text = kind == Kind.NULL ? null : parser.getText();
    return new JsonValue(kind, text, document, start, endOf(parser), Map.of(), List.of());
  }

  private static int endOf(JsonParser parser) {
    return (int) parser.currentLocation().getCharOffset();
  }

  /** The named field of an object; null when absent or when this is not an object. */
  JsonValue field(String name) {
    return fields.get(name);
  }

  boolean is(Kind expected) {
    return kind == expected;
  }

  /** The value as it is written in its document. */
  String raw() {
    return document.substring(start, end);
  }

  /**
   * The value as text: a string as itself, a number as printed, a boolean as {@code true}/{@code
   * false}, an object or array as its JSON; null for JSON null.
   */
  String asText() {
    return switch (kind) {
      case OBJECT, ARRAY -> raw();
      case NULL -> null;
      default -> text;
    };
  }

  /** Absent or JSON null. */
  static boolean isMissing(JsonValue value) {
    return value == null || value.kind == Kind.NULL;
  }

  /** The text of a possibly absent value. */
  static String textOf(JsonValue value) {
    return value == null ? null : value.asText();
  }
}
