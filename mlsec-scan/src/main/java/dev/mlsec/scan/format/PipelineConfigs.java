package dev.mlsec.scan.format;

import dev.mlsec.scan.ScanContext;
import dev.mlsec.scan.ScanRule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Pipeline descriptions whose loader imports a module named in them, read as data: a diffusers
 * {@code model_index.json} component {@code [library, Class]} whose library is not diffusers,
 * transformers or a diffusers pipeline module (DiffusionPipeline.from_pretrained loads it from
 * {@code <component>/<library>.py} shipped with the model, with trust_remote_code, or imports it),
 * and a sentence-transformers {@code modules.json} whose {@code type} is outside {@code
 * sentence_transformers} (SentenceTransformer imports it, from the repository with
 * trust_remote_code). Judged as {@link ScanRule#HF_REMOTE_CODE}, as {@code auto_map} is; the
 * shipped {@code .py} such a file names is reported too.
 */
public final class PipelineConfigs {
  private PipelineConfigs() {}

  /** The file name sentence-transformers reads its module list from. */
  public static final String MODULES_JSON = "modules.json";

  private static final String MODEL_INDEX = "model_index.json";
  private static final int MAX_PARENTS = 3; // the .py's directory and two above

  // Libraries diffusers imports components from (LOADABLE_CLASSES), and the pipeline modules of
  // diffusers.pipelines that real model_index.json files name (safety checkers, text encoders,
  // image encoders of a pipeline family); any other library is a module of the repository
  private static final Set<String> LIBRARIES = Set.of("diffusers", "transformers", "onnxruntime");
  private static final Set<String> PIPELINE_MODULES =
      Set.of(
          "stable_diffusion",
          "stable_diffusion_xl",
          "stable_diffusion_safe",
          "stable_diffusion_3",
          "stable_diffusion_2",
          "stable_cascade",
          "deepfloyd_if",
          "kandinsky",
          "kandinsky2_2",
          "kandinsky3",
          "alt_diffusion",
          "latent_diffusion",
          "paint_by_example",
          "versatile_diffusion",
          "unclip",
          "wuerstchen",
          "pixart_alpha",
          "controlnet",
          "deprecated",
          "audioldm",
          "audioldm2",
          "musicldm",
          "shap_e",
          "stable_video_diffusion",
          "i2vgen_xl",
          "animatediff",
          "text_to_video_synthesis",
          "blip_diffusion",
          "semantic_stable_diffusion",
          "stable_unclip",
          "flux",
          "ledits_pp",
          "pipeline_utils");

  /** Judges a parsed JSON document: a diffusers model index or a sentence-transformers list. */
  public static void judgeJson(ScanContext ctx, String member, String name, Object root) {
    Map<String, String> refs = references(name, root);
    if (refs.isEmpty()) return;
    List<String> chain = new ArrayList<>();
    for (Map.Entry<String, String> e : refs.entrySet()) chain.add(e.getKey() + ": " + e.getValue());
    ctx.report(
        ScanRule.HF_REMOTE_CODE,
        0,
        member,
        chain,
        (root instanceof List<?>
                ? "SentenceTransformer imports the module types this modules.json names ("
                : "DiffusionPipeline.from_pretrained loads components from modules outside"
                    + " diffusers and transformers (")
            + String.join(", ", chain.subList(0, Math.min(3, chain.size())))
            + "): modules shipped with the model run when it is loaded");
  }

  /**
   * Where a module is named, to what: {@code unet: unet_evil.EvilUNet} of a model index, {@code
   * [0].type: custom_st.EvilModule} of a modules list. Empty for anything else.
   */
  static Map<String, String> references(String name, Object root) {
    Map<String, String> out = new LinkedHashMap<>();
    String last = name == null ? "" : name.substring(name.lastIndexOf('/') + 1);
    if (root instanceof Map<?, ?> m
        && (m.containsKey("_diffusers_version") || last.equals(MODEL_INDEX))) {
      for (Map.Entry<?, ?> e : m.entrySet()) {
        if (!(e.getKey() instanceof String k) || k.startsWith("_")) continue;
        if (e.getValue() instanceof List<?> l
            && l.size() == 2
            && l.get(0) instanceof String lib
            && l.get(1) instanceof String cls
            && !ownLibrary(lib)) out.put(k, lib + "." + cls);
      }
    } else if (root instanceof List<?> l && last.equals(MODULES_JSON)) {
      for (int i = 0; i < l.size(); i++)
        if (l.get(i) instanceof Map<?, ?> mod
            && mod.get("type") instanceof String type
            && !type.equals("sentence_transformers")
            && !type.startsWith("sentence_transformers.")) out.put("[" + i + "].type", type);
    }
    return out;
  }

  private static boolean ownLibrary(String lib) {
    String root = lib.contains(".") ? lib.substring(0, lib.indexOf('.')) : lib;
    return LIBRARIES.contains(root) || PIPELINE_MODULES.contains(lib);
  }

  /**
   * A {@code .py} file that a {@code model_index.json} or {@code modules.json} in its directory or
   * up to two above names ({@code <component>/<library>.py} or {@code <library>.py} of a component,
   * {@code a/b.py} of a type {@code a.b.Class}, also under the module's {@code path}): reported as
   * the code that runs when the pipeline is loaded.
   */
  public static void judgeShippedCode(ScanContext ctx, Path py) {
    if (!py.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".py")) return;
    Path abs = py.toAbsolutePath().normalize();
    Path dir = abs.getParent();
    if (dir == null) return;
    long max = ctx.limits().maxHeaderBytes();
    try {
      for (Path root = dir;
          root != null && dir.getNameCount() - root.getNameCount() < MAX_PARENTS;
          root = root.getParent()) {
        String rel = root.relativize(abs).toString().replace('\\', '/');
        for (String cfg : List.of(MODEL_INDEX, MODULES_JSON)) {
          Path j = root.resolve(cfg);
          if (!Files.isRegularFile(j) || Files.size(j) > max) continue;
          byte[] b = Files.readAllBytes(j);
          Object parsed;
          try {
            parsed = Json.parse(b, 0, b.length).root();
          } catch (IOException e) {
            continue;
          }
          for (Map.Entry<String, String> e : references(cfg, parsed).entrySet())
            if (names(cfg, parsed, e, rel))
              ctx.report(
                  ScanRule.HF_REMOTE_CODE,
                  0,
                  "",
                  List.of(cfg + " " + e.getKey() + ": " + e.getValue()),
                  "this module is the code "
                      + cfg
                      + " names ("
                      + e.getKey()
                      + "): loading the pipeline imports it, so its module-level code runs");
        }
      }
    } catch (IOException | RuntimeException e) {
      // the siblings are context, not the file scanned: unreadable ones add nothing
    }
  }

  /** Whether reference {@code e} of config {@code cfg} names the file at {@code rel}. */
  private static boolean names(String cfg, Object parsed, Map.Entry<String, String> e, String rel) {
    String module = LoaderConfigs.modulePath(e.getValue());
    if (module == null) return false;
    if (cfg.equals(MODEL_INDEX)) return rel.equals(module) || rel.equals(e.getKey() + "/" + module);
    if (rel.equals(module)) return true;
    // a sentence-transformers module may live under its own path
    int i = Integer.parseInt(e.getKey().substring(1, e.getKey().indexOf(']')));
    if (parsed instanceof List<?> l
        && l.get(i) instanceof Map<?, ?> mod
        && mod.get("path") instanceof String p
        && !p.isBlank()) return rel.equals(p.strip() + "/" + module);
    return false;
  }
}
