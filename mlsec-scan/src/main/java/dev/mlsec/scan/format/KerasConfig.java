package dev.mlsec.scan.format;

import dev.mlsec.scan.Level;
import dev.mlsec.scan.ScanContext;
import dev.mlsec.scan.ScanRule;
import dev.mlsec.scan.policy.Callables;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * Keras model configs (HDF5 {@code model_config}, {@code .keras} {@code config.json}, SavedModel
 * metadata): Lambda layers with marshalled code, function references and modules outside Keras are
 * what runs on load.
 */
public final class KerasConfig {
  private KerasConfig() {}

  /**
   * Layers whose config names files they read in their constructor, by config key: lookup layers
   * (CVE-2025-12058: {@code vocabulary} as a path, read through {@code tf.io.gfile}, which also
   * fetches {@code gs://} and {@code http(s)://}), keras-hub tokenizers, and TFSMLayer, which loads
   * a whole SavedModel.
   */
  private static final Map<String, List<String>> FILE_KEYS =
      Map.of(
          "StringLookup", List.of("vocabulary", "idf_weights"),
          "IntegerLookup", List.of("vocabulary", "idf_weights"),
          "IndexLookup", List.of("vocabulary", "idf_weights"),
          "TextVectorization", List.of("vocabulary", "idf_weights"),
          "TFSMLayer", List.of("filepath"),
          "BytePairTokenizer", List.of("vocabulary", "merges"),
          "WordPieceTokenizer", List.of("vocabulary"),
          "SentencePieceTokenizer", List.of("proto"));

  /** Config keys of any layer whose string value is fetched when it is a URL. */
  private static final java.util.Set<String> URL_KEYS =
      java.util.Set.of(
          "origin", "url", "filepath", "path", "fname", "vocabulary", "proto", "merges");

  /**
   * Keras's own functions that must never be reached from a config: they download (CVE-2025-8747),
   * load another model with safe mode off or turn it off (CVE-2025-9906).
   */
  private static final java.util.Set<String> UNSAFE_FUNCTIONS =
      java.util.Set.of(
          "get_file",
          "load_model",
          "load_weights",
          "model_from_json",
          "model_from_yaml",
          "enable_unsafe_deserialization",
          "set_global_attribute",
          "func_load",
          "deserialize_keras_object",
          "func_dump");

  /** The class names Keras 3's serialize_keras_object gives a function it writes by name. */
  private static final java.util.Set<String> FUNCTION_CLASSES =
      java.util.Set.of("function", "builtin_function_or_method");

  /** A serialized model embedded in a layer's config, decoded: the caller scans it. */
  @SuppressWarnings("ArrayRecordComponent") // handed over once, never compared or hashed
  public record Payload(String name, byte[] data) {}

  /**
   * Parses JSON and analyzes it when it looks like a Keras config; returns true if it did. Adds to
   * {@code payloads} the models that layers embed in their config (base64), which their {@code
   * from_config} loads.
   */
  public static boolean analyzeJson(
      ScanContext ctx, byte[] json, String member, long offset, List<Payload> payloads) {
    Json.Tree t;
    try {
      t = Json.parse(json, 0, json.length);
    } catch (IOException e) {
      return false;
    }
    return analyzeTree(ctx, t.root(), member, offset, payloads);
  }

  /** {@link #analyzeJson} of a document already parsed ({@link Json#parse}'s root). */
  public static boolean analyzeTree(
      ScanContext ctx, Object root, String member, long offset, List<Payload> payloads) {
    if (!(root instanceof Map<?, ?> m) || !(looksLikeKeras(m) || holdsKeras(m, 0))) return false;
    walk(ctx, root, member, offset, 0, payloads);
    return true;
  }

  static boolean looksLikeKeras(Map<?, ?> m) {
    return m.containsKey("class_name") && (m.containsKey("config") || m.containsKey("module"));
  }

  /**
   * A config whose root is not a layer but holds serialized Keras objects: the legacy H5 {@code
   * training_config} ({"loss": {...}, "optimizer_config": {...}}), which the loader deserializes
   * when it compiles the model.
   */
  private static boolean holdsKeras(Object node, int depth) {
    if (depth > 4) return false;
    Iterable<?> children;
    if (node instanceof Map<?, ?> m) {
      if (depth > 0 && looksLikeKeras(m)) return true;
      children = m.values();
    } else if (node instanceof List<?> l) children = l;
    else return false;
    for (Object c : children) if (holdsKeras(c, depth + 1)) return true;
    return false;
  }

