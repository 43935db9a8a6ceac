package dev.mlsec.dist;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlsec.cli.Main;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import picocli.CommandLine;

/**
 * The GitHub Action ({@code action.yml}) and the pre-commit hooks ({@code .pre-commit-hooks.yaml})
 * at the repository root follow the public schemas of a composite action and of a pre-commit hook
 * repository, and every mlsec command line they run parses.
 */
class IntegrationFilesTest {

  static final Path ROOT = Path.of("..");

  static Object yaml(String file) throws IOException {
    return new Load(LoadSettings.builder().setLabel(file).build())
        .loadFromString(Files.readString(ROOT.resolve(file)));
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Object o) {
    assertThat(o).isInstanceOf(Map.class);
    return (Map<String, Object>) o;
  }

  @SuppressWarnings("unchecked")
  static List<Object> list(Object o) {
    assertThat(o).isInstanceOf(List.class);
    return (List<Object>) o;
  }

  /** Parses an mlsec command line the way the CLI would, without running it. */
  static void parses(List<String> args) {
    StringWriter err = new StringWriter();
    CommandLine cl = Main.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(err));
    cl.parseArgs(args.toArray(String[]::new));
  }

  @Test
  void actionIsACompositeActionWithDeclaredInputsAndOutputs() throws IOException {
    String text = Files.readString(ROOT.resolve("action.yml"));
    Map<String, Object> action = map(yaml("action.yml"));
    assertThat(action).containsKeys("name", "description", "runs");
    assertThat((String) action.get("name")).isNotBlank();
    assertThat((String) action.get("description")).isNotBlank().hasSizeLessThan(126);

    Map<String, Object> inputs = map(action.get("inputs"));
    inputs.forEach(
        (name, spec) -> assertThat(map(spec)).as("input %s", name).containsKey("description"));
    Map<String, Object> outputs = map(action.get("outputs"));
    outputs.forEach(
        (name, spec) ->
            assertThat(map(spec)).as("output %s", name).containsKeys("description", "value"));

    Map<String, Object> runs = map(action.get("runs"));
    assertThat(runs.get("using")).isEqualTo("composite");
    List<Object> steps = list(runs.get("steps"));
    assertThat(steps).isNotEmpty();
    Set<String> ids = new LinkedHashSet<>();
    for (Object o : steps) {
      Map<String, Object> step = map(o);
      assertThat(step.containsKey("run") ^ step.containsKey("uses"))
          .as("a step has either run or uses: %s", step)
          .isTrue();
      if (step.containsKey("run")) {
        // a composite action's run step must name its shell
        assertThat(step).as("step %s", step.get("name")).containsKey("shell");
      } else {
        assertThat((String) step.get("uses"))
            .as("an action is pinned to a version")
            .matches("[\\w.-]+/[\\w./-]+@v\\d+");
      }
      if (step.containsKey("id")) ids.add((String) step.get("id"));
    }

    // every input and step output the expressions use is declared
    Matcher in = Pattern.compile("inputs\\.([\\w-]+)").matcher(text);
    while (in.find()) assertThat(inputs).as("input used in action.yml").containsKey(in.group(1));
    Matcher st = Pattern.compile("steps\\.([\\w-]+)\\.outputs").matcher(text);
    while (st.find()) assertThat(ids).as("step id used in action.yml").contains(st.group(1));
    assertThat(steps.stream().map(s -> String.valueOf(map(s).get("uses"))))
        .anyMatch(u -> u.startsWith("github/codeql-action/upload-sarif@"))
        .anyMatch(u -> u.startsWith("actions/setup-java@"));
  }

  @Test
  void actionRunsCommandLinesTheCliAccepts() throws IOException {
    String text = Files.readString(ROOT.resolve("action.yml"));
    parses(List.of("analyze", "w.yaml", "--output", "out", "--fail-on", "high"));
    parses(List.of("analyze", "w.yaml", "--format", "json", "--fail-on", "none"));
    parses(List.of("analyze", "w.yaml", "--baseline", "b.json"));
    parses(List.of("scan", "models", "--format", "sarif"));
    parses(List.of("scan", "models", "--format", "text"));
    assertThat(text)
        .contains("analyze \"$wf\" --output \"$dir\" --fail-on \"$FAIL_ON\"")
        .contains("--format json --fail-on none")
        .contains("scan $PATHS --format sarif")
        .contains("scan $PATHS --format text");
  }

  static final Set<String> LANGUAGES =
      Set.of(
          "conda",
          "coursier",
          "dart",
          "docker",
          "docker_image",
          "dotnet",
          "fail",
          "golang",
          "haskell",
          "julia",
          "lua",
          "node",
          "perl",
          "pygrep",
          "python",
          "r",
          "ruby",
          "rust",
          "script",
          "swift",
          "system",
          "unsupported",
          "unsupported_script");

  @Test
  void preCommitHooksFollowTheHookSchema() throws IOException {
    List<Object> hooks = list(yaml(".pre-commit-hooks.yaml"));
    List<String> ids = new ArrayList<>();
    for (Object o : hooks) {
      Map<String, Object> hook = map(o);
      assertThat(hook).containsKeys("id", "name", "entry", "language");
      assertThat(hook.containsKey("files") || hook.containsKey("types"))
          .as("hook %s says which files", hook.get("id"))
          .isTrue();
      assertThat(LANGUAGES).contains((String) hook.get("language"));
      ids.add((String) hook.get("id"));

      List<String> entry = Arrays.asList(((String) hook.get("entry")).split(" "));
      if (hook.get("language").equals("script")) {
        // a script hook's entry is a path relative to the hook repository's root
        assertThat(Files.isExecutable(ROOT.resolve(entry.get(0)))).as(entry.get(0)).isTrue();
      }
      // pre-commit appends the changed files to the entry
      List<String> args = new ArrayList<>(entry.subList(1, entry.size()));
      args.add("changed-file");
      parses(args);
    }
    assertThat(ids).containsExactly("mlsec-validate", "mlsec-analyze", "mlsec-scan");
    assertThat((String) map(hooks.get(1)).get("entry")).endsWith("--fail-on high");
  }

  @Test
  void preCommitHooksPickWorkflowAndModelFilesByName() throws IOException {
    List<Object> hooks = list(yaml(".pre-commit-hooks.yaml"));
    Map<String, Object> validate = map(hooks.get(0));
    Pattern workflow = Pattern.compile((String) validate.get("files"));
    Pattern exclude = Pattern.compile((String) validate.get("exclude"));
    for (String p : List.of("mlsec.yaml", "ml/workflow.yaml", "fraud.mlsec.yml", "mlsec/a.yaml"))
      assertThat(workflow.matcher(p).find() && !exclude.matcher(p).find()).as(p).isTrue();
    for (String p :
        List.of("pom.yaml", ".github/workflows/ci.yml", ".github/workflow.yaml", "notmlsec.txt"))
      assertThat(workflow.matcher(p).find() && !exclude.matcher(p).find()).as(p).isFalse();
    assertThat(map(hooks.get(1)).get("files")).isEqualTo(validate.get("files"));

    Pattern model = Pattern.compile((String) map(hooks.get(2)).get("files"));
    for (String p : List.of("model.pt", "a/b/weights.safetensors", "m.pkl", "x.gguf", "k.keras"))
      assertThat(model.matcher(p).find()).as(p).isTrue();
    for (String p : List.of("README.md", "train.py", "model.pt.md", "data.csv"))
      assertThat(model.matcher(p).find()).as(p).isFalse();
  }
}
