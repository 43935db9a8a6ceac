package dev.mlsec.discover.source;

import dev.mlsec.discover.Draft;
import dev.mlsec.discover.Evidence;
import dev.mlsec.discover.Repository;
import dev.mlsec.discover.Source;
import dev.mlsec.discover.read.PythonCalls;
import dev.mlsec.discover.read.Tree;
import dev.mlsec.discover.read.TreeReader;
import dev.mlsec.model.ComponentKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Hugging Face: model folders (a model card's front matter, {@code config.json} with its {@code
 * auto_map}, {@code adapter_config.json}, weight file names) and the calls in Python code that
 * fetch models from the Hub ({@code from_pretrained}, {@code pipeline}, {@code hf_hub_download},
 * {@code snapshot_download}, {@code SentenceTransformer}).
 */
public final class HuggingFaceSource implements Source {
  static final String NAME = "huggingface";

  private static final Set<String> HUB_CALLS =
      Set.of("from_pretrained", "hf_hub_download", "snapshot_download", "SentenceTransformer");

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public void read(Repository repo, Draft draft) {
    Set<String> modelFolders = new TreeSet<>();
    for (String f : repo.files()) {
      String n = Repository.name(f);
      if (n.equals("config.json") || n.equals("adapter_config.json"))
        modelFolders.add(Repository.folder(f));
      if (n.equals("README.md") && hasCardFrontMatter(repo, f))
        modelFolders.add(Repository.folder(f));
    }
    for (String folder : modelFolders) modelFolder(repo, draft, folder);
    for (String py : repo.files(f -> f.endsWith(".py"))) {
      repo.python(py).ifPresent(code -> hubCalls(repo, draft, py, code));
    }
  }

  private static String file(String folder, String name) {
    return folder.isEmpty() ? name : folder + "/" + name;
  }

  private static boolean hasCardFrontMatter(Repository repo, String readme) {
    // only the first bytes are looked at: a card's metadata block opens the file
    return repo.text(readme)
        .map(t -> t.startsWith("---\n") || t.startsWith("---\r\n"))
        .orElse(false);
  }

  private void modelFolder(Repository repo, Draft draft, String folder) {
    String cardFile = file(folder, "README.md");
    String configFile = file(folder, "config.json");
    String adapterFile = file(folder, "adapter_config.json");
    Optional<Tree> config =
        repo.exists(configFile) ? repo.json(configFile) : Optional.<Tree>empty();
    boolean isModelConfig =
        config
            .map(
                c ->
                    c.get("model_type").isPresent()
                        || c.get("architectures").isPresent()
                        || c.get("auto_map").isPresent())
            .orElse(false);
    Optional<Tree> card =
        repo.exists(cardFile) ? cardFrontMatter(repo, draft, cardFile) : Optional.empty();
    boolean isCard =
        card.map(
                c ->
                    c.get("base_model").isPresent()
                        || c.get("library_name").isPresent()
                        || c.get("pipeline_tag").isPresent())
            .orElse(false);
    if (!isModelConfig && !isCard && !repo.exists(adapterFile)) return;

    String folderName =
        folder.isEmpty() ? repo.root().getFileName().toString() : Repository.name(folder);
    Draft.Part model = draft.component(folderName, ComponentKind.MODEL_REGISTRY);
    model.name("model folder " + (folder.isEmpty() ? "." : folder));
    Evidence where = Evidence.at(isModelConfig ? configFile : isCard ? cardFile : adapterFile, 1);
    model.because(where, NAME);

    // weight files: the least safe format present decides (a loader may pick any of them)
    List<String> weights =
        repo.files(f -> Repository.folder(f).equals(folder) && Words.modelFormat(f).isPresent());
    for (String w : weights) {
      String fmt = Words.modelFormat(w).get();
      model.set("artifact-format", fmt, Evidence.at(w, 0, "weight file name"));
      draft.artifact(w, model);
    }
    if (!weights.isEmpty()) {
      String ext = weights.get(0).substring(weights.get(0).lastIndexOf('.'));
      boolean one = weights.stream().allMatch(w -> w.endsWith(ext));
      model.set(
          "artifacts",
          weights.size() == 1 ? weights.get(0) : one ? file(folder, "*" + ext) : file(folder, "*"),
          Evidence.at(weights.get(0), 0));
    }
    draft.artifact(folder.isEmpty() ? "." : folder, model);

    config.ifPresent(c -> autoMap(draft, model, configFile, c));
    card.ifPresent(c -> card(draft, model, cardFile, c));
    if (repo.exists(adapterFile)) {
      repo.json(adapterFile)
          .ifPresent(
              a -> {
                a.at("base_model_name_or_path")
                    .ifPresent(
                        b ->
                            base(
                                draft,
                                model,
                                b.asText().orElse(""),
                                Evidence.at(adapterFile, b.line(), "adapter base model")));
                a.text("peft_type")
                    .ifPresent(t -> model.note("adapter (" + t + ") over its base model"));
              });
    }
  }

