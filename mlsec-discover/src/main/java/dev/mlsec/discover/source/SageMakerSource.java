package dev.mlsec.discover.source;

import dev.mlsec.discover.Draft;
import dev.mlsec.discover.Evidence;
import dev.mlsec.discover.Repository;
import dev.mlsec.discover.Source;
import dev.mlsec.discover.read.Tree;
import dev.mlsec.model.ComponentKind;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * SageMaker pipeline definitions (the JSON {@code pipeline.definition()} writes: {@code Version},
 * {@code Steps}): processing, training and tuning steps, registered models, the S3 data they read,
 * and the flows that {@code Get} references and {@code DependsOn} state.
 */
public final class SageMakerSource implements Source {
  static final String NAME = "sagemaker";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public void read(Repository repo, Draft draft) {
    for (String f : repo.files(f -> f.endsWith(".json") && !McpSource.isConfig(f))) {
      if (!Repository.name(f).matches("(?i).*(pipeline|definition).*\\.json")) continue;
      repo.json(f)
          .filter(t -> t.get("Steps").isPresent() && t.get("Version").isPresent())
          .ifPresent(t -> pipeline(draft, f, t));
    }
  }

  private void pipeline(Draft draft, String f, Tree t) {
    Map<String, Draft.Part> steps = new LinkedHashMap<>();
    List<Tree> list = t.get("Steps").get().items();
    for (Tree step : list) {
      String name = step.text("Name").orElse("");
      String type = step.text("Type").orElse("");
      if (name.isEmpty()) continue;
      Evidence e = Evidence.at(f, step.line(), type + " step " + name);
      Optional<ComponentKind> kind =
          switch (type) {
            case "Training", "Tuning" -> Optional.of(ComponentKind.TRAINING);
            case "Processing" ->
                Optional.of(Words.stepKind(name).orElse(ComponentKind.PREPROCESSING));
            case "RegisterModel", "Model", "CreateModel" ->
                Optional.of(ComponentKind.MODEL_REGISTRY);
            case "Transform" -> Optional.of(ComponentKind.SERVING);
            default -> Optional.empty();
          };
      if (kind.isEmpty()) continue;
      Draft.Part part =
          draft.component(name, kind.get()).name("SageMaker step " + name).because(e, NAME);
      step.text("Arguments", "AlgorithmSpecification", "TrainingImage")
          .or(() -> step.text("Arguments", "AppSpecification", "ImageUri"))
          .ifPresent(
              img -> {
                part.note("image " + img);
                if (part.kind() == ComponentKind.TRAINING)
                  for (String fw :
                      List.of("xgboost", "pytorch", "tensorflow", "scikit-learn", "huggingface"))
                    if (img.contains(fw)) {
                      part.set("framework", fw, Evidence.at(f, step.line(), "the training image"));
                      break;
                    }
              });
      steps.put(name, part);
    }
    for (Tree step : list) {
      Draft.Part to = steps.get(step.text("Name").orElse(""));
      if (to == null) continue;
      Set<String> from = new LinkedHashSet<>();
      step.get("DependsOn").ifPresent(d -> d.items().forEach(i -> i.asText().ifPresent(from::add)));
      step.get("Arguments").ifPresent(a -> references(a, from));
      for (String n : from) {
        Draft.Part p = steps.get(n);
        if (p != null) draft.flow(p, to, Evidence.at(f, step.line(), "uses " + n));
      }
      step.get("Arguments").ifPresent(a -> s3Inputs(draft, f, a, to));
    }
  }

  /** Step names in {@code {"Get": "Steps.NAME...."}} anywhere below. */
  private static void references(Tree t, Set<String> out) {
    t.text("Get")
        .filter(g -> g.startsWith("Steps."))
        .ifPresent(g -> out.add(g.substring(6).split("\\.", -1)[0]));
    for (Tree c : t.entries().values()) references(c, out);
    if (t instanceof Tree.ListNode l) for (Tree c : l.items()) references(c, out);
  }

  /** Literal S3 inputs of a step: data it reads from a bucket. */
  private static void s3Inputs(Draft draft, String f, Tree args, Draft.Part step) {
    for (Tree in :
        args.get("InputDataConfig")
            .or(() -> args.get("ProcessingInputs"))
            .map(Tree::items)
            .orElse(List.of())) {
      Optional<Tree> uri =
          in.at("DataSource", "S3DataSource", "S3Uri").or(() -> in.at("S3Input", "S3Uri"));
      Optional<String> literal = uri.flatMap(Tree::asText).filter(u -> u.startsWith("s3://"));
      if (literal.isEmpty()) continue;
      Evidence e = Evidence.at(f, uri.get().line(), "S3 input");
      Draft.Part store =
          draft
              .component(literal.get().substring(5), ComponentKind.DATA_STORE)
              .name(literal.get())
              .because(e, NAME);
      if (step.kind() == ComponentKind.TRAINING) store.set("stores", "training-set", e);
      draft.flow(store, step, e);
    }
  }
}
