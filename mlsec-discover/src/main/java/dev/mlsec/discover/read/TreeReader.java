package dev.mlsec.discover.read;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.dataformat.toml.TomlFactory;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Parse;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.events.ScalarEvent;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/**
 * Reads YAML (SnakeYAML Engine's event stream), JSON and TOML (Jackson's streaming parsers) into
 * {@link Tree}s with positions. Limits: nesting depth and node count per file; YAML aliases are
 * never expanded (an alias reads as the scalar {@code *name}), so no file can grow on reading.
 */
public final class TreeReader {
  /** Deepest nesting accepted in one file. */
  public static final int MAX_DEPTH = 64;

  /** Most nodes accepted in one file. */
  public static final int MAX_NODES = 200_000;

  private static final JsonFactory JSON = limited(new JsonFactory());
  private static final TomlFactory TOML = (TomlFactory) limited(new TomlFactory());

  private TreeReader() {}

  private static JsonFactory limited(JsonFactory f) {
    f.setStreamReadConstraints(
        StreamReadConstraints.builder()
            .maxNestingDepth(MAX_DEPTH)
            .maxStringLength(1 << 20)
            .maxNumberLength(100)
            .build());
    return f;
  }

  /** A file that is not what its name says; {@code line} and {@code column} are 1-based. */
  public static final class Malformed extends Exception {
    private static final long serialVersionUID = 1L;

    public final int line;
    public final int column;

    public Malformed(String message, int line, int column) {
      super(message);
      this.line = Math.max(1, line);
      this.column = Math.max(1, column);
    }
  }

  /** Every YAML document of a file (Kubernetes manifests often hold several). */
  public static List<Tree> yamlDocuments(String text) throws Malformed {
    LoadSettings settings =
        LoadSettings.builder().setCodePointLimit(Integer.MAX_VALUE).setUseMarks(true).build();
    List<Tree> docs = new ArrayList<>();
    Deque<Builder> open = new ArrayDeque<>();
    int nodes = 0;
    try {
      for (Event e : new Parse(settings).parseString(text)) {
        Mark m = e.getStartMark().orElse(null);
        int line = m == null ? 1 : m.getLine() + 1;
        int col = m == null ? 1 : m.getColumn() + 1;
        switch (e.getEventId()) {
          case MappingStart, SequenceStart -> {
            if (open.size() >= MAX_DEPTH)
              throw new Malformed("nesting deeper than " + MAX_DEPTH + " levels", line, col);
            if (++nodes > MAX_NODES)
              throw new Malformed("more than " + MAX_NODES + " nodes", line, col);
            open.push(new Builder(e.getEventId() == Event.ID.MappingStart, line, col));
          }
          case MappingEnd, SequenceEnd -> {
            Tree done = open.pop().build();
            if (open.isEmpty()) docs.add(done);
            else open.peek().add(done);
          }
          case Scalar, Alias -> {
            if (++nodes > MAX_NODES)
              throw new Malformed("more than " + MAX_NODES + " nodes", line, col);
            String v =
                e instanceof ScalarEvent s
                    ? s.getValue()
                    : "*" + ((org.snakeyaml.engine.v2.events.AliasEvent) e).getAlias().getValue();
            Tree t = new Tree.Scalar(v, line, col);
            if (open.isEmpty()) docs.add(t);
            else open.peek().add(t);
          }
          default -> {}
        }
      }
    } catch (MarkedYamlEngineException ex) {
      Mark m = ex.getProblemMark().orElse(ex.getContextMark().orElse(null));
      throw new Malformed(
          "invalid YAML: " + firstLine(ex.getProblem()),
          m == null ? 1 : m.getLine() + 1,
          m == null ? 1 : m.getColumn() + 1);
    } catch (YamlEngineException ex) {
      throw new Malformed("invalid YAML: " + firstLine(ex.getMessage()), 1, 1);
    }
    return docs;
  }

  /** The first YAML document, or an empty map for an empty file. */
  public static Tree yaml(String text) throws Malformed {
    List<Tree> docs = yamlDocuments(text);
    return docs.isEmpty() ? new Tree.MapNode(Map.of(), Map.of(), 1, 1) : docs.get(0);
  }

  public static Tree json(String text) throws Malformed {
    return stream(JSON, text, "JSON");
  }

  /**
   * A TOML file. Jackson's TOML parser builds its tree before streaming it, so it reports no
   * positions; they are recovered from the text: the line of each {@code key =} and of each {@code
   * [table]} and {@code [[array of tables]]} header.
   */
  public static Tree toml(String text) throws Malformed {
    return withTomlLines(stream(TOML, text, "TOML"), tomlLines(text), "");
  }

  /** Line of each dotted path ({@code tool.uv.index.0.url}) as headers and keys name it. */
  private static Map<String, Integer> tomlLines(String text) {
    Map<String, Integer> lines = new java.util.HashMap<>();
    Map<String, Integer> arrays = new java.util.HashMap<>();
    String table = "";
    String[] ls = text.split("\n", -1);
    for (int i = 0; i < ls.length; i++) {
      String l = ls[i].strip();
      if (l.startsWith("[[") && l.contains("]]")) {
        String name = unquote(l.substring(2, l.indexOf("]]")));
        int n = arrays.merge(name, 1, Integer::sum) - 1;
        table = name + "." + n;
        lines.putIfAbsent(name, i + 1);
        lines.put(table, i + 1);
      } else if (l.startsWith("[") && l.contains("]")) {
        table = unquote(l.substring(1, l.indexOf(']')));
        lines.putIfAbsent(table, i + 1);
      } else {
        int eq = l.indexOf('=');
        if (eq > 0 && !l.startsWith("#")) {
          String key = unquote(l.substring(0, eq));
          lines.putIfAbsent(table.isEmpty() ? key : table + "." + key, i + 1);
        }
      }
    }
    return lines;
  }