  private static Optional<Tree> cardFrontMatter(Repository repo, Draft draft, String cardFile) {
    Optional<String> text = repo.text(cardFile);
    if (text.isEmpty()) return Optional.empty();
    String t = text.get().replace("\r\n", "\n");
    if (!t.startsWith("---\n")) return Optional.empty();
    int end = t.indexOf("\n---", 4);
    if (end < 0) {
      draft.warn(cardFile, 1, "model card front matter has no closing '---'");
      return Optional.empty();
    }
    // the front matter starts on line 2 of the card; YAML lines count from there
    try {
      Tree tree = TreeReader.yaml("\n" + t.substring(4, end + 1));
      return Optional.of(tree);
    } catch (TreeReader.Malformed m) {
      draft.warn(cardFile, m.line, m.getMessage());
      return Optional.empty();
    }
  }

  private static void card(Draft draft, Draft.Part model, String cardFile, Tree c) {
    c.at("base_model")
        .ifPresent(
            b -> {
              for (Tree item : b.items())
                base(
                    draft,
                    model,
                    item.asText().orElse(""),
                    Evidence.at(cardFile, item.line(), "base_model"));
            });
    List<String> about = new ArrayList<>();
    c.text("library_name").ifPresent(v -> about.add("library_name " + v));
    c.text("pipeline_tag").ifPresent(v -> about.add("pipeline_tag " + v));
    c.text("base_model_relation").ifPresent(v -> about.add("base_model_relation " + v));
    if (!about.isEmpty()) model.note("model card: " + String.join(", ", about));
    c.at("datasets")
        .ifPresent(
            ds -> {
              for (Tree d : ds.items()) {
                String id = d.asText().orElse("");
                if (id.isBlank()) continue;
                Evidence e = Evidence.at(cardFile, d.line(), "datasets");
                Draft.Part data =
                    draft
                        .component(id, ComponentKind.DATA_SOURCE)
                        .name("dataset " + id)
                        .because(e, NAME)
                        .set("provenance", "third-party", e);
                draft.flow(data, model, e);
              }
            });
  }

  private static void base(Draft draft, Draft.Part model, String id, Evidence e) {
    if (id.isBlank()) return;
    if (!Words.isHubId(id)) {
      model.note("base model " + id + " (a local path or a name without an owner)");
      return;
    }
    Draft.Part base =
        draft
            .component(id, ComponentKind.PRETRAINED_MODEL)
            .name(id)
            .because(e, NAME)
            .set("source", "public-hub", e);
    draft.flow(base, model, e);
  }