  private static boolean kerasModule(String m) {
    return m.equals("keras")
        || m.startsWith("keras.")
        || m.equals("tensorflow")
        || m.startsWith("tensorflow.")
        || m.startsWith("tf_keras")
        || m.equals("builtins");
  }

  private static void walk(
      ScanContext ctx, Object node, String member, long off, int depth, List<Payload> payloads) {
    if (depth > 200) return;
    if (node instanceof List<?> l) {
      for (Object o : l) walk(ctx, o, member, off, depth + 1, payloads);
      return;
    }
    if (!(node instanceof Map<?, ?> m)) return;
    Object cls = m.get("class_name");
    Object cfg = m.get("config");
    if ("Lambda".equals(cls) && cfg instanceof Map<?, ?> c) lambda(ctx, c, member, off);
    if ("__lambda__".equals(cls))
      ctx.report(
          ScanRule.KERAS_LAMBDA_CODE,
          off,
          member,
          List.of(
              String.valueOf(m.get("config"))
                  .substring(0, Math.min(120, String.valueOf(m.get("config")).length()))),
          "a serialized Python lambda (marshalled bytecode) is deserialized on load");
    if ("lambda".equals(m.get("function_type")))
      ctx.report(
          ScanRule.KERAS_LAMBDA_CODE,
          off,
          member,
          List.of(),
          "a layer carries function_type 'lambda': marshalled Python bytecode");
    Object module = m.get("module");
    boolean danger =
        module instanceof String mod
            && cls != null
            && Callables.classify(mod, String.valueOf(cfg instanceof String s ? s : cls)).kind()
                == Callables.Kind.DANGEROUS;
    // 'builtins' is where Keras puts its plain Python values, but builtins.eval/exec/__import__
    // by module path is the CVE-2025-1550 import as much as os.system is
    if (module instanceof String mod && cls != null && (!kerasModule(mod) || danger)) {
      ctx.report(
          ScanRule.KERAS_CUSTOM_MODULE,
          danger ? Level.CRITICAL : ScanRule.KERAS_CUSTOM_MODULE.level(),
          off,
          member,
          List.of(mod + "." + (cfg instanceof String s ? s : cls)),
          "the config imports module '"
              + mod
              + "' to build "
              + (cfg instanceof String s ? s : cls));
    }
    files(ctx, cls, cfg, member, off);
    unsafeFunction(ctx, m, member, off);
    // a registered class keeps "package>Name" in registered_name, a registered function in config
    Object reg = "function".equals(cls) && cfg instanceof String ? cfg : m.get("registered_name");
    if (reg instanceof String r && r.contains(">") && !r.startsWith("keras"))
      ctx.report(
          ScanRule.KERAS_CUSTOM_OBJECT,
          off,
          member,
          List.of(r),
          "the config needs the registered custom object '" + r + "'");
    if ("TorchModuleWrapper".equals(cls) && cfg instanceof Map<?, ?> c)
      torchModule(ctx, c, member, off, payloads);
    for (Object v : m.values()) walk(ctx, v, member, off, depth + 1, payloads);
  }

  /**
   * Keras 3's TorchModuleWrapper keeps the wrapped module as base64 of a {@code torch.save} and its
   * {@code from_config} {@code torch.load}s it with full unpickling once safe mode is off
   * (keras-team/keras#21575, #23048); Keras 3.0-3.10 kept the raw bytes ({@code __bytes__}). The
   * decoded bytes are the verdict: they are scanned as a member of their own.
   */
  private static void torchModule(
      ScanContext ctx, Map<?, ?> c, String member, long off, List<Payload> payloads) {
    String name = String.valueOf(c.get("name"));
    byte[] data = torchModuleBytes(c.get("module"));
    if (data == null) return; // from_config fails on anything else before torch.load
    if (data.length == 0) {
      ctx.unreadable(
          member, off, "TorchModuleWrapper '" + name + "': module is not base64 of a torch.save");
      return;
    }
    String where = "TorchModuleWrapper:" + name;
    ctx.report(
        ScanRule.KERAS_TORCH_MODULE,
        off,
        member,
        List.of("TorchModuleWrapper " + name),
        "TorchModuleWrapper layer '"
            + name
            + "' torch.loads its module when loaded with safe mode off; scanned as "
            + where);
    payloads.add(new Payload(where, data));
  }

