package dev.mlsec.discover.source;

import dev.mlsec.discover.Draft;
import dev.mlsec.discover.Evidence;
import dev.mlsec.discover.Repository;
import dev.mlsec.discover.Source;
import dev.mlsec.discover.read.Tree;
import dev.mlsec.model.ComponentKind;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Python dependency manifests: {@code requirements*.txt} (index options, {@code --hash} pins),
 * {@code pyproject.toml} (uv and Poetry indexes) and lock files with hashes ({@code uv.lock},
 * {@code poetry.lock}, {@code Pipfile.lock}).
 */
public final class DependencySource implements Source {
  private static final Pattern REQUIREMENTS = Pattern.compile("requirements[\\w.-]*\\.(txt|in)");
  private static final Pattern LOCKS = Pattern.compile("uv\\.lock|poetry\\.lock|Pipfile\\.lock");
  static final String NAME = "dependencies";
  private static final Pattern INDEX =
      Pattern.compile("^\\s*(-i|--index-url|--extra-index-url)[ =]\\s*(\\S+)");

  @Override
  public String name() {
    return NAME;
  }

  private static boolean publicIndex(String url) {
    String u = url.toLowerCase(Locale.ROOT);
    return u.contains("pypi.org")
        || u.contains("pythonhosted.org")
        || u.contains("download.pytorch.org");
  }

  @Override
  public void read(Repository repo, Draft draft) {
    for (String f :
        repo.files(
            f -> REQUIREMENTS.matcher(Repository.name(f)).matches() && !f.contains("/test"))) {
      repo.text(f).ifPresent(t -> requirements(draft, f, t));
    }
    for (String f : repo.files(f -> Repository.name(f).equals("pyproject.toml"))) {
      repo.toml(f).ifPresent(t -> pyproject(draft, f, t));
    }
    for (String f : repo.files(f -> LOCKS.matcher(Repository.name(f)).matches())) {
      packages(draft, Evidence.at(f, 0, "lock file"))
          .set("pinned", true, Evidence.at(f, 0, "a lock file with hashes"));
    }
  }

  private static Draft.Part packages(Draft draft, Evidence e) {
    return draft
        .component("python-packages", ComponentKind.DEPENDENCY)
        .name("Python packages")
        .because(e, NAME);
  }

  private void requirements(Draft draft, String f, String text) {
    String[] lines = text.split("\n", -1);
    int reqs = 0;
    int hashed = 0;
    Optional<String> index = Optional.empty();
    int indexLine = 0;
    boolean extraPublic = false;
    int first = 0;
    for (int i = 0; i < lines.length; i++) {
      String l = lines[i].replaceFirst("\\s#.*$", "").strip();
      if (l.isEmpty() || l.startsWith("#")) continue;
      Matcher m = INDEX.matcher(l);
      if (m.find()) {
        if (m.group(1).equals("--extra-index-url")) extraPublic |= publicIndex(m.group(2));
        else {
          index = Optional.of(m.group(2));
          indexLine = i + 1;
        }
        continue;
      }
      if (l.startsWith("-") && !l.startsWith("--hash")) continue;
      if (l.startsWith("--hash")) {
        hashed++;
        continue;
      }
      if (first == 0) first = i + 1;
      reqs++;
      if (l.contains("--hash=")) hashed++;
      // a continued line with its hashes below counts once
      if (l.endsWith("\\") && i + 1 < lines.length && lines[i + 1].strip().startsWith("--hash"))
        hashed++;
    }
    if (reqs == 0) return;
    Draft.Part p = packages(draft, Evidence.at(f, first, reqs + " requirements"));
    if (index.isPresent() && !publicIndex(index.get()) && !extraPublic)
      p.set("index", "internal-mirror", Evidence.at(f, indexLine, "--index-url"));
    else
      p.set(
          "index",
          "public",
          index.isPresent()
              ? Evidence.at(f, indexLine, "index")
              : Evidence.at(f, first, "no --index-url: PyPI"));
    boolean pinned = hashed >= reqs;
    p.set(
        "pinned",
        pinned,
        Evidence.at(
            f, first, pinned ? "--hash on every requirement" : "no --hash on every requirement"));
  }

  private void pyproject(Draft draft, String f, Tree t) {
    Optional<Tree> deps =
        t.at("project", "dependencies").or(() -> t.at("tool", "poetry", "dependencies"));
    if (deps.isEmpty()) return;
    Draft.Part p = packages(draft, Evidence.at(f, deps.get().line(), "project dependencies"));
    Optional<Tree> indexes = t.at("tool", "uv", "index").or(() -> t.at("tool", "poetry", "source"));
    boolean internal = false;
    for (Tree i : indexes.map(Tree::items).orElse(java.util.List.of())) {
      String url = i.text("url").orElse("");
      if (!url.isEmpty() && !publicIndex(url)) internal = true;
    }
    p.set(
        "index",
        internal ? "internal-mirror" : "public",
        Evidence.at(
            f,
            indexes.map(Tree::line).orElse(deps.get().line()),
            internal ? "a private index" : "PyPI"));
  }
}
