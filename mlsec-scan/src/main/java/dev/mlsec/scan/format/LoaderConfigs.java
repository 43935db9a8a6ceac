package dev.mlsec.scan.format;

import dev.mlsec.scan.ScanContext;
import dev.mlsec.scan.ScanRule;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Model configurations that make a loader import Python code shipped with the model, read as data
 * (nothing imported): an MLflow {@code MLmodel} whose {@code python_function} flavor names a {@code
 * loader_module} outside MLflow ({@code mlflow.pyfunc.load_model} puts the flavor's {@code code}
 * directory on {@code sys.path} and imports it), and a Hugging Face config whose {@code auto_map}
 * (or {@code custom_pipelines}) names a module ({@code from_pretrained(...,
 * trust_remote_code=True)} imports it from the repository), or a PEFT {@code adapter_config.json}
 * whose {@code auto_mapping.parent_library} is outside the model libraries ({@link
 * LoaderConventions}: {@code AutoPeftModel.from_pretrained} imports it by name). A {@code .py} file
 * that such a config beside it names is reported as the code that runs on load.
 */
public final class LoaderConfigs {
  private LoaderConfigs() {}

  /** The file name MLflow gives a model's description. */
  public static final String MLMODEL = "MLmodel";

  private static final int MAX_LINES = 10_000;
  private static final int MAX_SIBLINGS = 64;
  private static final int MAX_PARENTS = 3; // directories searched: the file's own and two above

  // ---- MLflow ----

  /** The loader module and code directory of an MLmodel's python_function flavor (or nulls). */
  record Pyfunc(String loaderModule, String code) {}

  /**
   * The {@code flavors: python_function:} block of an MLmodel (YAML as MLflow writes it: block
   * mappings by indentation, plain or quoted scalars); null when there is none.
   */
  static Pyfunc pyfunc(String text) {
    Map<String, String> flat = blockKeys(text);
    String loader = flat.get("flavors.python_function.loader_module");
    String code = flat.get("flavors.python_function.code");
    return loader == null && code == null ? null : new Pyfunc(loader, code);
  }

  /**
   * The scalar values of a YAML document's block mappings by dotted key path (list items, flow
   * collections and multi-line scalars are skipped); a small reader for the few keys judged.
   */
  static Map<String, String> blockKeys(String text) {
    Map<String, String> out = new LinkedHashMap<>();
    List<Integer> indents = new ArrayList<>(); // of the keys on the path
    List<String> path = new ArrayList<>();
    int n = 0;
    for (String raw : text.split("\r?\n|\r", -1)) {
      if (++n > MAX_LINES) break;
      String line = stripComment(raw);
      if (line.isBlank()) continue;
      int indent = 0;
      while (indent < line.length() && line.charAt(indent) == ' ') indent++;
      String body = line.substring(indent).strip();
      if (body.startsWith("-") || body.startsWith("---") || body.startsWith("...")) continue;
      int colon = keyEnd(body);
      if (colon < 0) continue;
      while (!indents.isEmpty() && indents.get(indents.size() - 1) >= indent) {
        indents.remove(indents.size() - 1);
        path.remove(path.size() - 1);
      }
      String key = unquote(body.substring(0, colon).strip());
      String value = body.substring(colon + 1).strip();
      indents.add(indent);
      path.add(key);
      if (!value.isEmpty() && path.size() <= 8)
        out.putIfAbsent(String.join(".", path), unquote(value));
    }
    return out;
  }

  private static String stripComment(String s) {
    int hash = unquoted(s, '#');
    return hash < 0 ? s : s.substring(0, hash);
  }

  /** The index of the ':' that ends a mapping key (followed by a space or the end), or -1. */
  private static int keyEnd(String body) {
    return unquoted(body, ':');
  }

  /**
   * The first {@code c} outside quotes that YAML reads as syntax: a '#' at the start or after a
   * space (a comment), a ':' before a space or the end (a key's end); -1 when there is none.
   */
  private static int unquoted(String s, char c) {
    boolean single = false;
    boolean dbl = false;
    for (int i = 0; i < s.length(); i++) {
      char x = s.charAt(i);
      if (x == '\'' && !dbl) single = !single;
      else if (x == '"' && !single) dbl = !dbl;
      else if (x == c && !single && !dbl) {
        boolean syntax =
            c == '#'
                ? i == 0 || Character.isWhitespace(s.charAt(i - 1))
                : i + 1 == s.length() || s.charAt(i + 1) == ' ';
        if (syntax) return i;
      }
    }
    return -1;
  }

  private static String unquote(String s) {
    if (s.length() >= 2
        && ((s.charAt(0) == '"' && s.endsWith("\"")) || (s.charAt(0) == '\'' && s.endsWith("'"))))
      return s.substring(1, s.length() - 1);
    return s;
  }

