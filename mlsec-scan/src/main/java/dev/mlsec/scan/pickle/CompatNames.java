package dev.mlsec.scan.pickle;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/** The Python 2 to 3 renames CPython applies to globals of protocol 0-2 pickles on load. */
final class CompatNames {
  private static final Map<String, String> MODULES = new HashMap<>();
  private static final Map<String, String[]> NAMES = new HashMap<>();

  static {
    try (InputStream in = CompatNames.class.getResourceAsStream("compat-names.tsv");
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        if (line.startsWith("#") || line.isBlank()) continue;
        String[] f = line.split("\t");
        if (f[0].equals("module")) MODULES.put(f[1], f[2]);
        else NAMES.put(f[1] + "\0" + f[2], new String[] {f[3], f[4]});
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private CompatNames() {}

  /** (module, name) after the mapping, as find_class does when proto < 3. */
  static String[] map(String module, String name) {
    String[] n = NAMES.get(module + "\0" + name);
    if (n != null) return n;
    String m = MODULES.get(module);
    return m == null ? null : new String[] {m, name};
  }
}
