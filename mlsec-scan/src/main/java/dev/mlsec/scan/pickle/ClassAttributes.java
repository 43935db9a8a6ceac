package dev.mlsec.scan.pickle;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which attributes of the allowlisted classes {@code getattr(obj, 'name')} fetches without running
 * the library's code: generated into {@code class-attributes.tsv} by the allowlist generator's
 * {@code class_attrs.py} (inspect.getattr_static over the installed libraries, nothing called),
 * never typed by hand. A property, {@code cached_property} or computed descriptor runs its getter
 * on getattr; a class with its own {@code __getattr__}/{@code __getattribute__} runs code for every
 * name that is not one of its methods. Private names are known only by a positive list: the
 * single-underscore (or mangled) names that are plain methods of the class (never a dunder, never
 * for a class with its own {@code __getattribute__}), so {@code getattr(engine,
 * '_hypersphere_volume_sample')} is a bound method and any other private name is not.
 */
final class ClassAttributes {
  /**
   * {@code hooked}: the class overrides attribute lookup and {@code names} are its plain methods;
   * otherwise {@code names} are the public names whose lookup runs code.
   */
  private record Entry(boolean hooked, Set<String> names, Set<String> privateMethods) {}

  // the resource's lines by class, split into an Entry only for a class a pickle asks about (4,000
  // classes, most never asked: splitting them all cost a getattr-bearing scan tens of ms)
  private static final Map<String, String> LINES = load();
  private static final Map<String, Entry> ENTRIES = new ConcurrentHashMap<>();

  private ClassAttributes() {}

  private static Map<String, String> load() {
    Map<String, String> out = new HashMap<>(8192);
    try (InputStream in = ClassAttributes.class.getResourceAsStream("class-attributes.tsv");
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        if (line.startsWith("#") || line.isBlank()) continue;
        int tab = line.indexOf('\t');
        out.put(line.substring(0, tab), line);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  /** The entry of a class, or null when the generator did not read it. */
  private static Entry entry(String cls) {
    String line = LINES.get(cls);
    if (line == null) return null;
    return ENTRIES.computeIfAbsent(
        cls,
        k -> {
          String[] f = line.split("\t", -1);
          return new Entry(f[1].equals("hooked"), words(f, 2), words(f, 3));
        });
  }

  private static Set<String> words(String[] fields, int i) {
    return i >= fields.length || fields[i].isEmpty() ? Set.of() : Set.of(fields[i].split(" "));
  }

  /**
   * True when {@code name} is private (a leading underscore, not a dunder) and the generator read
   * it as a plain method of {@code cls}: {@code getattr(obj, name)} only binds it.
   */
  static boolean privateMethod(String cls, String name) {
    Entry e = entry(cls);
    return e != null
        && name.startsWith("_")
        && !(name.startsWith("__") && name.endsWith("__"))
        && e.privateMethods().contains(name);
  }

  /**
   * True when {@code getattr(obj, name)} on an object of class {@code cls} only binds a method or
   * reads stored data; false when it runs a property's (or descriptor's, or lookup hook's) code, or
   * when the class was not read by the generator (one that did not import, or that no imported
   * module defines).
   */
  static boolean plain(String cls, String name) {
    Entry e = entry(cls);
    if (e == null) return false;
    return e.hooked() == e.names().contains(name);
  }

  /** What a non-plain attribute is, for the finding's message. */
  static String why(String cls, String name) {
    Entry e = entry(cls);
    if (e == null)
      return "the allowlist generator did not read "
          + cls
          + "'s attributes, so '"
          + name
          + "' may be a property whose getter runs";
    if (e.hooked())
      return cls
          + " looks attributes up with its own __getattr__/__getattribute__ and '"
          + name
          + "' is none of its methods, so fetching it runs that code";
    return cls + "." + name + " is a property or computed descriptor: fetching it runs its getter";
  }
}
