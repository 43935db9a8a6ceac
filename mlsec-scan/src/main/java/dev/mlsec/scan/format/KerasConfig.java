package dev.mlsec.scan.format;

import dev.mlsec.scan.Level;
import dev.mlsec.scan.Rule;
import dev.mlsec.scan.ScanContext;
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

  /** Parses JSON and analyzes it when it looks like a Keras config; returns true if it did. */
  public static boolean analyzeJson(ScanContext ctx, byte[] json, String member, long offset) {
    Json.Tree t;
    try {
      t = Json.parse(json, 0, json.length);
    } catch (IOException e) {
      return false;
    }
    if (!(t.root() instanceof Map<?, ?> m) || !looksLikeKeras(m)) return false;
    walk(ctx, t.root(), member, offset, 0);
    return true;
  }

  static boolean looksLikeKeras(Map<?, ?> m) {
    return m.containsKey("class_name") && (m.containsKey("config") || m.containsKey("module"));
  }

  private static boolean kerasModule(String m) {
    return m.equals("keras")
        || m.startsWith("keras.")
        || m.equals("tensorflow")
        || m.startsWith("tensorflow.")
        || m.startsWith("tf_keras")
        || m.equals("builtins");
  }

  private static void walk(ScanContext ctx, Object node, String member, long off, int depth) {
    if (depth > 200) return;
    if (node instanceof List<?> l) {
      for (Object o : l) walk(ctx, o, member, off, depth + 1);
      return;
    }
    if (!(node instanceof Map<?, ?> m)) return;
    Object cls = m.get("class_name");
    Object cfg = m.get("config");
    if ("Lambda".equals(cls) && cfg instanceof Map<?, ?> c) lambda(ctx, c, member, off);
    if ("__lambda__".equals(cls))
      ctx.report(
          Rule.KERAS_LAMBDA_CODE,
          off,
          member,
          List.of(
              String.valueOf(m.get("config"))
                  .substring(0, Math.min(120, String.valueOf(m.get("config")).length()))),
          "a serialized Python lambda (marshalled bytecode) is deserialized on load");
    if ("lambda".equals(m.get("function_type")))
      ctx.report(
          Rule.KERAS_LAMBDA_CODE,
          off,
          member,
          List.of(),
          "a layer carries function_type 'lambda': marshalled Python bytecode");
    Object module = m.get("module");
    if (module instanceof String mod && !kerasModule(mod) && cls != null) {
      Callables.Verdict v =
          Callables.classify(mod, String.valueOf(cfg instanceof String s ? s : cls));
      boolean danger = v.kind() == Callables.Kind.DANGEROUS;
      ctx.report(
          Rule.KERAS_CUSTOM_MODULE,
          danger ? Level.CRITICAL : Rule.KERAS_CUSTOM_MODULE.level(),
          off,
          member,
          List.of(mod + "." + (cfg instanceof String s ? s : cls)),
          "the config imports module '"
              + mod
              + "' to build "
              + (cfg instanceof String s ? s : cls));
    }
    Object reg = m.get("registered_name");
    if (reg instanceof String r && r.contains(">") && !r.startsWith("keras"))
      ctx.report(
          Rule.KERAS_CUSTOM_OBJECT,
          off,
          member,
          List.of(r),
          "the config needs the registered custom object '" + r + "'");
    for (Object v : m.values()) walk(ctx, v, member, off, depth + 1);
  }

  private static void lambda(ScanContext ctx, Map<?, ?> c, String member, long off) {
    Object fn = c.get("function");
    Object type = c.get("function_type");
    Object module = c.get("module");
    if ("lambda".equals(type) || fn instanceof List<?>) {
      ctx.report(
          Rule.KERAS_LAMBDA_CODE,
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
          Rule.KERAS_FUNCTION_REF,
          danger ? Level.CRITICAL : Rule.KERAS_FUNCTION_REF.level(),
          off,
          member,
          List.of(mod + "." + f),
          "Lambda layer '" + c.get("name") + "' calls " + mod + "." + f + " on load");
      return;
    }
    if (fn instanceof Map<?, ?> fm) {
      Object fcls = fm.get("class_name");
      if ("__lambda__".equals(fcls)) return; // reported by the walk
      if ("function".equals(fcls) && fm.get("module") instanceof String mod) {
        String f = String.valueOf(fm.get("config"));
        boolean danger = Callables.classify(mod, f).kind() == Callables.Kind.DANGEROUS;
        ctx.report(
            Rule.KERAS_FUNCTION_REF,
            danger ? Level.CRITICAL : Rule.KERAS_FUNCTION_REF.level(),
            off,
            member,
            List.of(mod + "." + f),
            "Lambda layer '" + c.get("name") + "' calls " + mod + "." + f + " on load");
      }
    }
  }
}
