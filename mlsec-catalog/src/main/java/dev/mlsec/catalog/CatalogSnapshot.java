package dev.mlsec.catalog;

import dev.mlsec.model.Position;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.zip.CRC32;

/**
 * The built-in catalog as the build parsed and checked it, in a compact binary form ({@value
 * #RESOURCE}) that a run reads instead of parsing the catalog's YAML: strings, counts and enum ids
 * through {@link DataInputStream}, no Java serialization, nothing executed. Written by {@link
 * PrecompileConditions} from the YAML of the same build. It names the resources it was made from
 * with their CRC-32; a snapshot whose resources differ from those on the classpath (a catalog file
 * edited after the build, a new format) is not used, and the YAML is parsed as for a user catalog.
 */
final class CatalogSnapshot {
  static final String RESOURCE = "catalog/catalog.bin";
  private static final String MAGIC = "mlsec-catalog-snapshot";

  /** Change it with the layout below; a snapshot of another format is ignored. */
  static final int FORMAT = 2;

  /** Bounds what a snapshot may declare (it comes from the jar, but a bad one must not hang). */
  private static final int MAX_COUNT = 100_000;

  private static final int MAX_STRING_BYTES = YamlNodes.MAX_CHARS;

  /** What a snapshot holds. */
  record Contents(
      Catalog catalog, Map<String, Map<String, String>> references, Synonyms synonyms) {}

  private CatalogSnapshot() {}

  /**
   * The snapshot in the jar (read once); empty when absent, damaged or made from other resources.
   */
  static Optional<Contents> builtIn() {
    return Shipped.CONTENTS;
  }

  /** Read on first use, once per process. */
  private static final class Shipped {
    static final Optional<Contents> CONTENTS = readBuiltIn();
  }

  private static Optional<Contents> readBuiltIn() {
    try (InputStream in = resource(RESOURCE)) {
      if (in == null) return Optional.empty();
      return read(in, CatalogSnapshot::bytes);
    } catch (IOException | RuntimeException e) {
      return Optional.empty(); // the YAML is parsed instead
    }
  }

  /**
   * Reads a snapshot; empty when its magic, format or any source's CRC-32 differs ({@code sources}
   * gives a resource's bytes, or null when it is gone).
   */
  static Optional<Contents> read(InputStream in, Function<String, byte[]> sources)
      throws IOException {
    DataInputStream d = new DataInputStream(in);
    if (!d.readUTF().equals(MAGIC) || d.readInt() != FORMAT) return Optional.empty();
    int n = count(d);
    for (int i = 0; i < n; i++) {
      String name = string(d);
      long crc = d.readLong();
      byte[] now = sources.apply(name);
      if (now == null || crc(now) != crc) return Optional.empty();
    }
    String version = string(d);
    Map<String, Map<String, String>> references = new LinkedHashMap<>();
    for (int i = 0, frameworks = count(d); i < frameworks; i++)
      references.put(string(d), stringMap(d));
    List<Family> families = new ArrayList<>();
    for (int i = 0, k = count(d); i < k; i++)
      families.add(new Family(string(d), string(d), string(d)));
    List<Threat> threats = new ArrayList<>();
    for (int i = 0, k = count(d); i < k; i++) threats.add(threat(d));
    List<ControlDef> controls = new ArrayList<>();
    for (int i = 0, k = count(d); i < k; i++) controls.add(control(d));
    Synonyms synonyms = new Synonyms(strings(d), stringMap(d));
    Catalog catalog = new Catalog(version, families, threats, controls, references);
    return Optional.of(new Contents(catalog, references, synonyms));
  }

  /**
   * The snapshot's bytes: deterministic (maps in file order, frameworks sorted), so the same
   * catalog gives the same file.
   */
  static byte[] write(
      Catalog catalog,
      Map<String, Map<String, String>> references,
      Synonyms synonyms,
      Map<String, byte[]> sources)
      throws IOException {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    DataOutputStream d = new DataOutputStream(buf);
    d.writeUTF(MAGIC);
    d.writeInt(FORMAT);
    Map<String, byte[]> sorted = new TreeMap<>(sources);
    d.writeInt(sorted.size());
    for (var e : sorted.entrySet()) {
      string(d, e.getKey());
      d.writeLong(crc(e.getValue()));
    }
    string(d, catalog.version());
    Map<String, Map<String, String>> frameworks = new TreeMap<>(references);
    d.writeInt(frameworks.size());
    for (var e : frameworks.entrySet()) {
      string(d, e.getKey());
      stringMap(d, e.getValue());
    }
    d.writeInt(catalog.families().size());
    for (Family f : catalog.families()) {
      string(d, f.id());
      string(d, f.title());
      string(d, f.description());
    }
    d.writeInt(catalog.threats().size());
    for (Threat t : catalog.threats()) threat(d, t);
    d.writeInt(catalog.controls().size());
    for (ControlDef c : catalog.controls()) control(d, c);
    strings(d, synonyms.rules());
    stringMap(d, synonyms.ids());
    d.flush();
    return buf.toByteArray();
  }