  /** Whether a loader module is MLflow's own flavor loader ({@code mlflow.sklearn}, ...). */
  private static boolean mlflowOwn(String module) {
    return module.equals("mlflow") || module.startsWith("mlflow.");
  }

  /** An MLmodel's python_function flavor when its loader module is not MLflow's own, or null. */
  private static Pyfunc externalLoader(byte[] mlmodel) {
    Pyfunc p = pyfunc(new String(mlmodel, StandardCharsets.UTF_8));
    return p == null || p.loaderModule() == null || mlflowOwn(p.loaderModule()) ? null : p;
  }

  /** Judges an MLmodel file: a loader module outside MLflow is code that runs on load. */
  public static void judgeMlmodel(ScanContext ctx, String member, byte[] bytes) {
    Pyfunc p = externalLoader(bytes);
    if (p == null) return;
    ctx.report(
        ScanRule.MLFLOW_LOADER_CODE,
        0,
        member,
        List.of("flavors.python_function.loader_module: " + p.loaderModule()),
        "mlflow.pyfunc.load_model imports loader_module '"
            + p.loaderModule()
            + "'"
            + (p.code() != null ? " from the model's own code directory '" + p.code() + "'" : "")
            + " and calls its _load_pyfunc: the shipped code runs when the model is loaded");
  }

  // ---- Hugging Face ----

  /** "module.Class" references of a config's auto_map and custom_pipelines, by where found. */
  static Map<String, String> remoteCode(Object root) {
    Map<String, String> out = new LinkedHashMap<>();
    if (!(root instanceof Map<?, ?> m)) return out;
    if (m.get("auto_map") instanceof Map<?, ?> auto)
      for (Map.Entry<?, ?> e : auto.entrySet()) {
        Object v = e.getValue();
        if (v instanceof String s) out.putIfAbsent("auto_map." + e.getKey(), s);
        else if (v instanceof List<?> l) // tokenizers: [slow, fast], either may be null
        for (int i = 0; i < l.size(); i++)
            if (l.get(i) instanceof String s)
              out.putIfAbsent("auto_map." + e.getKey() + "[" + i + "]", s);
      }
    if (m.get("custom_pipelines") instanceof Map<?, ?> pipes)
      for (Map.Entry<?, ?> e : pipes.entrySet())
        if (e.getValue() instanceof Map<?, ?> task)
          for (String k : List.of("impl", "pt", "tf"))
            if (task.get(k) instanceof String s)
              out.putIfAbsent("custom_pipelines." + e.getKey() + "." + k, s);
    return out;
  }

  /** Judges a parsed JSON config: auto_map / custom_pipelines name code the loader imports. */
  public static void judgeJson(ScanContext ctx, String member, Object root) {
    Map<String, String> refs = remoteCode(root);
    reportRemoteCode(
        ctx,
        member,
        refs,
        "from_pretrained(..., trust_remote_code=True) imports the code this config names",
        refs.values().stream().anyMatch(v -> v.contains("--")));
  }

  /**
   * Reports the module references of a config file ({@code key: module.Class}, in order; nothing
   * when there are none) as {@link ScanRule#HF_REMOTE_CODE}: {@code lead}, the first three, and
   * that the modules shipped with the model (or, {@code otherRepository}, another one) run.
   */
  static void reportRemoteCode(
      ScanContext ctx,
      String member,
      Map<String, String> refs,
      String lead,
      boolean otherRepository) {
    if (refs.isEmpty()) return;
    List<String> chain = new ArrayList<>();
    for (Map.Entry<String, String> e : refs.entrySet()) chain.add(e.getKey() + ": " + e.getValue());
    ctx.report(
        ScanRule.HF_REMOTE_CODE,
        0,
        member,
        chain,
        lead
            + " ("
            + String.join(", ", chain.subList(0, Math.min(3, chain.size())))
            + "): modules shipped with the model"
            + (otherRepository ? " or another repository" : "")
            + " run when it is loaded");
  }

  /**
   * The {@code path/to/module.py} a reference names ({@code module.Class}, {@code
   * repo--module.Class} names another repository and no local file), or null.
   */
  static String modulePath(String ref) {
    if (ref.contains("--")) return null;
    int dot = ref.lastIndexOf('.');
    if (dot <= 0) return null;
    return ref.substring(0, dot).replace('.', '/') + ".py";
  }

  // ---- the shipped .py ----

