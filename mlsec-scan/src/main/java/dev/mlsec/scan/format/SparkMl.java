package dev.mlsec.scan.format;

import dev.mlsec.scan.ScanContext;
import dev.mlsec.scan.ScanRule;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Spark ML folders ({@code PipelineModel.save}, {@code DefaultParamsWriter}), read as data (nothing
 * imported): each stage's {@code metadata/part-00000} is one JSON object whose {@code class}
 * pyspark's {@code DefaultParamsReader} imports ({@code __import__} of the module, getattr of the
 * class) to load the stage, so a class outside Spark's own packages runs its module's code on load
 * (shipped beside the pipeline or installed: either way not Spark's). A {@code .py} module beside a
 * pipeline that a stage names is that code. A base64 pickle in a {@code paramMap} (a pickled UDF or
 * function a custom stage decodes) is scanned as a member, as an embedded model is.
 */
public final class SparkMl {
  private SparkMl() {}

  /** The file a Spark ML writer puts a stage's metadata in (saveAsTextFile of one line). */
  static final String METADATA = "metadata/part-00000";

  private static final List<String> OWN =
      List.of("pyspark.ml.", "org.apache.spark.ml.", "pyspark.mllib.", "org.apache.spark.mllib.");
  private static final int MAX_PAYLOADS = 64;
  private static final int MAX_CHILDREN = 64; // pipelines beside a module, stages of a pipeline
  private static final int MAX_LISTED = 4096; // entries of one directory looked at
  private static final int MAX_PARENTS = 3; // the .py's directory and two above

  /** Whether a stage class is one of Spark's own (pyspark.ml, org.apache.spark.ml, mllib). */
  static boolean own(String cls) {
    for (String p : OWN) if (cls.startsWith(p)) return true;
    return false;
  }

  /** The stage class of a Spark ML metadata document, or null when it is none. */
  static String stageClass(Object root) {
    if (!(root instanceof Map<?, ?> m)
        || !(m.get("class") instanceof String cls)
        || !(m.get("sparkVersion") instanceof String)
        || !(m.get("uid") instanceof String)
        || cls.isBlank()) return null;
    return cls.strip();
  }

  /**
   * Judges a parsed JSON document: Spark ML metadata naming a class outside Spark is reported, and
   * the base64 pickles of its {@code paramMap}/{@code defaultParamMap} are added to {@code
   * payloads} (named {@code paramMap.<param>}), for the caller to scan as members.
   */
  public static void judgeJson(
      ScanContext ctx, String member, Object root, List<KerasConfig.Payload> payloads) {
    String cls = stageClass(root);
    if (cls == null) return;
    if (!own(cls)) {
      int dot = cls.lastIndexOf('.');
      String module = dot > 0 ? cls.substring(0, dot) : cls;
      ctx.report(
          ScanRule.SPARK_STAGE_CLASS,
          0,
          member,
          List.of("class: " + cls),
          "pyspark's DefaultParamsReader loads this stage by importing '"
              + module
              + "' (Spark on the JVM: loading the class): a class outside pyspark.ml and"
              + " org.apache.spark.ml, so that module's code, shipped beside the pipeline or"
              + " installed, runs when the pipeline is loaded");
    }
    Map<?, ?> m = (Map<?, ?>) root;
    for (String k : List.of("paramMap", "defaultParamMap"))
      if (m.get(k) instanceof Map<?, ?> params)
        for (Map.Entry<?, ?> e : params.entrySet()) {
          if (payloads.size() >= MAX_PAYLOADS) return;
          if (!(e.getValue() instanceof String s)) continue;
          byte[] p = base64Pickle(s);
          if (p != null) payloads.add(new KerasConfig.Payload(k + "." + e.getKey(), p));
        }
  }

  /**
   * The bytes of a base64 (standard or URL-safe) string that open like a pickle of protocol 2 to 5
   * (what pickle and cloudpickle write), or null.
   */
  static byte[] base64Pickle(String s) {
    String t = s.strip();
    if (t.length() < 8) return null;
    for (Base64.Decoder d : List.of(Base64.getDecoder(), Base64.getUrlDecoder())) {
      byte[] b;
      try {
        b = d.decode(t);
      } catch (IllegalArgumentException e) {
        continue;
      }
      if (b.length >= 3 && (b[0] & 0xff) == 0x80 && b[1] >= 2 && b[1] <= 5) return b;
    }
    return null;
  }

  /**
   * A {@code .py} module a Spark ML stage beside it names as its class: the stage metadata of a
   * pipeline rooted in the module's directory or up to two above, or in a directory beside one of
   * those (a pipeline next to the {@code code/} folder it imports from). Reported as the code that
   * runs when the pipeline is loaded.
   */
  public static void judgeShippedCode(ScanContext ctx, Path py, Folders folders) {
    if (!py.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".py")) return;
    Path abs = py.toAbsolutePath().normalize();
    Path dir = abs.getParent();
    if (dir == null) return;
    // the module names the file has, imported from each directory searched
    List<Path> levels = new ArrayList<>();
    Set<String> names = new LinkedHashSet<>();
    for (Path root = dir;
        root != null && dir.getNameCount() - root.getNameCount() < MAX_PARENTS;
        root = root.getParent()) {
      levels.add(root);
      String rel = root.relativize(abs).toString().replace('\\', '/');
      rel = rel.substring(0, rel.length() - 3);
      if (rel.endsWith("/__init__")) rel = rel.substring(0, rel.length() - "/__init__".length());
      names.add(rel.replace('/', '.'));
    }
    for (Path root : levels)
      for (Map.Entry<String, String> e : folders.of(root).entrySet()) {
        String cls = e.getKey();
        int dot = cls.lastIndexOf('.');
        if (dot <= 0 || !names.contains(cls.substring(0, dot))) continue;
        ctx.report(
            ScanRule.SPARK_STAGE_CLASS,
            0,
            "",
            List.of(e.getValue() + " class: " + cls),
            "this module holds the class a Spark ML stage beside it names ("
                + cls
                + "): pyspark's DefaultParamsReader imports it to load the pipeline, so its"
                + " module-level code runs when the pipeline is loaded");
        return;
      }
  }

  /**
   * The classes outside Spark that the stage metadata of pipelines rooted at {@code dir} or at a
   * directory in it names, with the metadata file (relative to {@code dir}) that names each.
   */
  static Map<String, String> read(Path dir, long maxBytes) {
    Map<String, String> out = new LinkedHashMap<>();
    try {
      pipeline(dir, "", maxBytes, out);
      for (Path child : directories(dir)) pipeline(child, child.getFileName() + "/", maxBytes, out);
    } catch (IOException | RuntimeException e) {
      // siblings are context: an unreadable one adds nothing
    }
    return out;
  }

  /** The pipeline's own metadata and that of its stages ({@code stages/<n>_<uid>/metadata}). */
  private static void pipeline(Path root, String prefix, long maxBytes, Map<String, String> out)
      throws IOException {
    stage(root, prefix, maxBytes, out);
    Path stages = root.resolve("stages");
    if (!Files.isDirectory(stages)) return;
    for (Path st : directories(stages))
      stage(st, prefix + "stages/" + st.getFileName() + "/", maxBytes, out);
  }

  /**
   * The first {@value #MAX_CHILDREN} directories in {@code dir} by name (of at most {@value
   * #MAX_LISTED} entries listed), so the answer does not depend on the listing order.
   */
  private static List<Path> directories(Path dir) throws IOException {
    List<Path> out = new ArrayList<>();
    int seen = 0;
    try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
      for (Path p : s) {
        if (++seen > MAX_LISTED) break;
        if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) out.add(p);
      }
    }
    out.sort(null);
    return out.size() > MAX_CHILDREN ? out.subList(0, MAX_CHILDREN) : out;
  }

  private static void stage(Path root, String prefix, long maxBytes, Map<String, String> out)
      throws IOException {
    Path meta = root.resolve(METADATA);
    if (!Files.isRegularFile(meta) || Files.size(meta) > maxBytes) return;
    byte[] b = Files.readAllBytes(meta);
    String cls;
    try {
      cls = stageClass(Json.parse(b, 0, b.length).root());
    } catch (IOException e) {
      return;
    }
    if (cls != null && !own(cls)) out.putIfAbsent(cls, prefix + METADATA);
  }

  /**
   * What {@link #read} finds for each directory, kept for one scan (a directory of many modules
   * reads the pipelines beside it once). Bounded and thread-safe as {@link
   * LoaderConfigs.Directories} is: the least recently used directory is dropped first and read
   * again when asked for, with the same answer.
   */
  public static final class Folders {
    private static final int MAX_DIRECTORIES = 4096;
    private final long maxBytes;
    private final int maxDirectories;
    private final LinkedHashMap<Path, Map<String, String>> kept =
        new LinkedHashMap<>(16, 0.75f, true);

    private Folders(long maxBytes, int maxDirectories) {
      this.maxBytes = maxBytes;
      this.maxDirectories = maxDirectories;
    }

    /** For one scan: metadata larger than {@code maxBytes} (the header limit) is not read. */
    public static Folders forScan(long maxBytes) {
      return new Folders(maxBytes, MAX_DIRECTORIES);
    }

    /** Keeps nothing (a single file). */
    public static Folders none(long maxBytes) {
      return new Folders(maxBytes, 0);
    }

    Map<String, String> of(Path dir) {
      synchronized (this) {
        Map<String, String> c = kept.get(dir);
        if (c != null) return c;
      }
      Map<String, String> c = read(dir, maxBytes);
      if (maxDirectories > 0) {
        synchronized (this) {
          kept.put(dir, c);
          var eldest = kept.entrySet().iterator();
          while (kept.size() > maxDirectories && eldest.hasNext()) {
            eldest.next();
            eldest.remove();
          }
        }
      }
      return c;
    }
  }
}
