package dev.mlsec.scan.format;

import dev.mlsec.scan.ScanContext;
import dev.mlsec.scan.ScanRule;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Python code that a loader runs because of where it sits or a name a config gives it, read as data
 * (nothing imported), judged as {@code auto_map} is: a torch.hub {@code hubconf.py} ({@code
 * torch.hub.load(repo, entry)} executes it), a transformers {@code custom_generate/generate.py}
 * ({@code generate(custom_generate=repo, trust_remote_code=True)} imports it), and a PEFT {@code
 * adapter_config.json} whose {@code auto_mapping.parent_library} is outside the model libraries
 * ({@code AutoPeftModel.from_pretrained} imports it by name); the module file it names is found by
 * {@link LoaderConfigs}, which reads the adapter config with the other configs of a directory.
 */
public final class LoaderConventions {
  private LoaderConventions() {}

  /** The file torch.hub.load executes at the root of a hub repository. */
  static final String HUBCONF = "hubconf.py";

  /** The file PEFT saves an adapter's config in. */
  static final String ADAPTER_CONFIG = "adapter_config.json";

  // the modules PEFT writes as parent_library (the base model class's __module__) for models of
  // the libraries it adapts; __main__ is the user's own script, imported already
  private static final Set<String> LIBRARIES =
      Set.of(
          "transformers",
          "peft",
          "diffusers",
          "timm",
          "torch",
          "torchvision",
          "sentence_transformers",
          "__main__");

  /**
   * The {@code auto_mapping.parent_library} of a PEFT adapter config when it is not a model library
   * (the module AutoPeftModel imports by name), or null.
   */
  static String localParentLibrary(Object root) {
    Map<?, ?> auto = localAutoMapping(root);
    return auto == null ? null : ((String) auto.get("parent_library")).strip();
  }

  /** The auto_mapping of a PEFT adapter config whose parent library is not a model library. */
  private static Map<?, ?> localAutoMapping(Object root) {
    if (!(root instanceof Map<?, ?> m)
        || !(m.get("peft_type") instanceof String)
        || !(m.get("auto_mapping") instanceof Map<?, ?> auto)
        || !(auto.get("parent_library") instanceof String lib)
        || lib.isBlank()) return null;
    String top = lib.strip();
    int dot = top.indexOf('.');
    return LIBRARIES.contains(dot < 0 ? top : top.substring(0, dot)) ? null : auto;
  }

  /** Judges a parsed JSON document: a PEFT adapter config naming a module to import. */
  public static void judgeJson(ScanContext ctx, String member, Object root) {
    String lib = localParentLibrary(root);
    if (lib == null) return;
    // the base model that class then loads (from_pretrained(base_model_name_or_path)), for context
    Object base = ((Map<?, ?>) root).get("base_model_name_or_path");
    List<String> chain = new java.util.ArrayList<>(List.of("auto_mapping.parent_library: " + lib));
    if (base instanceof String b && !b.isBlank()) chain.add("base_model_name_or_path: " + b);
    ctx.report(
        ScanRule.HF_REMOTE_CODE,
        0,
        member,
        chain,
        "AutoPeftModel.from_pretrained imports auto_mapping.parent_library '"
            + lib
            + "' (importlib.import_module, no trust_remote_code asked) to build the base model"
            + " class"
            + (lib.startsWith("transformers_modules.")
                ? " (transformers_modules holds a repository's trust_remote_code modules)"
                : "")
            + ": a module outside the model libraries, shipped beside the adapter or"
            + " installed, runs when the adapter is loaded");
  }

  /**
   * A {@code .py} a loader runs by convention: {@code hubconf.py} or {@code
   * custom_generate/generate.py}. The module a PEFT adapter config names is found with the other
   * loader configs, read once per directory ({@link LoaderConfigs#judgeShippedCode}).
   */
  public static void judgeShippedCode(ScanContext ctx, Path py) {
    String name = py.getFileName().toString().toLowerCase(Locale.ROOT);
    if (!name.endsWith(".py")) return;
    Path abs = py.toAbsolutePath().normalize();
    Path dir = abs.getParent();
    if (dir == null) return;
    if (name.equals(HUBCONF))
      ctx.report(
          ScanRule.TORCH_HUB_CODE,
          0,
          "",
          List.of(HUBCONF),
          "torch.hub.load(repo_or_dir, model) executes the hubconf.py at the root of the"
              + " repository to find its entry points, so its module-level code runs when a model"
              + " is loaded from it");
    Path parent = dir.getFileName();
    if (name.equals("generate.py") && parent != null && parent.toString().equals("custom_generate"))
      ctx.report(
          ScanRule.HF_REMOTE_CODE,
          0,
          "",
          List.of("custom_generate/generate.py"),
          "model.generate(custom_generate=repo, trust_remote_code=True) imports the repository's"
              + " custom_generate/generate.py and calls its generate: its code runs on generation");
  }
}
