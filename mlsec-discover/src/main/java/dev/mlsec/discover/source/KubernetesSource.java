package dev.mlsec.discover.source;

import dev.mlsec.discover.Draft;
import dev.mlsec.discover.Evidence;
import dev.mlsec.discover.Repository;
import dev.mlsec.discover.Source;
import dev.mlsec.discover.read.Tree;
import dev.mlsec.model.ComponentKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Serving manifests: KServe {@code InferenceService} (model format, {@code storageUri}, runtime,
 * transformer) and the Kubernetes {@code Service} and {@code Ingress} objects that expose them.
 */
public final class KubernetesSource implements Source {
  static final String NAME = "kubernetes";

  @Override
  public String name() {
    return NAME;
  }

  /** Manifest files: YAML that other sources do not own. */
  static boolean isManifest(String f) {
    String n = Repository.name(f);
    return (n.endsWith(".yaml") || n.endsWith(".yml"))
        && !n.equals("dvc.yaml")
        && !n.equals("dvc.lock")
        && !f.startsWith(".github/")
        && !n.equals("meta.yaml")
        && !n.equals("params.yaml");
  }

  private record Exposure(String backend, String level, Evidence evidence) {}

  @Override
  public void read(Repository repo, Draft draft) {
    List<Exposure> exposures = new ArrayList<>();
    List<Draft.Part> services = new ArrayList<>();
    for (String f : repo.files(KubernetesSource::isManifest)) {
      for (Tree doc : repo.yamlDocuments(f)) {
        String kind = doc.text("kind").orElse("");
        String api = doc.text("apiVersion").orElse("");
        if (kind.equals("InferenceService")
            && (api.startsWith("serving.kserve.io") || api.startsWith("serving.kubeflow.org")))
          services.add(inferenceService(draft, f, doc));
        else if (kind.equals("Service") && api.equals("v1"))
          service(f, doc).ifPresent(exposures::add);
        else if (kind.equals("Ingress")) exposures.addAll(ingress(f, doc));
      }
    }
    for (Exposure x : exposures) {
      Optional<Draft.Part> target =
          services.stream()
              .filter(s -> x.backend.equals(s.id()) || x.backend.startsWith(s.id() + "-predictor"))
              .findFirst();
      target.ifPresent(s -> s.set("exposure", x.level, x.evidence).because(x.evidence, NAME));
    }
  }

  private Draft.Part inferenceService(Draft draft, String f, Tree doc) {
    String name = doc.text("metadata", "name").orElse(Words.stem(f));
    Evidence e = Evidence.at(f, doc.keyLine("kind"), "InferenceService " + name);
    Draft.Part serving =
        draft
            .component(name, ComponentKind.SERVING)
            .name("KServe InferenceService " + name)
            .because(e, NAME);
    Optional<Tree> predictor = doc.at("spec", "predictor");
    if (predictor.isEmpty()) {
      draft.warn(f, e.line(), "an InferenceService without spec.predictor");
      return serving;
    }
    Tree p = predictor.get();
    // v1beta1 'model' form, or the older per-framework keys (sklearn:, pytorch:, ...)
    String format = p.text("model", "modelFormat", "name").orElse("");
    Tree model = p.get("model").orElse(null);
    if (format.isEmpty()) {
      for (String fw :
          List.of(
              "sklearn",
              "xgboost",
              "pytorch",
              "tensorflow",
              "onnx",
              "lightgbm",
              "huggingface",
              "triton",
              "paddle",
              "pmml")) {
        if (p.get(fw).isPresent()) {
          format = fw;
          model = p.get(fw).get();
        }
      }
    }
    if (model == null) {
      serving.note("custom predictor containers: their model format is not stated");
      return serving;
    }
    final Tree m = model;
    int formatLine = m.get("modelFormat").map(Tree::line).orElse(m.line());
    String uri = m.text("storageUri").orElse("");
    int uriLine = m.keyLine("storageUri");
    m.text("runtime").ifPresent(r -> serving.note("runtime " + r));
    Optional<String> artifact = artifactFormat(format.toLowerCase(Locale.ROOT), uri);
    Draft.Part store;
    Evidence se =
        Evidence.at(
            f,
            uri.isEmpty() ? formatLine : uriLine,
            uri.isEmpty() ? "modelFormat " + format : "storageUri");
    if (uri.startsWith("hf://")) {
      String hub = uri.substring(5);
      store =
          draft
              .component(hub, ComponentKind.PRETRAINED_MODEL)
              .name(hub)
              .because(se, NAME)
              .set("source", "public-hub", se)
              .set(
                  "pinned",
                  hub.contains("@") && Words.isCommit(hub.substring(hub.indexOf('@') + 1)),
                  Evidence.at(f, uriLine, "hf:// without a commit"));
    } else {
      store =
          draft
              .component(name + "-model-store", ComponentKind.MODEL_REGISTRY)
              .name(
                  "model storage of "
                      + name
                      + (uri.isEmpty()
                          ? ""
                          : " (" + uri.replaceAll("^(\\w+://[^/]*).*", "$1") + ")"))
              .because(se, NAME);
    }
    artifact.ifPresent(
        a ->
            store.set(
                "artifact-format",
                a,
                Evidence.at(
                    f,
                    formatLine,
                    "modelFormat " + m.text("modelFormat", "name").orElse(m.line() + ""))));
    draft.flow(store, serving, se);
    doc.at("spec", "transformer")
        .ifPresent(
            t -> {
              Evidence te =
                  Evidence.at(f, doc.at("spec").get().keyLine("transformer"), "transformer");
              Draft.Part pre =
                  draft
                      .component(name + "-transformer", ComponentKind.PREPROCESSING)
                      .name("KServe transformer of " + name)
                      .because(te, NAME);
              draft.flow(pre, serving, te);
            });
    return serving;
  }

  /** What a KServe model format loads; sklearn and xgboost servers accept pickles and joblib. */
  private static Optional<String> artifactFormat(String format, String uri) {
    Optional<String> byName = Words.modelFormat(uri);
    if (byName.isPresent()) return byName;
    return switch (format) {
      case "sklearn" -> Optional.of("joblib");
      case "pytorch" -> Optional.of("pytorch");
      case "tensorflow" -> Optional.of("savedmodel");
      case "onnx" -> Optional.of("onnx");
      case "tflite" -> Optional.of("tflite");
      default -> Optional.empty();
    };
  }

  private static Optional<Exposure> service(String f, Tree doc) {
    String name = doc.text("metadata", "name").orElse("");
    String type = doc.text("spec", "type").orElse("ClusterIP");
    int line = doc.at("spec").map(s -> s.keyLine("type")).orElse(doc.line());
    String level = type.equals("LoadBalancer") || type.equals("NodePort") ? "public" : "internal";
    String backend =
        doc.text("spec", "selector", "serving.kserve.io/inferenceservice").orElse(name);
    return Optional.of(new Exposure(backend, level, Evidence.at(f, line, "Service type " + type)));
  }

  private static List<Exposure> ingress(String f, Tree doc) {
    List<Exposure> out = new ArrayList<>();
    for (Tree rule : doc.at("spec", "rules").map(Tree::items).orElse(List.of())) {
      for (Tree path : rule.at("http", "paths").map(Tree::items).orElse(List.of())) {
        path.text("backend", "service", "name")
            .or(() -> path.text("backend", "serviceName"))
            .ifPresent(
                b ->
                    out.add(
                        new Exposure(b, "public", Evidence.at(f, path.line(), "Ingress to " + b))));
      }
    }
    return out;
  }
}
