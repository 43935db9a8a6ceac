package dev.mlsec.scan.format;

import dev.mlsec.scan.ScanContext;
import dev.mlsec.scan.ScanRule;
import dev.mlsec.scan.policy.Callables;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * YAML (and pip requirement) files a model ships, read as text, line by line (nothing is
 * constructed): PyYAML python tags that import or call ({@code yaml.unsafe_load} runs them), a
 * Hydra/OmegaConf {@code _target_} naming a dangerous callable ({@code hydra.utils.instantiate}
 * calls it), and environment files that install from another package index.
 */
public final class YamlConfigs {
  private YamlConfigs() {}

  /** Lines read of one file; a longer file is a limit, not clean. */
  static final int MAX_LINES = 100_000;

  private static final String YAML_TAG = "tag:yaml.org,2002:";
  // python/ tags that build plain values (FullLoader's set); the others import or call
  private static final Set<String> VALUE_TAGS =
      Set.of(
          "none", "bool", "str", "unicode", "bytes", "int", "long", "float", "complex", "list",
          "tuple", "dict");
  private static final Pattern TAG_DIRECTIVE = Pattern.compile("^%TAG\\s+(!\\S*!|!)\\s+(\\S+)");
  private static final Pattern TARGET =
      Pattern.compile("(?:^|[\\s{,\\-])[\"']?_target_[\"']?\\s*:\\s*([^,}#\\s]+)");
  private static final Pattern INDEX_OPTION =
      Pattern.compile(
          "(?:^|[\\s'\"])(--extra-index-url|--index-url|--find-links|-i|-f)(?:=|\\s+)(\\S+)");

  /** Whether a file name is YAML the scanner reads as text. */
  public static boolean isYaml(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    return n.endsWith(".yaml") || n.endsWith(".yml");
  }

  /** Whether a file name is an environment file MLflow (or pip) installs from. */
  public static boolean isEnvironment(String name) {
    String n = name.substring(name.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
    return n.equals("conda.yaml")
        || n.equals("conda.yml")
        || n.equals("environment.yml")
        || n.equals("environment.yaml")
        || n.equals("python_env.yaml")
        || (n.startsWith("requirements") && n.endsWith(".txt"));
  }

  /** Judges one YAML or environment file; {@code name} decides which checks apply. */
  public static void judge(ScanContext ctx, String member, String name, byte[] bytes) {
    String[] lines = new String(bytes, StandardCharsets.UTF_8).split("\r?\n|\r", -1);
    if (lines.length > MAX_LINES) {
      ctx.limit(member, 0, "YAML file has more than " + MAX_LINES + " lines");
      return;
    }
    boolean yaml = isYaml(name);
    boolean env = isEnvironment(name);
    Map<String, String> handles = new HashMap<>();
    long off = 0;
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      long at = off;
      off += line.getBytes(StandardCharsets.UTF_8).length + 1;
      if (yaml) {
        Matcher d = TAG_DIRECTIVE.matcher(line);
        if (d.find()) {
          handles.put(d.group(1), d.group(2));
          continue;
        }
        for (String tag : tags(line)) pythonTag(ctx, member, i + 1, at, tag, handles);
        target(ctx, member, i + 1, at, line);
      }
      if (env) {
        String index = packageIndex(line);
        if (index != null)
          ctx.report(
              ScanRule.ENV_PACKAGE_INDEX,
              at,
              member,
              List.of("line " + (i + 1) + ": " + line.strip()),
              "the model's environment installs packages from '"
                  + index
                  + "' (line "
                  + (i + 1)
                  + "): restoring it (mlflow models serve, pip install -r) runs that index's"
                  + " code");
      }
    }
  }

  /** The index or location a pip option in this line names, or null. */
  static String packageIndex(String line) {
    String s = uncommented(line).strip();
    if (s.startsWith("- ")) s = s.substring(2).strip();
    if (s.startsWith("\"") || s.startsWith("'")) s = s.substring(1);
    Matcher m = INDEX_OPTION.matcher(s);
    if (!m.find()) return null;
    // the short options only at the start of a requirement line, as pip reads them
    if (m.group(1).length() == 2 && m.start(1) != 0) return null;
    String v = m.group(2);
    if (v.endsWith("\"") || v.endsWith("'")) v = v.substring(0, v.length() - 1);
    return v;
  }

