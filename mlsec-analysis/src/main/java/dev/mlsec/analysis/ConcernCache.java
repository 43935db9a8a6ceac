package dev.mlsec.analysis;

import dev.mlsec.catalog.Catalog;
import dev.mlsec.catalog.Synonyms;
import dev.mlsec.catalog.Threat;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;

/**
 * The answers of {@link ConcernMatcher} kept between runs of the command line, so that a workflow
 * analyzed again (a pre-commit hook, an editor) maps its concerns without starting Lucene: about a
 * third of a cold {@code analyze}'s CPU time. One file per key in the {@code CacheDirectory}; the
 * key covers everything an answer depends on: the texts the matcher indexes for this catalog, the
 * synonym rules, the matcher's own code (the class files of {@link ConcernMatcher}, its nested
 * classes and {@link ConcernTexts}: weights, thresholds, the analysis chain) and Lucene's version.
 * A concern's answer is stored only as the matcher gave it, and read back only when every threat it
 * names is in the catalog; a damaged, foreign or unreadable file is ignored, so the worst a cache
 * can do is cost the matching it saves. Nothing read is executed.
 */
final class ConcernCache {
  private static final int FORMAT = 3;

  /** Files larger than this are not read (far more than {@link #MAX_ENTRIES} short concerns). */
  static final long MAX_BYTES = 4L << 20;

  /**
   * Concerns kept in one file (each with its score per threat); past this the file starts again
   * with the latest workflow's.
   */
  static final int MAX_ENTRIES = 500;

  /** A concern longer than this is matched every time (the matcher reads 24 words anyway). */
  static final int MAX_CHARS = 1_000;

  private final Path file;
  private final byte[] key;
  private final Set<String> threats = new HashSet<>();
  private final Map<String, ConcernMatcher.Result> entries = new LinkedHashMap<>();
  private boolean added;

  private ConcernCache(Path file, byte[] key, Catalog catalog) {
    this.file = file;
    this.key = key;
    for (Threat t : catalog.threats()) threats.add(t.id());
  }

  /** The cache of this catalog's answers in {@code dir}, read if it is there. */
  static ConcernCache open(Catalog catalog, Synonyms synonyms, Path dir) {
    byte[] key = key(catalog, synonyms);
    ConcernCache cache =
        new ConcernCache(
            dir.resolve("concerns-" + HexFormat.of().formatHex(key) + ".bin"), key, catalog);
    cache.read();
    return cache;
  }

  /** The stored answer for a concern's text, if there is one. */
  synchronized Optional<ConcernMatcher.Result> get(String concern) {
    return Optional.ofNullable(entries.get(concern));
  }

  /** Keeps the matcher's answer for a concern's text (written by {@link #save}). */
  synchronized void put(String concern, ConcernMatcher.Result result) {
    if (concern.length() > MAX_CHARS || entries.containsKey(concern)) return;
    if (entries.size() >= MAX_ENTRIES) entries.clear();
    entries.put(concern, result);
    added = true;
  }

