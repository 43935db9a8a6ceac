package dev.mlsec.scan.format;

import dev.mlsec.scan.ScanContext;
import dev.mlsec.scan.ScanRule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
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
    LoaderConfigs.reportRemoteCode(
        ctx,
        member,
        references(name, root),
        root instanceof List<?>
            ? "SentenceTransformer imports the module types this modules.json names"
            : "DiffusionPipeline.from_pretrained loads components from modules outside"
                + " diffusers and transformers",
        false);
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

  /** Whether a file name is one of the pipeline descriptions read beside a {@code .py}. */
  static boolean isDescription(String file) {
    return file.equals(MODEL_INDEX) || file.equals(MODULES_JSON);
  }

  /**
   * A {@code .py} file that a {@code model_index.json} or {@code modules.json} in its directory or
   * up to two above names ({@code <component>/<library>.py} or {@code <library>.py} of a component,
   * {@code a/b.py} of a type {@code a.b.Class}, also under the module's {@code path}): reported as
   * the code that runs when the pipeline is loaded. {@code levels} are those directories, nearest
   * first, as {@link LoaderConfigs#judgeShippedCode} read them for both judges.
   */
  static void judgeShippedCode(ScanContext ctx, List<LoaderConfigs.Level> levels) {
    for (LoaderConfigs.Level l : levels) {
      Modules m = l.configs().pipelines();
      for (LoaderConfigs.Named n : m.byPath().getOrDefault(l.rel(), List.of()))
        n.report(ctx, "loading the pipeline imports it, so its module-level code runs");
      // the siblings are context, not the file scanned: unreadable ones add nothing, and the
      // directories above an unreadable one are not read
      if (m.incomplete()) break;
    }
  }

  /**
   * What the pipeline descriptions of one directory name: the references by the path, relative to
   * that directory, of each file they name (model index first, each in its order), whether reading
   * stopped at an error, and the characters kept ({@link LoaderConfigs.Directories} bounds them).
   */
  record Modules(Map<String, List<LoaderConfigs.Named>> byPath, boolean incomplete, long weight) {
    /** {@code parsed}: the descriptions already parsed from this directory, by file name. */
    static Modules read(Path root, long maxBytes, Map<String, Object> parsed) {
      Map<String, List<LoaderConfigs.Named>> byPath = new LinkedHashMap<>();
      long weight = 0;
      try {
        for (String cfg : List.of(MODEL_INDEX, MODULES_JSON)) {
          Object doc =
              parsed.containsKey(cfg) ? parsed.get(cfg) : parse(root.resolve(cfg), maxBytes);
          if (doc == null) continue;
          for (Map.Entry<String, String> e : references(cfg, doc).entrySet())
            for (String rel : paths(cfg, doc, e)) {
              byPath
                  .computeIfAbsent(rel, k -> new ArrayList<>())
                  .add(new LoaderConfigs.Named(cfg, e.getKey(), e.getValue()));
              weight += 32 + rel.length() + e.getKey().length() + e.getValue().length();
            }
        }
        return new Modules(byPath, false, weight);
      } catch (IOException | RuntimeException e) {
        return new Modules(byPath, true, weight);
      }
    }
  }

  /** A description within the header limit, parsed; null when absent, too large or no JSON. */
  private static Object parse(Path j, long maxBytes) throws IOException {
    if (!Files.isRegularFile(j) || Files.size(j) > maxBytes) return null;
    byte[] b = Files.readAllBytes(j);
    try {
      return Json.parse(b, 0, b.length).root();
    } catch (IOException e) {
      return null;
    }
  }

  /** The paths, relative to the directory of config {@code cfg}, of the file reference e names. */
  private static List<String> paths(String cfg, Object parsed, Map.Entry<String, String> e) {
    String module = LoaderConfigs.modulePath(e.getValue());
    if (module == null) return List.of();
    if (cfg.equals(MODEL_INDEX)) return List.of(module, e.getKey() + "/" + module);
    // a sentence-transformers module may live under its own path
    int i = Integer.parseInt(e.getKey().substring(1, e.getKey().indexOf(']')));
    if (parsed instanceof List<?> l
        && l.get(i) instanceof Map<?, ?> mod
        && mod.get("path") instanceof String p
        && !p.isBlank()) return List.of(module, p.strip() + "/" + module);
    return List.of(module);
  }
}