  /** The tag tokens of a line outside quotes and comments ({@code !!x}, {@code !h!x}, ...). */
  static List<String> tags(String line) {
    List<String> out = new ArrayList<>();
    boolean single = false;
    boolean dbl = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '\'' && !dbl) single = !single;
      else if (c == '"' && !single) dbl = !dbl;
      else if (!single && !dbl) {
        boolean start = i == 0 || " \t[{,:-".indexOf(line.charAt(i - 1)) >= 0;
        if (c == '#' && (i == 0 || Character.isWhitespace(line.charAt(i - 1)))) break;
        if (c == '!' && start) {
          int j = i;
          while (j < line.length() && !Character.isWhitespace(line.charAt(j))) {
            char x = line.charAt(j);
            if ((x == ',' || x == ']' || x == '}') && !line.startsWith("!<", i)) break;
            if (x == '>' && line.startsWith("!<", i)) {
              j++;
              break;
            }
            j++;
          }
          out.add(line.substring(i, j));
          i = j;
        }
      }
    }
    return out;
  }

  /** The full tag a token stands for under the document's %TAG handles. */
  static String resolve(String token, Map<String, String> handles) {
    if (token.startsWith("!<") && token.endsWith(">"))
      return token.substring(2, token.length() - 1);
    int second = token.indexOf('!', 1);
    if (second > 0) {
      String handle = token.substring(0, second + 1);
      String prefix = handles.getOrDefault(handle, handle.equals("!!") ? YAML_TAG : null);
      return prefix == null ? token : prefix + token.substring(second + 1);
    }
    String local = handles.get("!");
    return local == null ? token : local + token.substring(1);
  }

  private static void pythonTag(
      ScanContext ctx,
      String member,
      int lineNo,
      long at,
      String token,
      Map<String, String> handles) {
    String tag = resolve(token, handles);
    if (!tag.startsWith(YAML_TAG + "python/")) return;
    String rest = tag.substring(YAML_TAG.length() + "python/".length());
    String kind = rest.contains(":") ? rest.substring(0, rest.indexOf(':')) : rest;
    if (VALUE_TAGS.contains(kind)) return;
    ctx.report(
        ScanRule.YAML_PYTHON_TAG,
        at,
        member,
        List.of("line " + lineNo + ": " + token),
        "the YAML tag "
            + token
            + " (line "
            + lineNo
            + ") makes yaml.unsafe_load (and yaml.load with an unsafe Loader) "
            + (kind.startsWith("object") ? "call or build " : "import ")
            + (rest.contains(":") ? rest.substring(rest.indexOf(':') + 1) : "what it names"));
  }

  private static void target(ScanContext ctx, String member, int lineNo, long at, String line) {
    String s = uncommented(line);
    Matcher m = TARGET.matcher(s);
    while (m.find()) {
      String v = m.group(1);
      if (v.length() >= 2 && (v.charAt(0) == '"' || v.charAt(0) == '\''))
        v = v.substring(1, v.length() - 1);
      int dot = v.lastIndexOf('.');
      if (dot <= 0 || dot == v.length() - 1) continue;
      Callables.Verdict verdict = Callables.classify(v.substring(0, dot), v.substring(dot + 1));
      if (verdict.kind() != Callables.Kind.DANGEROUS) continue;
      ctx.report(
          ScanRule.CONFIG_DANGEROUS_TARGET,
          at,
          member,
          List.of("line " + lineNo + ": _target_: " + v),
          "_target_ "
              + v
              + " (line "
              + lineNo
              + ") is a dangerous callable ("
              + verdict.rule().id()
              + "): hydra.utils.instantiate calls it with the config's arguments");
    }
  }

  private static String uncommented(String line) {
    boolean single = false;
    boolean dbl = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '\'' && !dbl) single = !single;
      else if (c == '"' && !single) dbl = !dbl;
      else if (c == '#'
          && !single
          && !dbl
          && (i == 0 || Character.isWhitespace(line.charAt(i - 1)))) return line.substring(0, i);
    }
    return line;
  }

  /**
   * An {@code MLmodel} on disk whose python_function flavor names an environment file ({@code env:
   * conda.yaml}, {@code env: {conda: ..., virtualenv: ...}}) that installs from another index:
   * reported on the MLmodel, since loading it with its environment runs that index's code.
   */
  public static void judgeMlmodelEnvironment(ScanContext ctx, Path mlmodel) {
    if (!mlmodel.getFileName().toString().equals(LoaderConfigs.MLMODEL)) return;
    Path dir = mlmodel.toAbsolutePath().normalize().getParent();
    if (dir == null) return;
    long max = ctx.limits().maxHeaderBytes();
    try {
      if (Files.size(mlmodel) > max) return;
      Map<String, String> keys =
          LoaderConfigs.blockKeys(new String(Files.readAllBytes(mlmodel), StandardCharsets.UTF_8));
      for (String k :
          List.of(
              "flavors.python_function.env",
              "flavors.python_function.env.conda",
              "flavors.python_function.env.virtualenv")) {
        String file = keys.get(k);
        if (file == null || file.isBlank()) continue;
        Path env = dir.resolve(file.strip()).normalize();
        if (!env.startsWith(dir) || !Files.isRegularFile(env) || Files.size(env) > max) continue;
        List<String> lines = Files.readAllLines(env, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size() && i < MAX_LINES; i++) {
          String index = packageIndex(lines.get(i));
          if (index == null) continue;
          ctx.report(
              ScanRule.ENV_PACKAGE_INDEX,
              0,
              "",
              List.of(LoaderConfigs.MLMODEL + " " + k + ": " + file, file + " line " + (i + 1)),
              "the model's environment file "
                  + file
                  + " installs packages from '"
                  + index
                  + "': loading the model with its environment runs that index's code");
          break;
        }
      }
    } catch (IOException | RuntimeException e) {
      // the siblings are context, not the file scanned: unreadable ones add nothing
    }
  }
}
