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
import java.util.Map;
import java.util.Optional;

/**
 * MCP configurations ({@code .mcp.json}, {@code claude_desktop_config.json}, {@code
 * .vscode/mcp.json}, {@code .cursor/mcp.json}): each server is an agent tool. A server reached by
 * URL is a remote server; one started by a command is first-party when the command runs a file of
 * this repository, third-party when it fetches a package ({@code npx}, {@code uvx}, {@code docker
 * run}). Environment keys become credentials held by the tool.
 */
public final class McpSource implements Source {
  static final String NAME = "mcp";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public void read(Repository repo, Draft draft) {
    for (String f : repo.files(McpSource::isConfig)) {
      repo.json(f).ifPresent(t -> config(repo, draft, f, t));
    }
  }

  static boolean isConfig(String f) {
    String n = Repository.name(f);
    return n.equals(".mcp.json")
        || n.equals("claude_desktop_config.json")
        || f.equals(".vscode/mcp.json")
        || f.endsWith("/.vscode/mcp.json")
        || f.equals(".cursor/mcp.json")
        || f.endsWith("/.cursor/mcp.json");
  }

  private static String host(String f) {
    if (f.contains(".vscode/")) return "vscode-agent";
    if (f.contains(".cursor/")) return "cursor-agent";
    if (f.endsWith("claude_desktop_config.json")) return "claude-desktop";
    return "claude-code";
  }

  private void config(Repository repo, Draft draft, String file, Tree t) {
    Optional<Tree> servers = t.get("mcpServers").or(() -> t.get("servers"));
    if (servers.isEmpty()) {
      draft.warn(file, 1, "no 'mcpServers' (or 'servers') object");
      return;
    }
    String hostId = host(file);
    Evidence he =
        Evidence.at(file, t.keyLine(t.get("mcpServers").isPresent() ? "mcpServers" : "servers"));
    Draft.Part agent =
        draft
            .component(hostId, ComponentKind.LLM)
            .name("agent host that uses the MCP servers of " + file)
            .because(he, NAME)
            .set(
                "hosting",
                "third-party-api",
                Evidence.at(file, he.line(), "an MCP client application"));
    for (Map.Entry<String, Tree> s : servers.get().entries().entrySet()) {
      Tree spec = s.getValue();
      int line = servers.get().keyLine(s.getKey());
      Evidence e = Evidence.at(file, line, "MCP server " + s.getKey());
      Draft.Part tool =
          draft
              .component("mcp-" + s.getKey(), ComponentKind.AGENT_TOOL)
              .name("MCP server " + s.getKey())
              .because(e, NAME);
      Optional<String> url = spec.text("url").or(() -> spec.text("serverUrl"));
      String type = spec.text("type").orElse("");
      String command = spec.text("command").orElse("");
      List<String> args = new ArrayList<>();
      spec.get("args").ifPresent(a -> a.items().forEach(i -> i.asText().ifPresent(args::add)));
      if (url.isPresent()
          || type.equals("http")
          || type.equals("sse")
          || type.equals("streamable-http")) {
        int ul =
            spec.keyLine(
                url.isPresent() ? (spec.get("url").isPresent() ? "url" : "serverUrl") : "type");
        Evidence ue = Evidence.at(file, ul, "reached over the network");
        tool.set("source", "remote-server", ue);
        tool.set("pinned", false, Evidence.at(file, ul, "a remote server can change at any time"));
        url.ifPresent(
            u -> tool.note("remote server at " + u.replaceAll("^(\\w+://[^/?#]*).*", "$1")));
      } else if (!command.isEmpty()) {
        Evidence ce = Evidence.at(file, spec.keyLine("command"), "command " + command);
        String pkg = packageOf(command, args);
        if (pkg != null) {
          tool.set(
              "source",
              "third-party",
              Evidence.at(file, spec.keyLine("command"), command + " fetches " + pkg));
          tool.set(
              "pinned",
              Words.hasDigest(pkg),
              Evidence.at(
                  file,
                  spec.keyLine("args"),
                  Words.hasDigest(pkg) ? "by digest" : "a name or version, no digest"));
        } else if (runsLocalFile(repo, file, command, args)) {
          tool.set(
              "source",
              "first-party",
              Evidence.at(file, spec.keyLine("command"), "runs a file of this repository"));
        } else {
          tool.note("started by " + command + " (" + ce.where() + ")");
        }
      }
      effects(tool, s.getKey() + " " + String.join(" ", args), e);
      spec.get("env")
          .ifPresent(
              env -> {
                for (String k : env.entries().keySet()) {
                  if (k.matches("(?i).*(key|token|secret|password|pat|credential).*"))
                    draft.credential(
                        k,
                        "the " + k + " given to MCP server " + s.getKey(),
                        tool,
                        Evidence.at(file, env.keyLine(k), "env key"));
                }
              });
      spec.get("headers")
          .ifPresent(
              h -> {
                for (String k : h.entries().keySet())
                  if (k.equalsIgnoreCase("authorization")
                      || k.toLowerCase(Locale.ROOT).contains("key"))
                    draft.credential(
                        s.getKey() + "-" + k,
                        "the " + k + " header sent to " + s.getKey(),
                        tool,
                        Evidence.at(file, h.keyLine(k), "header"));
              });
      draft.flow(agent, tool, e);
    }
  }

  /** The package a launcher fetches and runs, or null when the command is no launcher. */
  private static String packageOf(String command, List<String> args) {
    String c = Repository.name(command);
    List<String> rest = args.stream().filter(a -> !a.startsWith("-")).toList();
    if (rest.isEmpty()) return null;
    switch (c) {
      case "npx", "bunx", "pnpx", "uvx", "pipx":
        return rest.get(0);
      case "docker", "podman":
        if (!args.contains("run")) return null;
        // the image is the first word after 'run' that is not an option or an option's value
        for (int i = args.indexOf("run") + 1; i < args.size(); i++) {
          String a = args.get(i);
          if (a.startsWith("-")) {
            if (a.equals("-e") || a.equals("-v") || a.equals("--env") || a.equals("--name")) i++;
            continue;
          }
          return a;
        }
        return null;
      default:
        return null;
    }
  }

  private static boolean runsLocalFile(
      Repository repo, String file, String command, List<String> args) {
    String base = Repository.folder(file).replaceFirst("/?\\.(vscode|cursor)$", "");
    List<String> words = new ArrayList<>(args);
    words.add(0, command);
    for (String w : words) {
      String p = w.replaceFirst("^\\./", "").replace("${workspaceFolder}/", "");
      if (repo.exists(p) || repo.exists(base.isEmpty() ? p : base + "/" + p)) return true;
    }
    return false;
  }

  /** Effects by the well-known server kinds its name or package says; nothing else is guessed. */
  private static void effects(Draft.Part tool, String words, Evidence e) {
    String w = words.toLowerCase(Locale.ROOT);
    List<String> effects = new ArrayList<>();
    if (w.matches(
        ".*(shell|terminal|exec|command|desktop-commander|code-runner|python-repl|sandbox).*"))
      effects.add("code-execution");
    if (w.matches(
        ".*(filesystem|file-system|git\\b|github|gitlab|postgres|sqlite|mysql|database|write|memory|notion|jira|slack).*"))
      effects.add("writes");
    if (w.matches(
        ".*(fetch|browser|puppeteer|playwright|slack|email|gmail|github|gitlab|web|search|http).*"))
      effects.add("external-communication");
    if (!effects.isEmpty())
      tool.set("effects", effects, Evidence.at(e.file(), e.line(), "by the server's name"));
  }
}