  /** {@code auto_map} in config.json: loading the model imports Python code named there. */
  private static void autoMap(Draft draft, Draft.Part model, String configFile, Tree c) {
    Optional<Tree> map = c.get("auto_map");
    if (map.isEmpty()) return;
    Tree m = map.get();
    Evidence e = Evidence.at(configFile, m.line(), "auto_map: code that runs on load");
    Draft.Part code =
        draft
            .component(model.id() + "-remote-code", ComponentKind.DEPENDENCY)
            .name("modeling code named by the auto_map of " + model.id())
            .because(e, NAME);
    boolean otherRepo = false;
    for (Map.Entry<String, Tree> en : m.entries().entrySet()) {
      for (Tree v : en.getValue().items()) {
        String ref = v.asText().orElse("");
        if (ref.contains("--")) {
          otherRepo = true;
          code.note(
              en.getKey()
                  + " comes from the Hub repository "
                  + ref.substring(0, ref.indexOf("--")));
        }
      }
    }
    if (otherRepo) {
      code.set("index", "public", e);
      code.set("pinned", false, Evidence.at(configFile, m.line(), "a repository name, no commit"));
    } else {
      code.note(
          "the modeling files sit next to the weights: trust them only as much as the folder");
    }
    draft.flow(code, model, e);
  }

  private void hubCalls(Repository repo, Draft draft, String py, PythonCalls code) {
    for (PythonCalls.Call call : code.calls()) {
      String last = call.name().substring(call.name().lastIndexOf('.') + 1);
      boolean pipeline = last.equals("pipeline") && call.qualified().startsWith("transformers");
      if (!HUB_CALLS.contains(last) && !pipeline) continue;
      Optional<String> ref =
          pipeline
              ? call.keyword("model").flatMap(PythonCalls.Arg::string)
              : call.keyword("repo_id")
                  .or(() -> call.keyword("pretrained_model_name_or_path"))
                  .or(() -> call.keyword("model_name_or_path"))
                  .or(() -> call.positional(0))
                  .flatMap(PythonCalls.Arg::string);
      if (ref.isEmpty()) continue;
      String id = ref.get();
      Evidence e = Evidence.at(py, call.line(), last);
      boolean remoteCode =
          call.keyword("trust_remote_code").map(a -> a.text().equals("True")).orElse(false);
      String local = id.startsWith("./") ? id.substring(2) : id;
      Optional<Draft.Part> folder =
          id.equals(".") || id.equals("./") ? draft.byArtifact(".") : draft.byArtifact(local);
      if (folder.isPresent()) {
        folder.get().because(e, NAME);
        if (remoteCode) folder.get().note("loaded with trust_remote_code=True at " + e.where());
        continue;
      }
      if (!Words.isHubId(id) && !Words.isPlainName(id)) continue;
      if (repo.exists(local) || id.startsWith("/") || id.startsWith(".")) continue;
      Draft.Part model =
          draft
              .component(id, ComponentKind.PRETRAINED_MODEL)
              .name(id)
              .because(e, NAME)
              .set("source", "public-hub", e);
      Optional<String> revision = call.keyword("revision").flatMap(PythonCalls.Arg::string);
      boolean pinned = revision.map(Words::isCommit).orElse(false);
      model.set(
          "pinned",
          pinned,
          Evidence.at(
              py,
              call.line(),
              revision
                  .map(r -> pinned ? "revision is a commit" : "revision " + r + " can move")
                  .orElse("no revision")));
      if (call.keyword("use_safetensors").map(a -> a.text().equals("True")).orElse(false))
        model.set(
            "artifact-format", "safetensors", Evidence.at(py, call.line(), "use_safetensors=True"));
      if (remoteCode) {
        Evidence r = Evidence.at(py, call.line(), "trust_remote_code=True");
        Draft.Part dep =
            draft
                .component(model.id() + "-remote-code", ComponentKind.DEPENDENCY)
                .name("code of " + id + " run by trust_remote_code")
                .because(r, NAME)
                .set("index", "public", r)
                .set("pinned", pinned, r);
        draft.flow(dep, model, r);
      }
    }
  }
}
