package dev.mlsec.discover.source;

import dev.mlsec.discover.Draft;
import dev.mlsec.discover.Evidence;
import dev.mlsec.discover.Repository;
import dev.mlsec.discover.Source;
import dev.mlsec.discover.read.Tree;
import dev.mlsec.model.ComponentKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * DVC: {@code dvc.yaml} stages (cmd, deps, outs, params, foreach), {@code dvc.lock} hashes, {@code
 * *.dvc} files ({@code dvc add}, {@code dvc import}, {@code dvc import-url}) and the remotes in
 * {@code .dvc/config}. Stages become steps, their data outputs stores, and the paths between them
 * flows.
 */
public final class DvcSource implements Source {
  static final String NAME = "dvc";
  private static final Pattern REMOTE =
      Pattern.compile("\\s*\\[\\s*'?remote\\s+\"([^\"]+)\"'?\\s*\\]\\s*");
  private static final Pattern URL = Pattern.compile("\\s*url\\s*=\\s*(\\S+)\\s*");

  @Override
  public String name() {
    return NAME;
  }

  private record Stage(
      String name, String file, int line, String cmd, List<String> deps, List<String> outs) {}

  @Override
  public void read(Repository repo, Draft draft) {
    List<Stage> stages = new ArrayList<>();
    for (String f : repo.files(f -> Repository.name(f).equals("dvc.yaml"))) {
      repo.yaml(f).ifPresent(t -> stages(f, t, stages));
    }
    Map<String, Draft.Part> producedBy = new LinkedHashMap<>();
    Map<String, Draft.Part> steps = new LinkedHashMap<>();
    for (Stage s : stages) {
      Evidence e = Evidence.at(s.file, s.line, "stage " + s.name);
      ComponentKind kind =
          Words.stepKind(s.name).or(() -> Words.stepKind(s.cmd)).orElse(ComponentKind.COMPUTE);
      Draft.Part step = draft.component(s.name, kind).because(e, NAME);
      if (kind == ComponentKind.COMPUTE)
        step.note("a DVC stage whose name and command do not say its role");
      steps.put(s.name, step);
      for (String out : s.outs) {
        Evidence oe = Evidence.at(s.file, s.line, "outs of " + s.name);
        Draft.Part store = store(draft, out, oe, kind == ComponentKind.TRAINING);
        draft.flow(step, store, oe);
        producedBy.put(out, store);
      }
    }
    for (Stage s : stages) {
      Draft.Part step = steps.get(s.name);
      for (String dep : s.deps) {
        Evidence de = Evidence.at(s.file, s.line, "deps of " + s.name);
        Draft.Part from = producedBy.get(dep);
        if (from == null) from = tracked(repo, draft, dep).orElse(null);
        if (from == null) from = store(draft, dep, de, false);
        else from.because(de, NAME);
        if (step.kind() == ComponentKind.TRAINING && from.kind() == ComponentKind.DATA_STORE)
          from.set("stores", "training-set", de);
        draft.flow(from, step, de);
      }
    }
    for (String f : repo.files(f -> f.endsWith(".dvc") && !f.startsWith(".dvc/"))) {
      String path = f.substring(0, f.length() - 4);
      if (!producedBy.containsKey(path)) tracked(repo, draft, path);
    }
    for (String f : repo.files(f -> Repository.name(f).equals("dvc.lock"))) {
      repo.yaml(f).ifPresent(t -> lock(draft, f, t));
    }
    if (repo.exists(".dvc/config")) remotes(repo, draft);
  }

  private static void stages(String file, Tree t, List<Stage> out) {
    Optional<Tree> st = t.get("stages");
    if (st.isEmpty()) return;
    for (Map.Entry<String, Tree> en : st.get().entries().entrySet()) {
      Tree body = en.getValue();
      if (body.get("do").isPresent())
        body = body.get("do").get(); // foreach: one step for all items
      out.add(
          new Stage(
              en.getKey(),
              file,
              st.get().keyLine(en.getKey()),
              body.at("cmd")
                  .map(
                      c ->
                          String.join(
                              " ", c.items().stream().map(i -> i.asText().orElse("")).toList()))
                  .orElse(""),
              paths(body.get("deps")),
              paths(body.get("outs"))));
    }
  }

  /** Paths of deps or outs; entries may be maps ({@code - model.pkl: {cache: false}}). */
  private static List<String> paths(Optional<Tree> list) {
    List<String> out = new ArrayList<>();
    list.ifPresent(
        l -> {
          for (Tree i : l.items()) {
            String p = i.asText().orElse(i.entries().keySet().stream().findFirst().orElse(""));
            p = p.replaceFirst("^\\./", "").replaceFirst("/$", "");
            if (!p.isEmpty() && !Words.isCode(p) && !p.contains("${")) out.add(p);
          }
        });
    return out;
  }