  /** Writes the file when an answer was added since it was read (atomically where it can). */
  synchronized void save() {
    if (!added) return;
    // named by the clock and created only if new (another process writing at the same nanosecond
    // leaves this one's answers unsaved), not by Files.createTempFile, whose random name starts
    // SecureRandom (the security providers: about 20 ms of a cold start)
    Path tmp = file.resolveSibling(file.getFileName() + "." + System.nanoTime() + ".tmp");
    try {
      Files.createDirectories(file.getParent());
      try (OutputStream out =
          Files.newOutputStream(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        out.write(bytes());
      }
      try {
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
      }
      added = false;
    } catch (IOException | RuntimeException e) {
      // a read-only home or a full disk: the next run matches again
      try {
        Files.deleteIfExists(tmp);
      } catch (IOException | RuntimeException ignored) {
        // nothing more to do
      }
    }
  }

  Path file() {
    return file;
  }

  private byte[] bytes() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeInt(FORMAT);
      out.write(key);
      out.writeInt(entries.size());
      for (var e : entries.entrySet()) {
        out.writeUTF(e.getKey());
        ids(out, e.getValue().matched());
        ids(out, e.getValue().closest());
        ids(out, e.getValue().related());
        out.writeInt(e.getValue().units().size());
        for (var u : e.getValue().units().entrySet()) {
          out.writeUTF(u.getKey());
          out.writeFloat(u.getValue());
        }
      }
    }
    return bytes.toByteArray();
  }

  private static void ids(DataOutputStream out, List<String> ids) throws IOException {
    out.writeInt(ids.size());
    for (String id : ids) out.writeUTF(id);
  }

  private void read() {
    try {
      if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) || Files.size(file) > MAX_BYTES)
        return;
      byte[] bytes;
      try (InputStream in = Files.newInputStream(file)) {
        bytes = in.readNBytes((int) MAX_BYTES + 1);
      }
      Map<String, ConcernMatcher.Result> read = parse(bytes);
      if (read != null) entries.putAll(read);
    } catch (IOException | RuntimeException e) {
      // unreadable: the concerns are matched again
    }
  }

  /** The entries of a file's bytes; null when it is damaged, of another key or names a stranger. */
  private Map<String, ConcernMatcher.Result> parse(byte[] bytes) throws IOException {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
      if (in.readInt() != FORMAT) return null;
      byte[] stored = new byte[key.length];
      in.readFully(stored);
      if (!Arrays.equals(stored, key)) return null;
      int n = in.readInt();
      if (n < 0 || n > MAX_ENTRIES) return null;
      Map<String, ConcernMatcher.Result> out = new LinkedHashMap<>();
      for (int i = 0; i < n; i++) {
        String concern = in.readUTF();
        List<String> matched = ids(in, ConcernMatcher.MAX_MATCHED);
        List<String> closest = ids(in, ConcernMatcher.MAX_CLOSEST);
        List<String> related = ids(in, ConcernMatcher.MAX_RELATED);
        if (matched == null || closest == null || related == null) return null;
        Map<String, Float> units = units(in);
        if (units == null) return null;
        out.put(concern, new ConcernMatcher.Result(matched, closest, related, units));
      }
      return in.read() == -1 ? out : null;
    }
  }

  /** A concern's score per threat, in the order written; null when it names a stranger. */
  private Map<String, Float> units(DataInputStream in) throws IOException {
    int n = in.readInt();
    if (n < 0 || n > threats.size()) return null;
    Map<String, Float> out = new LinkedHashMap<>();
    for (int i = 0; i < n; i++) {
      String id = in.readUTF();
      float u = in.readFloat();
      if (!threats.contains(id) || !Float.isFinite(u) || out.put(id, u) != null) return null;
    }
    return out;
  }

  private List<String> ids(DataInputStream in, int max) throws IOException {
    int n = in.readInt();
    if (n < 0 || n > max) return null;
    List<String> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String id = in.readUTF();
      if (!threats.contains(id)) return null;
      out.add(id);
    }
    return List.copyOf(out);
  }

  /**
   * What the answers depend on: the catalog's indexed texts and the synonym rules (as the prebuilt
   * index checks them), the matcher's class files and Lucene's version. The class files are read as
   * resources, so Lucene's classes are not initialised for a key.
   */
  static byte[] key(Catalog catalog, Synonyms synonyms) {
    CRC32 crc = new CRC32();
    CRC32C crcc = new CRC32C();
    List<Class<?>> code = new ArrayList<>(List.of(ConcernMatcher.class.getNestMembers()));
    code.add(ConcernTexts.class);
    for (Class<?> c : code) {
      String name = c.getName().replace('.', '/') + ".class";
      try (InputStream in = ConcernCache.class.getClassLoader().getResourceAsStream(name)) {
        if (in == null) throw new IllegalStateException("no class file " + name);
        byte[] b = in.readAllBytes();
        crc.update(b);
        crcc.update(b);
      } catch (IOException e) {
        throw new IllegalStateException("class file " + name + " cannot be read", e);
      }
    }
    String fingerprint =
        HexFormat.of().toHexDigits(crc.getValue()) + HexFormat.of().toHexDigits(crcc.getValue());
    return ConcernTexts.digest(
        List.of(
            "concern cache " + FORMAT,
            fingerprint,
            org.apache.lucene.util.Version.LATEST.toString(),
            ConcernTexts.texts(catalog),
            synonyms.rules()));
  }
}
