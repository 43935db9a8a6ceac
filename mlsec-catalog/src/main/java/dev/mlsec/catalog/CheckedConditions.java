package dev.mlsec.catalog;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Type-checked CEL conditions in the plain-data form of {@link CheckedAst}, keyed by their source
 * text itself (no digest to start at run time, and no two texts share a key; the environment is
 * checked once, when a store is read): the built-in catalog's are written at build time ({@link
 * PrecompileConditions}), a user catalog's are cached after its first compilation. A condition
 * whose text is not in the store is compiled and checked as usual, so a stale or missing store only
 * costs time.
 */
final class CheckedConditions {
  static final String RESOURCE = "catalog/conditions.bin";
  private static final String MAGIC = "mlsec-checked-conditions";

  /**
   * Names the compiler environment of {@link Conditions}; change it whenever the declared
   * variables, macros or result type change, so that caches written before are not used.
   */
  static final String ENVIRONMENT =
      "3;c,f:map(string,dyn);bool;standard-macros;text-keys;checked-ast-1";

  /** Caps what a cache file may hold (entries, bytes per entry): it is only a cache. */
  private static final int MAX_ENTRIES = 10_000;

  private static final int MAX_ENTRY_BYTES = 1 << 20;

  private final Map<String, byte[]> byKey = new TreeMap<>();

  /** Keys that came from the jar: a user catalog's cache does not repeat them. */
  private final Set<String> shipped = new HashSet<>();

  private boolean added;

  /** The store shipped in the jar; empty when the build did not write it (e.g. in an IDE). */
  static CheckedConditions builtIn() {
    CheckedConditions s = new CheckedConditions();
    try (InputStream in = CheckedConditions.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      if (in != null) s.read(in);
    } catch (IOException e) {
      s.byKey.clear();
    }
    s.shipped.addAll(s.byKey.keySet());
    return s;
  }

  /** The mlsec version that keys a user catalog's cache ("dev" outside a built jar). */
  static String toolVersion() {
    String v = CheckedConditions.class.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }

  byte[] get(String condition) {
    return byKey.get(condition);
  }

  void put(String condition, byte[] checked) {
    if (byKey.put(condition, checked) == null) added = true;
  }

  /** Whether a condition was compiled and added since the store was read. */
  boolean added() {
    return added;
  }

  int size() {
    return byKey.size();
  }

  /** Reads entries; a malformed store is dropped whole (the conditions are then compiled). */
  void read(InputStream in) throws IOException {
    DataInputStream d = new DataInputStream(in);
    if (!d.readUTF().equals(MAGIC) || !d.readUTF().equals(ENVIRONMENT)) return;
    int n = d.readInt();
    if (n < 0 || n > MAX_ENTRIES) throw new IOException("bad entry count " + n);
    Map<String, byte[]> read = new TreeMap<>();
    for (int i = 0; i < n; i++) {
      String k = new String(chunk(d), StandardCharsets.UTF_8);
      read.put(k, chunk(d));
    }
    byKey.putAll(read);
  }

  private static byte[] chunk(DataInputStream d) throws IOException {
    int len = d.readInt();
    if (len < 0 || len > MAX_ENTRY_BYTES) throw new IOException("bad entry length " + len);
    byte[] b = new byte[len];
    d.readFully(b);
    return b;
  }

  /**
   * Writes every entry not shipped in the jar, in key order, so the same conditions give the same
   * bytes.
   */
  void write(OutputStream out) throws IOException {
    Map<String, byte[]> own = new TreeMap<>(byKey);
    own.keySet().removeAll(shipped);
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    DataOutputStream d = new DataOutputStream(buf);
    d.writeUTF(MAGIC);
    d.writeUTF(ENVIRONMENT);
    d.writeInt(own.size());
    for (var e : own.entrySet()) {
      byte[] key = e.getKey().getBytes(StandardCharsets.UTF_8);
      d.writeInt(key.length);
      d.write(key);
      d.writeInt(e.getValue().length);
      d.write(e.getValue());
    }
    d.flush();
    out.write(buf.toByteArray());
  }

  static String sha256(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }
}