  private static String unquote(String dotted) {
    StringBuilder b = new StringBuilder();
    for (String part : dotted.split("\\.")) {
      String p = part.strip();
      if (p.length() >= 2 && (p.charAt(0) == '"' || p.charAt(0) == '\''))
        p = p.substring(1, p.length() - 1);
      if (b.length() > 0) b.append('.');
      b.append(p);
    }
    return b.toString();
  }

  private static Tree withTomlLines(Tree t, Map<String, Integer> lines, String path) {
    int line = lines.getOrDefault(path, 1);
    if (t instanceof Tree.MapNode m) {
      Map<String, Tree> entries = new LinkedHashMap<>();
      Map<String, Integer> keyLines = new LinkedHashMap<>();
      for (Map.Entry<String, Tree> e : m.entries().entrySet()) {
        String p = path.isEmpty() ? e.getKey() : path + "." + e.getKey();
        entries.put(e.getKey(), withTomlLines(e.getValue(), lines, p));
        keyLines.put(e.getKey(), lines.getOrDefault(p, line));
      }
      return new Tree.MapNode(entries, keyLines, line, 1);
    }
    if (t instanceof Tree.ListNode l) {
      List<Tree> items = new ArrayList<>();
      for (int i = 0; i < l.items().size(); i++) {
        String p = path + "." + i;
        Tree item = withTomlLines(l.items().get(i), lines, p);
        // inline arrays have no line of their own per item: they stand on the key's line
        if (!lines.containsKey(p) && item instanceof Tree.Scalar s)
          item = new Tree.Scalar(s.text(), line, 1);
        items.add(item);
      }
      return new Tree.ListNode(items, line, 1);
    }
    return new Tree.Scalar(((Tree.Scalar) t).text(), line, 1);
  }

  private static Tree stream(JsonFactory factory, String text, String what) throws Malformed {
    try (JsonParser p = factory.createParser(text)) {
      if (p.nextToken() == null) throw new Malformed("empty " + what + " file", 1, 1);
      int[] nodes = {0};
      Tree t = value(p, nodes);
      if (p.nextToken() != null) {
        JsonLocation l = p.currentTokenLocation();
        throw new Malformed(
            "unexpected content after the " + what + " value", l.getLineNr(), l.getColumnNr());
      }
      return t;
    } catch (JsonProcessingException e) {
      JsonLocation l = e.getLocation();
      throw new Malformed(
          "invalid " + what + ": " + firstLine(e.getOriginalMessage()),
          l == null ? 1 : l.getLineNr(),
          l == null ? 1 : l.getColumnNr());
    } catch (IOException e) {
      throw new Malformed("cannot read " + what + ": " + e.getMessage(), 1, 1);
    }
  }

  private static Tree value(JsonParser p, int[] nodes) throws IOException, Malformed {
    JsonLocation l = p.currentTokenLocation();
    int line = Math.max(1, l.getLineNr());
    int col = Math.max(1, l.getColumnNr());
    if (++nodes[0] > MAX_NODES) throw new Malformed("more than " + MAX_NODES + " nodes", line, col);
    JsonToken t = p.currentToken();
    if (t == JsonToken.START_OBJECT) {
      Map<String, Tree> m = new LinkedHashMap<>();
      Map<String, Integer> keyLines = new LinkedHashMap<>();
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String k = p.currentName();
        keyLines.putIfAbsent(k, Math.max(1, p.currentTokenLocation().getLineNr()));
        p.nextToken();
        m.putIfAbsent(k, value(p, nodes));
      }
      return new Tree.MapNode(m, keyLines, line, col);
    }
    if (t == JsonToken.START_ARRAY) {
      List<Tree> items = new ArrayList<>();
      while (p.nextToken() != JsonToken.END_ARRAY) items.add(value(p, nodes));
      return new Tree.ListNode(items, line, col);
    }
    if (t == JsonToken.VALUE_NULL) return new Tree.Scalar("", line, col);
    return new Tree.Scalar(p.getText(), line, col);
  }

  private static String firstLine(String s) {
    if (s == null) return "unreadable";
    int nl = s.indexOf('\n');
    return (nl < 0 ? s : s.substring(0, nl)).strip();
  }

  private static final class Builder {
    final boolean map;
    final int line;
    final int column;
    final Map<String, Tree> entries = new LinkedHashMap<>();
    final Map<String, Integer> keyLines = new LinkedHashMap<>();
    final List<Tree> items = new ArrayList<>();
    Tree pendingKey;

    Builder(boolean map, int line, int column) {
      this.map = map;
      this.line = line;
      this.column = column;
    }

    void add(Tree t) {
      if (!map) {
        items.add(t);
      } else if (pendingKey == null) {
        pendingKey = t;
      } else {
        // complex keys are not part of any format read here: they are keyed by nothing
        if (pendingKey instanceof Tree.Scalar s) {
          entries.putIfAbsent(s.text(), t);
          keyLines.putIfAbsent(s.text(), s.line());
        }
        pendingKey = null;
      }
    }

    Tree build() {
      return map
          ? new Tree.MapNode(entries, keyLines, line, column)
          : new Tree.ListNode(items, line, column);
    }
  }
}
