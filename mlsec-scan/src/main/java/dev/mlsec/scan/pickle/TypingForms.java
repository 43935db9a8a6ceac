package dev.mlsec.scan.pickle;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.TreeSet;

/**
 * The typing forms real pickles subscript (operator.getitem(typing.List, int)), generated from the
 * allowlist generator's record into {@code typing-forms.tsv} by make_allowlist.py, never typed by
 * hand.
 */
final class TypingForms {
  private static final Set<String> NAMES = load();

  private TypingForms() {}

  private static Set<String> load() {
    Set<String> names = new TreeSet<>();
    try (InputStream in = TypingForms.class.getResourceAsStream("typing-forms.tsv");
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        if (line.startsWith("#") || line.startsWith("form\t") || line.isBlank()) continue;
        String q = line.substring(0, line.indexOf('\t'));
        names.add(q.substring("typing.".length()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Set.copyOf(names);
  }

  /** True for the name of a recorded form (List, Optional's Union, Callable, ...). */
  static boolean contains(String name) {
    return NAMES.contains(name);
  }

  /** The recorded names, for tests. */
  static Set<String> names() {
    return NAMES;
  }
}
