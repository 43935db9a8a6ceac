package dev.mlsec.scan.format;

import dev.mlsec.scan.ScanContext;
import dev.mlsec.scan.ScanRule;
import java.io.IOException;
import java.nio.file.Files;
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
 * ({@code AutoPeftModel.from_pretrained} imports it by name), with the module file it names.
 */
public final class LoaderConventions {
  private LoaderConventions() {}

  /** The file torch.hub.load executes at the root of a hub repository. */
  static final String HUBCONF = "hubconf.py";

  private static final String ADAPTER_CONFIG = "adapter_config.json";
  private static final int MAX_PARENTS = 3; // the .py's directory and two above

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
    Map<?, ?> auto = localAutoMapping(root);
    if (auto == null) return;
    String lib = ((String) auto.get("parent_library")).strip();
    ctx.report(
        ScanRule.HF_REMOTE_CODE,
        0,
        member,
        List.of("auto_mapping.parent_library: " + lib),
        "AutoPeftModel.from_pretrained imports auto_mapping.parent_library '"
            + lib
            + "' (importlib.import_module, no trust_remote_code asked) to build the base model"
            + " class: a module outside the model libraries, shipped beside the adapter or"
            + " installed, runs when the adapter is loaded");
  }

  /**
   * A {@code .py} a loader runs by convention: {@code hubconf.py}, {@code
   * custom_generate/generate.py}, or the module a PEFT adapter config in its directory or up to two
   * above names as {@code auto_mapping.parent_library}.
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
    long max = ctx.limits().maxHeaderBytes();
    try {
      for (Path root = dir;
          root != null && dir.getNameCount() - root.getNameCount() < MAX_PARENTS;
          root = root.getParent()) {
        Path j = root.resolve(ADAPTER_CONFIG);
        if (!Files.isRegularFile(j) || Files.size(j) > max) continue;
        byte[] b = Files.readAllBytes(j);
        Map<?, ?> auto;
        try {
          auto = localAutoMapping(Json.parse(b, 0, b.length).root());
        } catch (IOException e) {
          continue;
        }
        if (auto == null) continue;
        String lib = ((String) auto.get("parent_library")).strip();
        String module = lib.replace('.', '/');
        String rel = root.relativize(abs).toString().replace('\\', '/');
        if (rel.equals(module + ".py") || rel.equals(module + "/__init__.py"))
          ctx.report(
              ScanRule.HF_REMOTE_CODE,
              0,
              "",
              List.of(ADAPTER_CONFIG + " auto_mapping.parent_library: " + lib),
              "this module is the parent_library of the PEFT adapter config beside it:"
                  + " AutoPeftModel.from_pretrained imports it, so its module-level code runs when"
                  + " the adapter is loaded");
      }
    } catch (IOException | RuntimeException e) {
      // the siblings are context, not the file scanned: unreadable ones add nothing
    }
  }
}
