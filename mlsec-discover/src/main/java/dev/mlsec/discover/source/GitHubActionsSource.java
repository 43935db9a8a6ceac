package dev.mlsec.discover.source;

import dev.mlsec.discover.Draft;
import dev.mlsec.discover.Evidence;
import dev.mlsec.discover.Repository;
import dev.mlsec.discover.Source;
import dev.mlsec.discover.read.Tree;
import dev.mlsec.model.ComponentKind;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * GitHub Actions workflows: the runners as compute holding the secrets they are given, each
 * third-party action as a dependency (pinned only by a full commit), jobs that train, and models
 * pulled from the Hugging Face Hub in {@code run} steps.
 */
public final class GitHubActionsSource implements Source {
  static final String NAME = "github-actions";
  private static final Pattern SECRET = Pattern.compile("secrets\\.([A-Za-z_][A-Za-z0-9_]*)");
  private static final Pattern HF_DOWNLOAD =
      Pattern.compile("(?:huggingface-cli|hf)\\s+download\\s+([A-Za-z0-9][\\w.-]*/[\\w.-]+)(.*)");

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public void read(Repository repo, Draft draft) {
    for (String f :
        repo.files(
            f ->
                f.startsWith(".github/workflows/")
                    && (f.endsWith(".yml") || f.endsWith(".yaml")))) {
      Optional<Tree> t = repo.yaml(f);
      if (t.isEmpty()) continue;
      Optional<Tree> jobs = t.get().get("jobs");
      if (jobs.isEmpty()) {
        draft.warn(f, 1, "a GitHub Actions workflow without 'jobs'");
        continue;
      }
      Evidence we = Evidence.at(f, t.get().keyLine("jobs"), "workflow jobs");
      Draft.Part ci =
          draft
              .component("github-actions", ComponentKind.COMPUTE)
              .name("GitHub Actions runners")
              .because(we, NAME);
      String text = repo.text(f).orElse("");
      String[] lines = text.split("\n", -1);
      for (int i = 0; i < lines.length; i++) {
        Matcher m = SECRET.matcher(lines[i]);
        while (m.find())
          if (!m.group(1).equals("GITHUB_TOKEN"))
            draft.credential(
                m.group(1), "the CI secret " + m.group(1), ci, Evidence.at(f, i + 1, "CI secret"));
      }
      for (Map.Entry<String, Tree> job : jobs.get().entries().entrySet()) {
        job(draft, f, ci, job.getKey(), jobs.get().keyLine(job.getKey()), job.getValue());
      }
    }
  }

  private void job(Draft draft, String f, Draft.Part ci, String id, int line, Tree job) {
    StringBuilder runs = new StringBuilder();
    for (Tree step : job.get("steps").map(Tree::items).orElse(java.util.List.of())) {
      step.text("uses").ifPresent(u -> action(draft, f, ci, u, step.keyLine("uses")));
      step.text("run")
          .ifPresent(
              r -> {
                runs.append(r).append('\n');
                Matcher hf = HF_DOWNLOAD.matcher(r);
                while (hf.find()) {
                  Evidence e = Evidence.at(f, step.keyLine("run"), "downloads " + hf.group(1));
                  Matcher rev = Pattern.compile("--revision[ =](\\S+)").matcher(hf.group(2));
                  boolean pinned = rev.find() && Words.isCommit(rev.group(1));
                  Draft.Part m =
                      draft
                          .component(hf.group(1), ComponentKind.PRETRAINED_MODEL)
                          .name(hf.group(1))
                          .because(e, NAME)
                          .set("source", "public-hub", e)
                          .set(
                              "pinned",
                              pinned,
                              Evidence.at(
                                  f,
                                  step.keyLine("run"),
                                  pinned ? "--revision is a commit" : "no commit --revision"));
                  draft.flow(m, ci, e);
                }
              });
    }
    String words = id + " " + job.text("name").orElse("");
    if (Words.stepKind(words).filter(k -> k == ComponentKind.TRAINING).isPresent()
        || runs.toString()
            .matches("(?s).*(python\\S*\\s+\\S*train\\S*\\.py|dvc repro|mlflow run).*")) {
      Evidence e = Evidence.at(f, line, "job " + id);
      Draft.Part training =
          draft
              .component("ci-" + id, ComponentKind.TRAINING)
              .name("training job " + id + " in CI")
              .because(e, NAME);
      draft.flow(ci, training, e);
    }
  }

  private static void action(Draft draft, String f, Draft.Part ci, String uses, int line) {
    if (uses.startsWith("./") || uses.startsWith("docker://")) return;
    int at = uses.indexOf('@');
    String name = at < 0 ? uses : uses.substring(0, at);
    String ref = at < 0 ? "" : uses.substring(at + 1);
    Evidence e = Evidence.at(f, line, "uses " + uses);
    boolean pinned = Words.isCommit(ref);
    Draft.Part dep =
        draft
            .component("action-" + name, ComponentKind.DEPENDENCY)
            .name("GitHub Action " + name)
            .because(e, NAME)
            .set("index", "public", Evidence.at(f, line, "the GitHub Marketplace"))
            .set(
                "pinned",
                pinned,
                Evidence.at(f, line, pinned ? "a commit" : "a tag or branch can move"));
    draft.flow(dep, ci, e);
  }
}