  /**
   * What {@code from_config} hands to {@code torch.load}: base64 decoded as Python's non-validating
   * {@code b64decode} does (characters outside the alphabet are dropped), or the UTF-8 of a {@code
   * __bytes__} value; an empty array when it cannot be decoded, null when the value is no module at
   * all.
   */
  static byte[] torchModuleBytes(Object module) {
    if (module instanceof String b64) {
      try {
        return java.util.Base64.getMimeDecoder().decode(b64);
      } catch (IllegalArgumentException e) {
        return new byte[0];
      }
    }
    if (module instanceof Map<?, ?> m && "__bytes__".equals(m.get("class_name"))) {
      Object v = m.get("config") instanceof Map<?, ?> cfg ? cfg.get("value") : m.get("value");
      if (v instanceof String s) return s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }
    return null;
  }

  private static void lambda(ScanContext ctx, Map<?, ?> c, String member, long off) {
    Object fn = c.get("function");
    Object type = c.get("function_type");
    Object module = c.get("module");
    if ("lambda".equals(type) || fn instanceof List<?>) {
      ctx.report(
          ScanRule.KERAS_LAMBDA_CODE,
          off,
          member,
          List.of("Lambda " + c.get("name")),
          "Lambda layer '" + c.get("name") + "' carries marshalled Python bytecode");
      return;
    }
    if ("function".equals(type) && fn instanceof String f) {
      String mod = module instanceof String s ? s : "?";
      boolean danger = Callables.classify(mod, f).kind() == Callables.Kind.DANGEROUS;
      ctx.report(
          ScanRule.KERAS_FUNCTION_REF,
          danger ? Level.CRITICAL : ScanRule.KERAS_FUNCTION_REF.level(),
          off,
          member,
          List.of(mod + "." + f),
          "Lambda layer '" + c.get("name") + "' calls " + mod + "." + f + " on load");
      return;
    }
    if (fn instanceof Map<?, ?> fm) {
      Object fcls = fm.get("class_name");
      if ("__lambda__".equals(fcls)) return; // reported by the walk
      // Keras 3 writes a Python function as class_name "function" and a C builtin (os.system,
      // eval) as "builtin_function_or_method", both with module "builtins" and the name as config
      if (FUNCTION_CLASSES.contains(fcls)
          && fm.get("module") instanceof String mod
          && fm.get("config") instanceof String) {
        String f = String.valueOf(fm.get("config"));
        boolean danger = Callables.classify(mod, f).kind() == Callables.Kind.DANGEROUS;
        ctx.report(
            ScanRule.KERAS_FUNCTION_REF,
            danger ? Level.CRITICAL : ScanRule.KERAS_FUNCTION_REF.level(),
            off,
            member,
            List.of(mod + "." + f),
            "Lambda layer '" + c.get("name") + "' calls " + mod + "." + f + " on load");
      }
    }
  }

  /** Constructor arguments that are file paths or URLs the loader reads. */
  private static void files(ScanContext ctx, Object cls, Object cfg, String member, long off) {
    if (!(cls instanceof String c) || !(cfg instanceof Map<?, ?> config)) return;
    String simple = c.substring(c.lastIndexOf('>') + 1);
    List<String> keys = FILE_KEYS.getOrDefault(simple, List.of());
    for (Map.Entry<?, ?> e : config.entrySet()) {
      if (!(e.getKey() instanceof String key) || !(e.getValue() instanceof String value)) continue;
      if (value.isBlank()) continue;
      boolean url = value.matches("(?i)^[a-z][a-z0-9+.-]*://.*");
      if (!keys.contains(key) && !(url && URL_KEYS.contains(key))) continue;
      ctx.report(
          ScanRule.KERAS_EXTERNAL_FILE,
          off,
          member,
          List.of(simple + "." + key),
          "layer "
              + simple
              + " "
              + (url ? "fetches " : "reads ")
              + key
              + " '"
              + (value.length() > 120 ? value.substring(0, 117) + "..." : value)
              + "' when the model is loaded");
    }
  }

  /**
   * {@code {"class_name": "function", "module": "keras.utils", "config": "get_file"}} and alike.
   */
  private static void unsafeFunction(ScanContext ctx, Map<?, ?> m, String member, long off) {
    Object module = m.get("module");
    Object cfg = m.get("config");
    if (!(module instanceof String mod) || !kerasModule(mod)) return;
    String fn = cfg instanceof String s ? s : m.get("class_name") instanceof String c ? c : null;
    if (fn == null || !UNSAFE_FUNCTIONS.contains(fn)) return;
    ctx.report(
        ScanRule.KERAS_UNSAFE_FUNCTION,
        off,
        member,
        List.of(mod + "." + fn),
        "the config calls " + mod + "." + fn + ", which Keras safe mode does not stop");
  }
}
