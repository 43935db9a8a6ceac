package dev.mlsec.discover.source;

import dev.mlsec.discover.Draft;
import dev.mlsec.discover.Evidence;
import dev.mlsec.discover.Repository;
import dev.mlsec.discover.Source;
import dev.mlsec.discover.read.Tree;
import dev.mlsec.model.ComponentKind;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Kubeflow Pipelines v2 compiled YAML ({@code pipelineInfo}, {@code root.dag.tasks}, {@code
 * deploymentSpec.executors}): tasks become steps, importers outside data or models, and the
 * artifacts one task hands to another flows.
 */
public final class KubeflowSource implements Source {
  static final String NAME = "kubeflow";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public void read(Repository repo, Draft draft) {
    for (String f : repo.files(KubernetesSource::isManifest)) {
      for (Tree doc : repo.yamlDocuments(f)) {
        if (doc.get("pipelineInfo").isPresent() && doc.at("root", "dag", "tasks").isPresent())
          pipeline(draft, f, doc);
      }
    }
  }

  private void pipeline(Draft draft, String f, Tree doc) {
    String pipeline = doc.text("pipelineInfo", "name").orElse(Words.stem(f));
    Tree tasks = doc.at("root", "dag", "tasks").get();
    Map<String, Draft.Part> parts = new LinkedHashMap<>();
    for (Map.Entry<String, Tree> t : tasks.entries().entrySet()) {
      String task = t.getKey();
      Evidence e = Evidence.at(f, tasks.keyLine(task), "task " + task + " of " + pipeline);
      String comp = t.getValue().text("componentRef", "name").orElse("");
      String executor = doc.text("components", comp, "executorLabel").orElse("");
      Optional<Tree> importer = doc.at("deploymentSpec", "executors", executor, "importer");
      Draft.Part part;
      if (importer.isPresent()) {
        Tree im = importer.get();
        String uri =
            im.text("artifactUri", "constant")
                .or(() -> im.text("artifactUri", "runtimeParameter"))
                .orElse("");
        String schema = im.text("typeSchema", "schemaTitle").orElse("");
        Evidence ie = Evidence.at(f, im.line(), "importer of " + (uri.isEmpty() ? schema : uri));
        if (schema.equals("system.Model")) {
          part =
              draft
                  .component(task, ComponentKind.PRETRAINED_MODEL)
                  .name("model imported from " + uri)
                  .because(e, NAME);
          if (uri.startsWith("hf://") || uri.contains("huggingface.co"))
            part.set("source", "public-hub", ie);
          Words.modelFormat(uri).ifPresent(fmt -> part.set("artifact-format", fmt, ie));
        } else {
          part =
              draft
                  .component(task, ComponentKind.DATA_SOURCE)
                  .name("data imported from " + uri)
                  .because(e, NAME);
          if (uri.matches("https?://.*")) part.set("provenance", "public-web", ie);
        }
        if (!uri.isEmpty() && part.has("pinned"))
          part.set(
              "pinned",
              Words.hasDigest(uri),
              Evidence.at(
                  f,
                  im.line(),
                  Words.hasDigest(uri) ? "digest in the URI" : "a URI without a digest"));
      } else {
        ComponentKind kind =
            Words.stepKind(task).or(() -> Words.stepKind(comp)).orElse(ComponentKind.COMPUTE);
        part = draft.component(task, kind).name("Kubeflow task " + task).because(e, NAME);
        doc.text("deploymentSpec", "executors", executor, "container", "image")
            .ifPresent(img -> part.note("container image " + img));
      }
      parts.put(task, part);
    }
    for (Map.Entry<String, Tree> t : tasks.entries().entrySet()) {
      Draft.Part to = parts.get(t.getKey());
      for (Tree in :
          t.getValue()
              .at("inputs", "artifacts")
              .map(Tree::entries)
              .map(Map::values)
              .orElse(java.util.List.of())) {
        in.text("taskOutputArtifact", "producerTask")
            .map(parts::get)
            .ifPresent(
                from -> draft.flow(from, to, Evidence.at(f, in.line(), "taskOutputArtifact")));
      }
    }
  }
}
