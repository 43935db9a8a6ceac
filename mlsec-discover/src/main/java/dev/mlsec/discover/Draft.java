package dev.mlsec.discover;

import dev.mlsec.model.AttributeSpec;
import dev.mlsec.model.ComponentKind;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What the sources have inferred so far: components with attributes, flows and credentials, each
 * with its evidence, plus the files read and the warnings. Sources only add; a fact stated twice
 * about the same component is merged, and the evidence of both is kept.
 */
public final class Draft {

  /** A warning about one file; {@code line} 0 when it concerns the whole file. */
  public record Warning(String file, int line, String message) implements Comparable<Warning> {
    @Override
    public int compareTo(Warning o) {
      int c = file.compareTo(o.file);
      if (c != 0) return c;
      c = Integer.compare(line, o.line);
      return c != 0 ? c : message.compareTo(o.message);
    }

    @Override
    public String toString() {
      return (line > 0 ? file + ":" + line : file) + ": " + message;
    }
  }

  /** One inferred attribute value: a word, {@code Boolean}, text or a list of words. */
  public record Fact(Object value, List<Evidence> evidence) {}

  /** One component being drafted. */
  public static final class Part {
    final String id;
    final ComponentKind kind;
    String name;
    final Set<Evidence> evidence = new TreeSet<>();
    final Set<String> sources = new TreeSet<>();
    final Map<String, Object> values = new LinkedHashMap<>();
    final Map<String, Set<Evidence>> valueEvidence = new LinkedHashMap<>();
    final Set<String> contains = new TreeSet<>();
    final List<String> notes = new ArrayList<>();

    Part(String id, ComponentKind kind) {
      this.id = id;
      this.kind = kind;
    }

    public String id() {
      return id;
    }

    public ComponentKind kind() {
      return kind;
    }

    public Optional<Object> value(String attribute) {
      return Optional.ofNullable(values.get(attribute));
    }

    /** Names the component for people, once (the first name given stays). */
    public Part name(String n) {
      if (name == null && n != null && !n.isBlank()) name = n.strip();
      return this;
    }

    /**
     * Sets an attribute. When it is already set, the value that exposes more risk stays (an unsafe
     * artifact format over a safe one, unpinned over pinned, the wider of two lists), so that one
     * careful use never hides a careless one; the evidence of both is kept.
     */
    public Part set(String attribute, Object value, Evidence why) {
      AttributeSpec spec = kind.attributes().get(attribute);
      if (spec == null)
        throw new IllegalArgumentException(kind.id() + " has no attribute " + attribute);
      if (value instanceof String s && spec.type() == dev.mlsec.model.AttributeType.ENUM_LIST)
        value = List.of(s);
      Object old = values.get(attribute);
      if (old == null) values.put(attribute, value);
      else if (!old.equals(value)) values.put(attribute, riskier(attribute, old, value));
      valueEvidence.computeIfAbsent(attribute, k -> new TreeSet<>()).add(why);
      return this;
    }

    /** Whether the component's kind has the attribute (a data source carries no pinning). */
    public boolean has(String attribute) {
      return kind.attributes().containsKey(attribute);
    }

    /** A component-level piece of evidence ("from dvc.yaml:12"). */
    public Part because(Evidence why, String source) {
      evidence.add(why);
      sources.add(source);
      return this;
    }

    public Part contains(String assetId) {
      contains.add(assetId);
      return this;
    }

    /** A line of explanation written as a comment in the draft. */
    public Part note(String text) {
      if (!notes.contains(text)) notes.add(text);
      return this;
    }

    private static Object riskier(String attribute, Object a, Object b) {
      if (a instanceof Boolean x && b instanceof Boolean y) {
        // pinned only when every use pins; "true" facts elsewhere are not risk facts
        return attribute.equals("pinned") ? (x && y) : (x || y);
      }
      if (a instanceof List<?> x && b instanceof List<?> y) {
        Set<Object> all = new LinkedHashSet<>(x);
        all.addAll(y);
        return List.copyOf(all);
      }
      if (attribute.equals("artifact-format")) {
        return FORMAT_RISK.indexOf(b) < FORMAT_RISK.indexOf(a) ? b : a;
      }
      if (attribute.equals("source")) {
        return SOURCE_RISK.indexOf(b) < SOURCE_RISK.indexOf(a) ? b : a;
      }
      return a;
    }
  }

  /** Artifact formats from the one that runs most code on load to the least. */
  static final List<Object> FORMAT_RISK =
      List.of(
          "pickle",
          "joblib",
          "pytorch",
          "keras",
          "torchscript",
          "savedmodel",
          "gguf",
          "onnx",
          "tflite",
          "safetensors");

