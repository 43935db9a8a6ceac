package dev.mlsec.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import java.io.IOException;
import java.io.Writer;

/** The one JSON layout of every JSON report: two-space indent, {@code "key": value}, LF. */
public final class JsonStyle {
  private static final JsonFactory FACTORY =
      JsonFactory.builder()
          .disable(com.fasterxml.jackson.core.StreamWriteFeature.AUTO_CLOSE_TARGET)
          .build();

  private JsonStyle() {}

  /** A pretty-printing generator; close it, then write the trailing newline. */
  public static JsonGenerator generator(Writer out) throws IOException {
    DefaultIndenter indent = new DefaultIndenter("  ", "\n");
    DefaultPrettyPrinter printer =
        new DefaultPrettyPrinter()
            .withSeparators(
                Separators.createDefaultInstance()
                    .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                    .withObjectEmptySeparator("")
                    .withArrayEmptySeparator(""));
    printer.indentObjectsWith(indent);
    printer.indentArraysWith(indent);
    return FACTORY.createGenerator(out).setPrettyPrinter(printer);
  }

  /** Writes a list of strings as a JSON array. */
  public static void strings(JsonGenerator g, String field, Iterable<String> values)
      throws IOException {
    g.writeArrayFieldStart(field);
    for (String v : values) g.writeString(v);
    g.writeEndArray();
  }
}
