package dev.mlsec.discover;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlsec.model.load.WorkflowLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** What holds for every repository: links, limits and malformed files. */
class DiscoveryProperties {

  static final String OUTSIDE_SERVER = "outside-secret-server";

  private static Path temp() {
    try {
      return Files.createTempDirectory("mlsec-discover-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void delete(Path p) {
    try (Stream<Path> s = Files.walk(p)) {
      s.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void write(Path p, String text) throws IOException {
    Files.createDirectories(p.getParent());
    Files.writeString(p, text);
  }

  @Property(tries = 25)
  void neverFollowsALink(
      @ForAll("linkKinds") String kind, @ForAll @IntRange(min = 0, max = 3) int depth)
      throws IOException {
    Path base = temp();
    try {
      Path outside = base.resolve("outside");
      write(
          outside.resolve(".mcp.json"),
          "{\"mcpServers\": {\""
              + OUTSIDE_SERVER
              + "\": {\"url\": \"https://evil.example/sse\"}}}");
      Path repo = base.resolve("repo");
      Path at = repo;
      for (int i = 0; i < depth; i++) at = at.resolve("d" + i);
      write(repo.resolve("requirements.txt"), "torch==2.4.0\n");
      Files.createDirectories(at);
      switch (kind) {
        case "folder" -> Files.createSymbolicLink(at.resolve("linked"), outside);
        case "file" ->
            Files.createSymbolicLink(at.resolve(".mcp.json"), outside.resolve(".mcp.json"));
        case "parent" -> Files.createSymbolicLink(at.resolve("up"), repo.getParent());
        default -> Files.createSymbolicLink(at.resolve("self"), repo);
      }
      Discovery.Result r = new Discovery().discover(repo, false);
      assertThat(r.workflow()).doesNotContain(OUTSIDE_SERVER).contains("python-packages");
      assertThat(r.warnings()).anyMatch(w -> w.endsWith("not followed: a symbolic link"));
    } finally {
      delete(base);
    }
  }

  @Provide
  Arbitrary<String> linkKinds() {
    return Arbitraries.of("folder", "file", "parent", "self");
  }

  /**
   * Files that would leave a mark if anything ran them (Python on import, a setup script, a DVC
   * stage command, an MCP server command, a notebook) leave none.
   */
  @net.jqwik.api.Example
  void nothingInTheRepositoryRuns() throws IOException {
    Path repo = temp();
    Path marker = repo.getParent().resolve(repo.getFileName() + "-ran");
    try {
      String touch = "open(" + '"' + marker + '"' + ", 'w').write('ran')\n";
      write(repo.resolve("setup.py"), touch);
      write(repo.resolve("conftest.py"), touch);
      write(repo.resolve("pkg/__init__.py"), touch + "import torch\nm = torch.load('m.pt')\n");
      write(
          repo.resolve("dvc.yaml"),
          "stages:\n  train:\n    cmd: touch " + marker + "\n    outs: [m.pt]\n");
      write(
          repo.resolve(".mcp.json"),
          "{\"mcpServers\": {\"x\": {\"command\": \"touch\", \"args\": [\"" + marker + "\"]}}}");
      write(
          repo.resolve(".github/workflows/ci.yml"),
          "jobs:\n  train:\n    steps:\n      - run: touch " + marker + "\n");
      Discovery.Result r = new Discovery().discover(repo, true);
      assertThat(r.workflow()).contains("m-model").contains("mcp-x");
      assertThat(marker).doesNotExist();
    } finally {
      delete(repo);
      Files.deleteIfExists(marker);
    }
  }

  @Property(tries = 20)
  void respectsTheFileLimit(
      @ForAll @IntRange(min = 1, max = 40) int files,
      @ForAll @IntRange(min = 1, max = 30) int limit)
      throws IOException {
    Path repo = temp();
    try {
      for (int i = 0; i < files; i++) write(repo.resolve("src/f" + i + ".py"), "import torch\n");
      Discovery.Result r =
          new Discovery(Sources.ALL, new DiscoverLimits(limit, 32, 1 << 20)).discover(repo, false);
      assertThat(r.summary().get(0)).contains(" of " + Math.min(files, limit) + " files");
      assertThat(
              r.warnings().stream().anyMatch(w -> w.contains("stopped after " + limit + " files")))
          .isEqualTo(files > limit);
    } finally {
      delete(repo);
    }
  }

  @Property(tries = 20)
  void respectsTheDepthAndSizeLimits(
      @ForAll @IntRange(min = 0, max = 6) int depth,
      @ForAll @IntRange(min = 1, max = 6) int maxDepth,
      @ForAll @IntRange(min = 40, max = 200) int maxBytes)
      throws IOException {
    Path repo = temp();
    try {
      Path at = repo;
      for (int i = 0; i < depth; i++) at = at.resolve("d" + i);
      String mcp = "{\"mcpServers\": {\"deep\": {\"url\": \"https://tools.example/mcp\"}}}";
      write(at.resolve(".mcp.json"), mcp);
      Discovery.Result r =
          new Discovery(Sources.ALL, new DiscoverLimits(1000, maxDepth, maxBytes))
              .discover(repo, false);
      boolean reachable = depth + 1 <= maxDepth;
      boolean readable = mcp.length() <= maxBytes;
      assertThat(r.workflow().contains("mcp-deep")).isEqualTo(reachable && readable);
      if (reachable && !readable)
        assertThat(r.warnings())
            .anyMatch(w -> w.contains("not read: larger than " + maxBytes + " bytes"));
      if (!reachable) assertThat(r.warnings()).anyMatch(w -> w.contains("deeper than " + maxDepth));
    } finally {
      delete(repo);
    }
  }

  @Property(tries = 150)
  void aMalformedFileIsOneWarningLineNeverACrash(
      @ForAll("sourceFiles") String name, @ForAll @Size(max = 300) byte[] bytes)
      throws IOException {
    Path repo = temp();
    try {
      Path f = repo.resolve(name);
      Files.createDirectories(f.getParent());
      Files.write(f, bytes);
      Discovery.Result r = new Discovery().discover(repo, false);
      WorkflowLoader.parse(r.workflow(), "draft.yaml", null);
      for (String w : r.warnings()) {
        assertThat(w).doesNotContain("\n").startsWith(name);
        assertThat(w).matches("[^:]+(:[0-9]+)?: .+");
      }
    } finally {
      delete(repo);
    }
  }

  @Property(tries = 100)
  void aMalformedTextFileNamesItsLine(
      @ForAll("sourceFiles") String name, @ForAll("brokenText") String text) throws IOException {
    Path repo = temp();
    try {
      write(repo.resolve(name), text);
      Discovery.Result r = new Discovery().discover(repo, false);
      WorkflowLoader.parse(r.workflow(), "draft.yaml", null);
      for (String w : r.warnings())
        if (w.contains("invalid")) assertThat(w).matches("\\Q" + name + "\\E:[0-9]+: invalid .+");
    } finally {
      delete(repo);
    }
  }

  @Provide
  Arbitrary<String> sourceFiles() {
    return Arbitraries.of(
        "dvc.yaml",
        "dvc.lock",
        "data/raw.csv.dvc",
        ".dvc/config",
        "model/MLmodel",
        "MLproject",
        "mlruns/0/meta.yaml",
        "config.json",
        "adapter_config.json",
        "README.md",
        ".mcp.json",
        ".vscode/mcp.json",
        "claude_desktop_config.json",
        "k8s/isvc.yaml",
        "pipeline.yaml",
        "sagemaker/pipeline-definition.json",
        ".github/workflows/ci.yml",
        "requirements.txt",
        "pyproject.toml",
        "train.py",
        "app.ts");
  }

  @Provide
  Arbitrary<String> brokenText() {
    Arbitrary<String> piece =
        Arbitraries.of(
            "stages:\n",
            "  train:\n",
            "    cmd: python train.py\n",
            "    deps: [a\n",
            "{",
            "}",
            "[",
            "]",
            "\"mcpServers\": {",
            "\"x\": {\"command\": \"npx\"",
            ",",
            ":",
            "- ",
            "  - broken\n",
            "key = ",
            "[project\n",
            "flavors:\n",
            "torch.load(\"m.pt\"",
            "\"\"\"",
            "'",
            "&a [*a, *a]\n",
            "\t",
            "---\n",
            "kind: InferenceService\n",
            "apiVersion: serving.kserve.io/v1beta1\n",
            "spec: {predictor: 1}\n");
    return piece.list().ofMaxSize(12).map(l -> String.join("", l));
  }
}