  /**
   * A {@code .py} file named as loader code by a config in its directory or up to two directories
   * above it (an HF {@code *.json} whose references name it, a PEFT adapter config whose
   * parent_library it is, an MLmodel whose code directory holds it as the loader module, a pipeline
   * description {@link PipelineConfigs} reads): reported as the code that runs when the model is
   * loaded. What a directory's configs say is read through {@code dirs}, once per directory for a
   * whole scan; one walk up the directories serves both judges.
   */
  public static void judgeShippedCode(ScanContext ctx, Path py, Directories dirs) {
    List<Level> levels = levels(py, dirs);
    // Hugging Face: config.json, tokenizer_config.json, ... in the repository root
    for (Level l : levels) {
      String rel = l.rel();
      Configs c = l.configs();
      for (Named n : c.hf().getOrDefault(rel, List.of()))
        n.report(
            ctx,
            n.file().equals(LoaderConventions.ADAPTER_CONFIG)
                ? "AutoPeftModel.from_pretrained imports it by name (no trust_remote_code asked),"
                    + " so its module-level code runs when the adapter is loaded"
                : "from_pretrained(..., trust_remote_code=True) imports it, so its module-level"
                    + " code runs when the model is loaded");
      // MLflow: <model>/MLmodel with python_function.code = dir holding loader_module
      Pyfunc p = c.mlflow();
      if (p != null) {
        String base = p.code() == null || p.code().isBlank() ? "" : p.code().strip() + "/";
        String mod = p.loaderModule().replace('.', '/');
        if (rel.equals(base + mod + ".py") || rel.equals(base + mod + "/__init__.py"))
          ctx.report(
              ScanRule.MLFLOW_LOADER_CODE,
              0,
              "",
              List.of(MLMODEL + " flavors.python_function.loader_module: " + p.loaderModule()),
              "this module is the loader_module of the MLmodel above it:"
                  + " mlflow.pyfunc.load_model imports it, so its module-level code runs when"
                  + " the model is loaded");
      }
      // a directory that could not be read to the end: nothing above it is read either
      if (c.incomplete()) break;
    }
    PipelineConfigs.judgeShippedCode(ctx, levels);
  }

  /** One directory a {@code .py} is judged from: the file's path below it, what it holds. */
  record Level(String rel, Configs configs) {}

