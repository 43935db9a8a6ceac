package dev.mlsec.model.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A malformed fixture and what its header says: {@code # error: <line>:<column>: <substring>} on
 * the first line, {@code # schema: rejects|accepts|unparsable} on the second (what the JSON Schema
 * makes of it: some mistakes, such as a dangling id, a schema cannot express).
 */
record Malformed(Path file, int line, int column, String expected, String schema) {
  private static final Pattern ERROR = Pattern.compile("# error: (\\d+):(\\d+): (.+)");
  private static final Pattern SCHEMA = Pattern.compile("# schema: (rejects|accepts|unparsable)");

  static Malformed read(Path file) {
    try {
      List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      Matcher e = ERROR.matcher(lines.get(0));
      Matcher s = SCHEMA.matcher(lines.size() > 1 ? lines.get(1) : "");
      if (!e.matches() || !s.matches()) {
        throw new IllegalStateException(file + ": header lines '# error:' and '# schema:' missing");
      }
      return new Malformed(
          file,
          Integer.parseInt(e.group(1)),
          Integer.parseInt(e.group(2)),
          e.group(3).trim(),
          s.group(1));
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
  }

  static List<Malformed> all() {
    return Fixtures.malformed().stream().map(Malformed::read).toList();
  }

  @Override
  public String toString() {
    return file.getFileName().toString();
  }
}
