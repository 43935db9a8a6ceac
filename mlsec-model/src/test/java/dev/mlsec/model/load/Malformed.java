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
 * A malformed fixture and what its header says: one or more {@code # error: <line>:<column>:
 * <substring>} lines, one per mistake in file order, then {@code # schema:
 * rejects|accepts|unparsable} (what the JSON Schema makes of it: some mistakes, such as a dangling
 * id, a schema cannot express). Most fixtures hold exactly one mistake and must give one line.
 */
record Malformed(
    Path file, int line, int column, String expected, String schema, List<String> errors) {
  private static final Pattern ERROR = Pattern.compile("# error: (\\d+):(\\d+): (.+)");
  private static final Pattern SCHEMA = Pattern.compile("# schema: (rejects|accepts|unparsable)");

  static Malformed read(Path file) {
    try {
      List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      List<String> errors = new java.util.ArrayList<>();
      int i = 0;
      while (i < lines.size() && ERROR.matcher(lines.get(i)).matches()) {
        errors.add(lines.get(i).substring("# error: ".length()).trim());
        i++;
      }
      Matcher s = SCHEMA.matcher(i < lines.size() ? lines.get(i) : "");
      if (errors.isEmpty() || !s.matches()) {
        throw new IllegalStateException(file + ": header lines '# error:' and '# schema:' missing");
      }
      Matcher e = ERROR.matcher(lines.get(0));
      e.matches();
      return new Malformed(
          file,
          Integer.parseInt(e.group(1)),
          Integer.parseInt(e.group(2)),
          e.group(3).trim(),
          s.group(1),
          List.copyOf(errors));
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