  /**
   * The {@code .py} file's own directory and up to two above it, nearest first, with what their
   * configs say (empty for any other file); the walk ends at a directory neither judge reads past.
   */
  private static List<Level> levels(Path py, Directories dirs) {
    List<Level> out = new ArrayList<>();
    if (!py.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".py")) return out;
    Path abs = py.toAbsolutePath().normalize();
    Path dir = abs.getParent();
    if (dir == null) return out;
    for (Path root = dir;
        root != null && dir.getNameCount() - root.getNameCount() < MAX_PARENTS;
        root = root.getParent()) {
      Configs c = dirs.of(root);
      out.add(new Level(root.relativize(abs).toString().replace('\\', '/'), c));
      if (c.incomplete() && c.pipelines().incomplete()) break;
    }
    return out;
  }

  /** An {@code auto_map}-style reference of a config file: where, under which key, what. */
  record Named(String file, String key, String ref) {
    /** Reports the {@code .py} this names as the code {@code how} runs. */
    void report(ScanContext ctx, String how) {
      ctx.report(
          ScanRule.HF_REMOTE_CODE,
          0,
          "",
          List.of(file + " " + key + ": " + ref),
          "this module is the code " + file + " names (" + key + "): " + how);
    }
  }

  /**
   * What the configs of one directory say about the {@code .py} files at or below it: the HF
   * references by the module path they name (in the order the configs were read), the MLmodel's
   * external loader (or null), and whether reading stopped at an error (siblings are context: an
   * unreadable one adds nothing, and the directories above are not read); and what its pipeline
   * descriptions name, read apart (an error in one does not hide the other).
   */
  record Configs(
      Map<String, List<Named>> hf,
      Pyfunc mlflow,
      boolean incomplete,
      PipelineConfigs.Modules pipelines,
      long weight) {
    static Configs read(Path root, long maxBytes) {
      Map<String, List<Named>> hf = new LinkedHashMap<>();
      Map<String, Object> parsedPipelines = new HashMap<>(); // parsed here, so not read again
      long weight = 64;
      Pyfunc p = null;
      boolean incomplete = false;
      try {
        int seen = 0;
        try (DirectoryStream<Path> jsons = Files.newDirectoryStream(root, "*.json")) {
          for (Path j : jsons) {
            if (++seen > MAX_SIBLINGS) break;
            if (!Files.isRegularFile(j) || Files.size(j) > maxBytes) continue;
            byte[] b = Files.readAllBytes(j);
            Object parsed;
            try {
              parsed = Json.parse(b, 0, b.length).root();
            } catch (IOException e) {
              continue;
            }
            String file = j.getFileName().toString();
            if (PipelineConfigs.isDescription(file)) parsedPipelines.put(file, parsed);
            for (Map.Entry<String, String> e : remoteCode(parsed).entrySet()) {
              String module = modulePath(e.getValue());
              if (module == null) continue; // another repository's code: no local file
              weight += name(hf, module, new Named(file, e.getKey(), e.getValue()));
            }
            // a PEFT adapter's parent_library a.b: the module a/b.py or the package a/b/
            String lib =
                file.equals(LoaderConventions.ADAPTER_CONFIG)
                    ? LoaderConventions.localParentLibrary(parsed)
                    : null;
            if (lib != null) {
              Named n = new Named(file, "auto_mapping.parent_library", lib);
              String module = lib.replace('.', '/');
              weight += name(hf, module + ".py", n) + name(hf, module + "/__init__.py", n);
            }
          }
        }
        Path mlmodel = root.resolve(MLMODEL);
        if (Files.isRegularFile(mlmodel) && Files.size(mlmodel) <= maxBytes) {
          p = externalLoader(Files.readAllBytes(mlmodel));
          if (p != null) weight += 32 + p.loaderModule().length() + length(p.code());
        }
      } catch (IOException | RuntimeException e) {
        p = null;
        incomplete = true;
      }
      PipelineConfigs.Modules pipelines =
          PipelineConfigs.Modules.read(root, maxBytes, parsedPipelines);
      return new Configs(hf, p, incomplete, pipelines, weight + pipelines.weight());
    }

    /** Files {@code n} under the module path it names; the characters that keeps. */
    private static long name(Map<String, List<Named>> hf, String module, Named n) {
      hf.computeIfAbsent(module, k -> new ArrayList<>()).add(n);
      return 32L + module.length() + n.file().length() + n.key().length() + n.ref().length();
    }

    private static int length(String s) {
      return s == null ? 0 : s.length();
    }
  }

  /**
   * The {@link Configs} of directories, read once per scan instead of once per {@code .py} file (a
   * directory of 2,000 modules beside 64 configs, three levels deep, read its configs 6,000 times).
   * One per scan (a directory tree, a Spark task), dropped with it; never shared between scans, so
   * a config edited between two scans is read anew. Thread-safe: two threads that want the same
   * directory at once may both read it, and get the same answer. Bounded: at most {@code
   * maxDirectories} directories and {@code maxWeight} characters of references are kept, the least
   * recently used dropped first (a dropped directory is read again when asked for, with the same
   * answer, so the bound costs time, never a verdict).
   */
  public static final class Directories {
    /** Directories kept by {@link #forScan}: a hub repository has far fewer. */
    public static final int MAX_DIRECTORIES = 4096;

    /** Characters of references kept by {@link #forScan} (about 8 MB of strings). */
    public static final long MAX_WEIGHT = 4L << 20;

    private final long maxBytes;
    private final int maxDirectories;
    private final long maxWeight;
    private final LinkedHashMap<Path, Configs> kept = new LinkedHashMap<>(16, 0.75f, true);
    private long weight;

    Directories(long maxBytes, int maxDirectories, long maxWeight) {
      this.maxBytes = maxBytes;
      this.maxDirectories = maxDirectories;
      this.maxWeight = maxWeight;
    }

    /** For one scan: configs larger than {@code maxBytes} (the header limit) are not read. */
    public static Directories forScan(long maxBytes) {
      return new Directories(maxBytes, MAX_DIRECTORIES, MAX_WEIGHT);
    }

    /** Keeps nothing: every {@code .py} reads the configs beside it again (a single file). */
    public static Directories none(long maxBytes) {
      return new Directories(maxBytes, 0, 0);
    }

    Configs of(Path dir) {
      synchronized (this) {
        Configs c = kept.get(dir);
        if (c != null) return c;
      }
      // read outside the lock: one slow directory does not hold up the other threads
      Configs c = Configs.read(dir, maxBytes);
      if (maxDirectories > 0 && c.weight() <= maxWeight) keep(dir, c);
      return c;
    }

    private synchronized void keep(Path dir, Configs c) {
      Configs old = kept.put(dir, c);
      weight += c.weight() - (old == null ? 0 : old.weight());
      var eldest = kept.entrySet().iterator();
      while ((kept.size() > maxDirectories || weight > maxWeight) && eldest.hasNext()) {
        weight -= eldest.next().getValue().weight();
        eldest.remove();
      }
    }

    /** Directories kept now (tests). */
    synchronized int size() {
      return kept.size();
    }

    /** Characters of references kept now (tests). */
    synchronized long weight() {
      return weight;
    }
  }
}
