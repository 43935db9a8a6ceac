package dev.mlsec.scan.format;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A bounded JSON tree reader on jackson-core (no databind): objects become LinkedHashMaps, arrays
 * Lists, numbers Long/Double. Duplicate keys are counted so that disagreeing parsers are visible.
 */
public final class Json {
  private static final JsonFactory FACTORY =
      JsonFactory.builder()
          .streamReadConstraints(
              StreamReadConstraints.builder()
                  .maxNestingDepth(256)
                  .maxStringLength(64 << 20)
                  .maxNumberLength(100)
                  .build())
          .build();

  /** The parsed tree and how many keys repeated inside one object. */
  public record Tree(Object root, int duplicateKeys) {}

  private Json() {}

  public static Tree parse(byte[] b, int off, int len) throws IOException {
    try (JsonParser p = FACTORY.createParser(b, off, len)) {
      int[] dup = {0};
      JsonToken t = p.nextToken();
      if (t == null) throw new IOException("empty JSON");
      Object root = read(p, t, dup);
      if (p.nextToken() != null) throw new IOException("text after the JSON value");
      return new Tree(root, dup[0]);
    } catch (com.fasterxml.jackson.core.exc.StreamConstraintsException e) {
      throw new TooLarge("JSON past a parser limit: " + e.getOriginalMessage());
    } catch (com.fasterxml.jackson.core.JacksonException e) {
      throw new IOException("invalid JSON: " + e.getOriginalMessage());
    }
  }

  /** A document past one of the parser's limits (nesting depth, lengths): not decided. */
  public static final class TooLarge extends IOException {
    private static final long serialVersionUID = 1L;

    TooLarge(String message) {
      super(message);
    }
  }

  private static Object read(JsonParser p, JsonToken t, int[] dup) throws IOException {
    switch (t) {
      case START_OBJECT -> {
        Map<String, Object> m = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String k = p.currentName();
          Object v = read(p, p.nextToken(), dup);
          if (m.put(k, v) != null) dup[0]++;
        }
        return m;
      }
      case START_ARRAY -> {
        List<Object> l = new ArrayList<>();
        JsonToken n;
        while ((n = p.nextToken()) != JsonToken.END_ARRAY) {
          if (n == null) throw new IOException("unterminated array");
          l.add(read(p, n, dup));
        }
        return l;
      }
      case VALUE_STRING -> {
        return p.getText();
      }
      case VALUE_NUMBER_INT -> {
        try {
          return p.getLongValue();
        } catch (IOException e) {
          return Double.NaN;
        }
      }
      case VALUE_NUMBER_FLOAT -> {
        return p.getDoubleValue();
      }
      case VALUE_TRUE -> {
        return Boolean.TRUE;
      }
      case VALUE_FALSE -> {
        return Boolean.FALSE;
      }
      case VALUE_NULL -> {
        return null;
      }
      default -> throw new IOException("unexpected JSON token " + t);
    }
  }
}
