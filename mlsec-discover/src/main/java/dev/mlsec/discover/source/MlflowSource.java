package dev.mlsec.discover.source;

import dev.mlsec.discover.Draft;
import dev.mlsec.discover.Evidence;
import dev.mlsec.discover.Repository;
import dev.mlsec.discover.Source;
import dev.mlsec.discover.read.Tree;
import dev.mlsec.model.ComponentKind;
import java.util.Map;
import java.util.Optional;

/**
 * MLflow: {@code MLmodel} files (flavors, {@code loader_module}, pickled and cloudpickled models),
 * {@code MLproject} entry points, and the file store under {@code mlruns/} (experiments, registered
 * models and their stages).
 */
public final class MlflowSource implements Source {
  static final String NAME = "mlflow";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public void read(Repository repo, Draft draft) {
    for (String f : repo.files(f -> Repository.name(f).equals("MLmodel"))) {
      repo.yaml(f).ifPresent(t -> mlmodel(draft, f, t));
    }
    for (String f : repo.files(f -> Repository.name(f).equals("MLproject"))) {
      repo.yaml(f).ifPresent(t -> mlproject(draft, f, t));
    }
    for (String f :
        repo.files(
            f -> (f.startsWith("mlruns/") || f.contains("/mlruns/")) && f.endsWith("meta.yaml"))) {
      repo.yaml(f).ifPresent(t -> meta(draft, f, t));
    }
  }

  private static Draft.Part tracking(Draft draft, Evidence e) {
    return draft
        .component("mlflow-tracking", ComponentKind.MODEL_REGISTRY)
        .name("MLflow tracking store (mlruns)")
        .because(e, NAME);
  }

  private static void mlmodel(Draft draft, String file, Tree t) {
    String folder = Repository.folder(file);
    Evidence at = Evidence.at(file, 1);
    boolean inRuns = file.startsWith("mlruns/") || file.contains("/mlruns/");
    Draft.Part model =
        inRuns
            ? tracking(draft, at)
            : draft
                .byArtifact(folder)
                .orElseGet(
                    () ->
                        draft
                            .component(
                                folder.isEmpty() ? "mlflow-model" : Repository.name(folder),
                                ComponentKind.MODEL_REGISTRY)
                            .name("MLflow model " + (folder.isEmpty() ? "." : folder)));
    model.because(at, NAME);
    if (!inRuns) draft.artifact(folder.isEmpty() ? "." : folder, model);
    Optional<Tree> flavors = t.get("flavors");
    if (flavors.isEmpty()) {
      draft.warn(file, 1, "an MLmodel file without 'flavors'");
      return;
    }
    for (Map.Entry<String, Tree> fl : flavors.get().entries().entrySet()) {
      String flavor = fl.getKey();
      Tree spec = fl.getValue();
      Evidence e = Evidence.at(file, flavors.get().keyLine(flavor), "flavor " + flavor);
      switch (flavor) {
        case "sklearn" -> {
          String ser = spec.text("serialization_format").orElse("cloudpickle");
          if (ser.equals("pickle") || ser.equals("cloudpickle"))
            model.set(
                "artifact-format",
                "pickle",
                Evidence.at(file, lineOf(spec, "serialization_format"), "sklearn " + ser));
          spec.text("pickled_model").ifPresent(p -> artifact(draft, model, folder, p, e, inRuns));
        }
        case "pytorch" -> {
          model.set("artifact-format", "pytorch", e);
          spec.text("model_data").ifPresent(p -> artifact(draft, model, folder, p, e, inRuns));
        }
        case "keras", "tensorflow" -> {
          String fmt = spec.text("save_format").orElse("");
          if (flavor.equals("tensorflow") || fmt.equals("tf"))
            model.set("artifact-format", "savedmodel", e);
          else model.set("artifact-format", "keras", e);
        }
        case "onnx" -> model.set("artifact-format", "onnx", e);
        case "python_function" -> {
          spec.text("loader_module")
              .ifPresent(
                  m -> {
                    if (!m.startsWith("mlflow."))
                      model.note(
                          "python_function loader_module " + m + ": project code runs on load");
                  });
          spec.text("python_model")
              .ifPresent(
                  p -> {
                    model.set(
                        "artifact-format",
                        "pickle",
                        Evidence.at(
                            file, lineOf(spec, "python_model"), "cloudpickled python_model"));
                    artifact(draft, model, folder, p, e, inRuns);
                  });
          spec.text("code")
              .ifPresent(c -> model.note("python_function code " + c + " is imported on load"));
        }
        default -> model.note("flavor " + flavor + " at " + e.where());
      }
    }
  }

  private static int lineOf(Tree spec, String key) {
    return spec.keyLine(key);
  }

  private static void artifact(
      Draft draft, Draft.Part model, String folder, String p, Evidence e, boolean inRuns) {
    String path = folder.isEmpty() ? p : folder + "/" + p;
    draft.artifact(path, model);
    if (!inRuns) model.set("artifacts", path, e);
  }

  private static void mlproject(Draft draft, String file, Tree t) {
    Tree entries = t.get("entry_points").orElse(null);
    if (entries == null) return;
    for (Map.Entry<String, Tree> ep : entries.entries().entrySet()) {
      String cmd = ep.getValue().text("command").orElse("");
      Evidence e = Evidence.at(file, entries.keyLine(ep.getKey()), "entry point " + ep.getKey());
      ComponentKind kind = Words.stepKind(ep.getKey() + " " + cmd).orElse(ComponentKind.TRAINING);
      String project =
          t.text("name")
              .orElse(
                  Words.stem(
                      Repository.folder(file).isEmpty() ? "mlflow" : Repository.folder(file)));
      draft
          .component(ep.getKey().equals("main") ? project : ep.getKey(), kind)
          .name("MLflow project " + project + " entry point " + ep.getKey())
          .because(e, NAME);
    }
  }

  private static void meta(Draft draft, String file, Tree t) {
    Evidence e = Evidence.at(file, 1);
    Draft.Part store = tracking(draft, e);
    t.text("artifact_location")
        .or(() -> t.text("artifact_uri"))
        .filter(l -> l.matches("(s3|gs|wasbs|abfss|hdfs|dbfs)://.*"))
        .ifPresent(
            l ->
                store.note(
                    "artifacts kept at "
                        + l.replaceAll("^(\\w+://[^/]*).*", "$1")
                        + " ("
                        + e.where()
                        + ")"));
    t.text("current_stage")
        .filter(s -> !s.equals("None"))
        .ifPresent(
            s ->
                store.note(
                    "registered model " + t.text("name").orElse("?") + " version in stage " + s));
  }
}