  static final List<Object> SOURCE_RISK =
      List.of("public-hub", "remote-server", "third-party", "vendor", "first-party", "internal");

  /** A credential found (an environment key, a CI secret). */
  record Credential(String id, String grants, Set<Evidence> evidence) {}

  private final Map<String, Part> parts = new LinkedHashMap<>();
  private final Map<String, Set<Evidence>> flows = new LinkedHashMap<>();
  private final Map<String, Credential> credentials = new TreeMap<>();
  private final Set<Warning> warnings = new TreeSet<>();
  private final Set<String> read = new TreeSet<>();
  private final Map<String, String> byArtifact = new TreeMap<>();

  /**
   * The component {@code id}, created with {@code kind} if new. When the id is taken by another
   * kind, the new component gets the kind as a suffix.
   */
  public Part component(String id, ComponentKind kind) {
    String key = Ids.slug(id);
    Part p = parts.get(key);
    if (p != null && p.kind != kind) {
      key = Ids.slug(id + "-" + kind.id());
      p = parts.get(key);
    }
    if (p == null) {
      p = new Part(key, kind);
      parts.put(key, p);
    }
    return p;
  }

  /** A new component, never merged with one of the same id: the id gets a number if taken. */
  public Part fresh(String id, ComponentKind kind) {
    String base = Ids.slug(id);
    String key = base;
    for (int n = 2; parts.containsKey(key); n++) key = base + "-" + n;
    Part p = new Part(key, kind);
    parts.put(key, p);
    return p;
  }

  public Optional<Part> find(String id) {
    return Optional.ofNullable(parts.get(id));
  }

  public Collection<Part> parts() {
    return parts.values();
  }

  /** Remembers that {@code path} (relative to the repository) belongs to a component. */
  public void artifact(String path, Part owner) {
    byArtifact.putIfAbsent(normalize(path), owner.id);
  }

  /**
   * The component that holds the model file at {@code path}: the one a source already named for it,
   * else a new model registry named after the file, with the file as its {@code artifacts}.
   */
  public Part modelFile(String path, Evidence why, String source) {
    Optional<Part> known = byArtifact(path);
    if (known.isPresent()) return known.get().because(why, source);
    String p = normalize(path);
    String stem = p.substring(p.lastIndexOf('/') + 1);
    int dot = stem.lastIndexOf('.');
    if (dot > 0) stem = stem.substring(0, dot);
    Part part =
        fresh(stem.contains("model") ? stem : stem + "-model", ComponentKind.MODEL_REGISTRY);
    part.because(why, source).name("model file " + p);
    if (!part.values.containsKey("artifacts")) part.set("artifacts", p, why);
    artifact(p, part);
    return part;
  }

  /** The component that holds a model file, if any source named it. */
  public Optional<Part> byArtifact(String path) {
    return Optional.ofNullable(byArtifact.get(normalize(path))).map(parts::get);
  }

  private static String normalize(String p) {
    String s = p.replace('\\', '/');
    while (s.startsWith("./")) s = s.substring(2);
    while (s.endsWith("/")) s = s.substring(0, s.length() - 1);
    return s;
  }

  public void flow(Part from, Part to, Evidence why) {
    if (from.id.equals(to.id)) return;
    String reverse = to.id + " -> " + from.id;
    String key = from.id + " -> " + to.id;
    if (flows.containsKey(reverse)) key = reverse; // one direction is enough to connect them
    flows.computeIfAbsent(key, k -> new TreeSet<>()).add(why);
  }

  /** A credential asset, placed in the component where it sits. */
  public void credential(String name, String grants, Part where, Evidence why) {
    String id = Ids.slug(name);
    credentials
        .computeIfAbsent(id, k -> new Credential(k, grants, new TreeSet<>()))
        .evidence()
        .add(why);
    where.contains(id);
  }

  public synchronized void warn(String file, int line, String message) {
    warnings.add(new Warning(file, line, message));
  }

  synchronized void read(String file) {
    read.add(file);
  }

  public Set<String> filesRead() {
    return read;
  }

  public Set<Warning> warnings() {
    return warnings;
  }

  Map<String, Set<Evidence>> flows() {
    return flows;
  }

  Map<String, Credential> credentials() {
    return credentials;
  }

  /** Lower-case word for messages. */
  static String lower(String s) {
    return s.toLowerCase(Locale.ROOT);
  }
}
