package dev.mlsec.scan.format;

import dev.mlsec.scan.Level;
import dev.mlsec.scan.ScanContext;
import dev.mlsec.scan.ScanRule;
import dev.mlsec.scan.policy.Callables;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The JSON descriptions of two archive formats whose loaders import what they name, read as data: a
 * TorchServe {@code .mar}'s {@code MAR-INF/MANIFEST.json} (its {@code handler} and {@code
 * modelFile} are modules of the archive TorchServe imports) and a skops {@code schema.json} (every
 * {@code __module__}/{@code __class__} and function it names is imported by {@code skops.io.load}
 * once the user trusts it).
 */
public final class ServingArchives {
  private ServingArchives() {}

  private static final int MAX_DEPTH = 256;
  // TorchServe's own handlers (ts/torch_handler/*.py), named without a file
  private static final Set<String> TORCHSERVE_HANDLERS =
      Set.of(
          "image_classifier",
          "image_segmenter",
          "object_detector",
          "text_classifier",
          "text_classification",
          "dali_image_classifier");

  // the builtins skops' own nodes carry (DictNode, ListNode, ..., FunctionNode, TypeNode)
  private static final Set<String> SKOPS_VALUES =
      Set.of(
          "dict",
          "list",
          "tuple",
          "set",
          "frozenset",
          "str",
          "int",
          "float",
          "bool",
          "complex",
          "bytes",
          "bytearray",
          "NoneType",
          "slice",
          "type",
          "function",
          "builtin_function_or_method",
          "method");

  /** Judges a parsed JSON member by where it sits and what it holds. */
  public static void judgeJson(ScanContext ctx, String member, Object root) {
    if (!(root instanceof Map<?, ?> m)) return;
    if (member.equals("MAR-INF/MANIFEST.json") || member.endsWith("!/MAR-INF/MANIFEST.json"))
      torchServe(ctx, member, m);
    if (m.containsKey("_skops_version")
        || member.equals("schema.json")
        || member.endsWith("!/schema.json")) skops(ctx, member, m, 0);
  }

  private static void torchServe(ScanContext ctx, String member, Map<?, ?> manifest) {
    if (!(manifest.get("model") instanceof Map<?, ?> model)) return;
    for (String key : List.of("handler", "modelFile")) {
      if (!(model.get(key) instanceof String v) || v.isBlank()) continue;
      String module = v.contains(":") ? v.substring(0, v.indexOf(':')) : v;
      if (key.equals("handler") && TORCHSERVE_HANDLERS.contains(module)) continue;
      ctx.report(
          ScanRule.TORCHSERVE_HANDLER,
          0,
          member,
          List.of("model." + key + ": " + v),
          "TorchServe imports the "
              + key
              + " '"
              + v
              + "' from the archive when the model is loaded: its code runs");
    }
  }

  private static void skops(ScanContext ctx, String member, Map<?, ?> node, int depth) {
    if (depth > MAX_DEPTH) {
      ctx.limit(member, 0, "skops schema nested deeper than " + MAX_DEPTH);
      return;
    }
    // a FunctionNode's own __class__ is 'function' of builtins: its content names what is imported
    if (node.get("__module__") instanceof String mod
        && node.get("__class__") instanceof String cls
        && !(mod.equals("builtins") && SKOPS_VALUES.contains(cls)))
      judgeName(ctx, member, mod, cls, "__module__/__class__");
    if (node.get("content") instanceof Map<?, ?> c
        && c.get("module_path") instanceof String mod
        && c.get("function") instanceof String fn) judgeName(ctx, member, mod, fn, "function");
    for (Object v : node.values()) walk(ctx, member, v, depth + 1);
  }

  private static void walk(ScanContext ctx, String member, Object v, int depth) {
    if (v instanceof Map<?, ?> m) skops(ctx, member, m, depth);
    else if (v instanceof List<?> l) for (Object x : l) walk(ctx, member, x, depth + 1);
  }

  private static void judgeName(
      ScanContext ctx, String member, String module, String name, String where) {
    Callables.Verdict v = Callables.classify(module, name);
    if (v.kind() != Callables.Kind.DANGEROUS && v.entry() != null) return;
    boolean danger = v.kind() == Callables.Kind.DANGEROUS;
    ctx.report(
        ScanRule.SKOPS_UNTRUSTED_TYPE,
        danger ? Level.CRITICAL : ScanRule.SKOPS_UNTRUSTED_TYPE.level(),
        0,
        member,
        List.of(where + ": " + module + "." + name),
        "the skops schema names "
            + module
            + "."
            + name
            + (danger
                ? ", a dangerous callable (" + v.rule().id() + ")"
                : ", outside the allowlist")
            + ": skops.io.load imports it once the user trusts it");
  }
}