  private static Draft.Part store(Draft draft, String path, Evidence e, boolean fromTraining) {
    Optional<Draft.Part> known = draft.byArtifact(path);
    if (known.isPresent() && known.get().kind() != ComponentKind.MODEL_REGISTRY)
      return known.get().because(e, NAME);
    if (known.isPresent()
        || Words.modelFormat(path).isPresent()
        || (fromTraining && path.matches("(?i).*model.*"))) {
      Draft.Part m = draft.modelFile(path, e, NAME);
      Words.modelFormat(path)
          .ifPresent(
              fmt ->
                  m.set(
                      "artifact-format",
                      fmt,
                      Evidence.at(e.file(), e.line(), "file name " + Repository.name(path))));
      return m;
    }
    Draft.Part s = draft.component(path, ComponentKind.DATA_STORE).name(path).because(e, NAME);
    draft.artifact(path, s);
    return s;
  }

  /** A path tracked by a {@code .dvc} file: added data, or an import from elsewhere. */
  private static Optional<Draft.Part> tracked(Repository repo, Draft draft, String path) {
    String f = path + ".dvc";
    if (!repo.exists(f)) return Optional.empty();
    Optional<Tree> t = repo.yaml(f);
    if (t.isEmpty()) return Optional.empty();
    Optional<Tree> dep = t.get().get("deps").flatMap(d -> d.items().stream().findFirst());
    if (dep.isEmpty()) {
      Evidence e = Evidence.at(f, 1, "dvc add");
      Draft.Part s =
          draft
              .byArtifact(path)
              .orElseGet(() -> draft.component(path, ComponentKind.DATA_STORE).name(path));
      s.because(e, NAME);
      if (s.kind() == ComponentKind.DATA_STORE)
        s.set("versioned", true, Evidence.at(f, t.get().keyLine("outs"), "content hash"));
      draft.artifact(path, s);
      return Optional.of(s);
    }
    Tree d = dep.get();
    Evidence e = Evidence.at(f, d.line(), "dvc import");
    Draft.Part src = draft.component(path, ComponentKind.DATA_SOURCE).because(e, NAME);
    Optional<String> repoUrl = d.text("repo", "url");
    String from = repoUrl.orElse(d.text("path").orElse(path));
    src.name("data imported from " + from);
    if (repoUrl.isPresent()) {
      boolean locked = d.text("repo", "rev_lock").map(Words::isCommit).orElse(false);
      // a data source is live input, not an artifact: its pinning is noted, not an attribute
      src.note(
          (locked ? "imported at a locked commit (rev_lock)" : "imported without rev_lock")
              + ", from "
              + f
              + ":"
              + d.line());
      src.set("provenance", "third-party", e);
    } else if (from.matches("(https?|s3|gs|azure|ssh)://.*")) {
      boolean hashed = d.get("md5").isPresent() || d.get("checksum").isPresent();
      src.note(
          (hashed ? "content checked by checksum" : "only an etag, no checksum")
              + ", from "
              + f
              + ":"
              + d.line());
      if (from.startsWith("http"))
        src.set("provenance", "public-web", Evidence.at(f, d.line(), "import-url over http"));
    }
    draft.artifact(path, src);
    return Optional.of(src);
  }

  private static void lock(Draft draft, String file, Tree t) {
    for (Map.Entry<String, Tree> st :
        t.get("stages").map(Tree::entries).orElse(Map.of()).entrySet()) {
      for (Tree out : st.getValue().get("outs").map(Tree::items).orElse(List.of())) {
        Optional<String> p = out.text("path");
        boolean hashed = out.get("md5").isPresent() || out.get("hash").isPresent();
        if (p.isEmpty() || !hashed) continue;
        draft
            .byArtifact(p.get())
            .filter(s -> s.kind() == ComponentKind.DATA_STORE)
            .ifPresent(
                s -> s.set("versioned", true, Evidence.at(file, out.line(), "hash in dvc.lock")));
      }
    }
  }

  /** {@code .dvc/config} is INI: {@code ['remote "storage"']} then {@code url = s3://...}. */
  private static void remotes(Repository repo, Draft draft) {
    String text = repo.text(".dvc/config").orElse("");
    String[] lines = text.split("\n", -1);
    String remote = null;
    for (int i = 0; i < lines.length; i++) {
      Matcher r = REMOTE.matcher(lines[i]);
      if (r.matches()) {
        remote = r.group(1);
        continue;
      }
      if (lines[i].trim().startsWith("[")) remote = null;
      Matcher u = URL.matcher(lines[i]);
      if (remote != null && u.matches()) {
        String url = u.group(1);
        Evidence e = Evidence.at(".dvc/config", i + 1, "remote " + remote);
        Draft.Part s =
            draft
                .component("dvc-remote-" + remote, ComponentKind.DATA_STORE)
                .name(
                    "DVC remote " + remote + " (" + url.replaceAll("^(\\w+://[^/]*).*", "$1") + ")")
                .because(e, NAME)
                .set("versioned", true, e);
        for (Draft.Part p : List.copyOf(draft.parts())) {
          if (p != s
              && p.kind() == ComponentKind.DATA_STORE
              && p.value("versioned").isPresent()
              && !p.id().startsWith("dvc-remote-"))
            draft.flow(p, s, Evidence.at(".dvc/config", i + 1, "dvc push"));
        }
      }
    }
  }
}