  private static void threat(DataOutputStream d, Threat t) throws IOException {
    string(d, t.id());
    string(d, t.title());
    string(d, t.threatClass().id());
    string(d, t.family());
    string(d, t.stage());
    strings(d, t.appliesTo());
    string(d, t.condition());
    strings(d, t.why());
    string(d, t.path());
    string(d, t.impact().id());
    string(d, t.summary());
    string(d, t.detail());
    string(d, t.attackerNeeds());
    string(d, t.businessImpact());
    string(d, t.firstStep());
    string(d, t.falsePositive());
    strings(d, t.keywords());
    References r = t.refs();
    strings(d, r.atlas());
    strings(d, r.owaspMl());
    strings(d, r.owaspLlm());
    strings(d, r.nistAml());
    strings(d, r.euAiAct());
    position(d, t.position());
  }

  private static Threat threat(DataInputStream d) throws IOException {
    return new Threat(
        string(d),
        string(d),
        ThreatClass.byId(string(d)).orElseThrow(() -> new IOException("bad threat class")),
        string(d),
        string(d),
        strings(d),
        string(d),
        strings(d),
        string(d),
        Severity.byId(string(d)).orElseThrow(() -> new IOException("bad impact")),
        string(d),
        string(d),
        string(d),
        string(d),
        string(d),
        string(d),
        strings(d),
        new References(strings(d), strings(d), strings(d), strings(d), strings(d)),
        position(d));
  }

  private static void control(DataOutputStream d, ControlDef c) throws IOException {
    string(d, c.id());
    string(d, c.title());
    string(d, c.description());
    strings(d, c.full());
    strings(d, c.partial());
    d.writeInt(c.notStopped().size());
    for (ControlDef.Misbelief m : c.notStopped()) {
      string(d, m.threat());
      string(d, m.reason());
    }
    string(d, c.placement().id());
    position(d, c.position());
    strings(d, c.keywords());
  }

  private static ControlDef control(DataInputStream d) throws IOException {
    String id = string(d);
    String title = string(d);
    String description = string(d);
    List<String> full = strings(d);
    List<String> partial = strings(d);
    List<ControlDef.Misbelief> notStopped = new ArrayList<>();
    for (int i = 0, n = count(d); i < n; i++)
      notStopped.add(new ControlDef.Misbelief(string(d), string(d)));
    Placement placement =
        Placement.byId(string(d)).orElseThrow(() -> new IOException("bad placement"));
    Position position = position(d);
    return new ControlDef(
        id, title, description, full, partial, notStopped, placement, position, strings(d));
  }

  private static void position(DataOutputStream d, Position p) throws IOException {
    string(d, p.file());
    d.writeInt(p.line());
    d.writeInt(p.column());
  }

  private static Position position(DataInputStream d) throws IOException {
    return new Position(string(d), d.readInt(), d.readInt());
  }

  private static void strings(DataOutputStream d, List<String> list) throws IOException {
    d.writeInt(list.size());
    for (String s : list) string(d, s);
  }

  private static List<String> strings(DataInputStream d) throws IOException {
    int n = count(d);
    List<String> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) out.add(string(d));
    return out;
  }

  private static void stringMap(DataOutputStream d, Map<String, String> map) throws IOException {
    d.writeInt(map.size());
    for (var e : map.entrySet()) {
      string(d, e.getKey());
      string(d, e.getValue());
    }
  }

  private static Map<String, String> stringMap(DataInputStream d) throws IOException {
    Map<String, String> out = new LinkedHashMap<>();
    for (int i = 0, n = count(d); i < n; i++) out.put(string(d), string(d));
    return out;
  }

  /** UTF-8 with an int length: writeUTF stops at 64 KB. */
  private static void string(DataOutputStream d, String s) throws IOException {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    d.writeInt(b.length);
    d.write(b);
  }

  private static String string(DataInputStream d) throws IOException {
    int n = d.readInt();
    if (n < 0 || n > MAX_STRING_BYTES) throw new IOException("bad string length " + n);
    byte[] b = new byte[n];
    d.readFully(b);
    return new String(b, StandardCharsets.UTF_8);
  }

  private static int count(DataInputStream d) throws IOException {
    int n = d.readInt();
    if (n < 0 || n > MAX_COUNT) throw new IOException("bad count " + n);
    return n;
  }

  static long crc(byte[] bytes) {
    CRC32 c = new CRC32();
    c.update(bytes);
    return c.getValue();
  }

  private static InputStream resource(String name) {
    return CatalogSnapshot.class.getClassLoader().getResourceAsStream(name);
  }

  /** A resource's bytes, or null when it is not on the classpath. */
  static byte[] bytes(String name) {
    try (InputStream in = resource(name)) {
      return in == null ? null : in.readNBytes(YamlNodes.MAX_CHARS + 1);
    } catch (IOException e) {
      return null;
    }
  }
}
