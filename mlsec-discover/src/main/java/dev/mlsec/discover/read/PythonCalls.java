package dev.mlsec.discover.read;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The call expressions, imports and decorators of a Python file, read by a tokenizer that knows
 * Python's strings (single, triple, prefixed), comments, and bracket nesting. It is not a full
 * parser: it sees {@code a.b.c(args)} wherever it is written, resolves the first name through the
 * file's imports ({@code import numpy as np}, {@code from joblib import load}), and keeps each
 * argument as a literal (string, number, True/False/None) or as its source text. Calls built at run
 * time ({@code getattr(torch, "load")}) are not seen; docs/discover.md says so.
 */
public final class PythonCalls {

  /** One argument: {@code keyword} is null for a positional one. */
  public record Arg(String keyword, String text, boolean stringLiteral, List<String> literals) {
    public Arg {
      literals = List.copyOf(literals);
    }

    /** The literal's value when the argument is one string literal. */
    public Optional<String> string() {
      return stringLiteral ? Optional.of(text) : Optional.empty();
    }
  }

  /**
   * One call. {@code name} is the dotted name as written, {@code qualified} the same with the first
   * part replaced by what the file imported under that name.
   */
  public record Call(String name, String qualified, List<Arg> args, int line, int column) {
    public Optional<Arg> keyword(String k) {
      return args.stream().filter(a -> k.equals(a.keyword())).findFirst();
    }

    public Optional<Arg> positional(int i) {
      List<Arg> p = args.stream().filter(a -> a.keyword() == null).toList();
      return i < p.size() ? Optional.of(p.get(i)) : Optional.empty();
    }

    /** The dotted name ends with {@code suffix} at a dot boundary (or equals it). */
    public boolean endsWith(String suffix) {
      return qualified.equals(suffix) || qualified.endsWith("." + suffix);
    }
  }

  /** A decorator and the name of the function or class it decorates. */
  public record Decorated(Call decorator, String target) {}

  /** {@code module} is what was imported, e.g. {@code langchain_core.tools.tool}. */
  public record Import(String module, int line) {}

  private final List<Call> calls;
  private final List<Import> imports;
  private final List<Decorated> decorators;

  private PythonCalls(List<Call> calls, List<Import> imports, List<Decorated> decorators) {
    this.calls = List.copyOf(calls);
    this.imports = List.copyOf(imports);
    this.decorators = List.copyOf(decorators);
  }

  public List<Call> calls() {
    return calls;
  }

  public List<Import> imports() {
    return imports;
  }

  /** Decorators, as calls without arguments when written without parentheses. */
  public List<Decorated> decorators() {
    return decorators;
  }

  /** The import of a module or one of its submodules, if any. */
  public Optional<Import> importOf(String module) {
    return imports.stream()
        .filter(i -> i.module().equals(module) || i.module().startsWith(module + "."))
        .findFirst();
  }

  // ---- tokens

  private enum Kind {
    NAME,
    STRING,
    NUMBER,
    OP,
    NEWLINE
  }

  private record Token(Kind kind, String text, int line, int column) {}

  /** Reads the source; never fails (unterminated strings end at the end of the file). */
  public static PythonCalls read(String src) {
    List<Token> tokens = tokenize(src);
    Map<String, String> aliases = new HashMap<>();
    List<Import> imports = new ArrayList<>();
    readImports(tokens, aliases, imports);
    List<Call> calls = new ArrayList<>();
    List<Decorated> decorators = new ArrayList<>();
    for (int i = 0; i < tokens.size(); i++) {
      Token t = tokens.get(i);
      if (t.kind != Kind.NAME || isKeyword(t.text)) continue;
      if (i > 0 && tokens.get(i - 1).text.equals(".")) continue; // inside a dotted name
      int j = i;
      StringBuilder name = new StringBuilder(t.text);
      while (j + 2 < tokens.size()
          && tokens.get(j + 1).text.equals(".")
          && tokens.get(j + 2).kind == Kind.NAME) {
        name.append('.').append(tokens.get(j + 2).text);
        j += 2;
      }
      boolean decorator = i > 0 && tokens.get(i - 1).text.equals("@");
      String dotted = name.toString();
      String qualified = qualify(dotted, aliases);
      if (j + 1 < tokens.size() && tokens.get(j + 1).text.equals("(")) {
        Call c = new Call(dotted, qualified, args(tokens, j + 1), t.line, t.column);
        calls.add(c);
        if (decorator) decorators.add(new Decorated(c, target(tokens, j)));
      } else if (decorator) {
        decorators.add(
            new Decorated(
                new Call(dotted, qualified, List.of(), t.line, t.column), target(tokens, j)));
      }
    }
    return new PythonCalls(calls, imports, decorators);
  }

  /** The name after the next {@code def} or {@code class}, within a few lines. */
  private static String target(List<Token> tokens, int from) {
    for (int k = from; k + 1 < tokens.size() && k < from + 400; k++) {
      String w = tokens.get(k).text;
      if ((w.equals("def") || w.equals("class")) && tokens.get(k + 1).kind == Kind.NAME)
        return tokens.get(k + 1).text;
    }
    return "";
  }

  private static String qualify(String dotted, Map<String, String> aliases) {
    int dot = dotted.indexOf('.');
    String head = dot < 0 ? dotted : dotted.substring(0, dot);
    String to = aliases.get(head);
    if (to == null) return dotted;
    return dot < 0 ? to : to + dotted.substring(dot);
  }

  private static void readImports(
      List<Token> tokens, Map<String, String> aliases, List<Import> imports) {
    for (int i = 0; i < tokens.size(); i++) {
      Token t = tokens.get(i);
      boolean lineStart = i == 0 || tokens.get(i - 1).kind == Kind.NEWLINE;
      if (!lineStart || t.kind != Kind.NAME) continue;
      if (t.text.equals("import")) {
        int j = i + 1;
        while (j < tokens.size() && tokens.get(j).kind != Kind.NEWLINE) {
          StringBuilder mod = new StringBuilder();
          j = dotted(tokens, j, mod);
          String m = mod.toString();
          String alias = m.contains(".") ? m.substring(0, m.indexOf('.')) : m;
          String target = alias;
          if (j < tokens.size() && tokens.get(j).text.equals("as") && j + 1 < tokens.size()) {
            alias = tokens.get(j + 1).text;
            target = m;
            j += 2;
          }
          if (!m.isEmpty()) {
            aliases.put(alias, target);
            imports.add(new Import(m, t.line));
          }
          if (j < tokens.size() && tokens.get(j).text.equals(",")) j++;
          else break;
        }
      } else if (t.text.equals("from")) {
        StringBuilder mod = new StringBuilder();
        int j = dotted(tokens, i + 1, mod);
        if (j >= tokens.size() || !tokens.get(j).text.equals("import")) continue;
        j++;
        while (j < tokens.size() && tokens.get(j).kind != Kind.NEWLINE) {
          Token n = tokens.get(j);
          if (n.kind == Kind.NAME) {
            String alias = n.text;
            if (j + 2 < tokens.size() && tokens.get(j + 1).text.equals("as")) {
              alias = tokens.get(j + 2).text;
              j += 2;
            }
            String full = mod + "." + n.text;
            aliases.put(alias, full);
            imports.add(new Import(full, t.line));
          }
          j++;
        }
      }
    }
  }

  private static int dotted(List<Token> tokens, int j, StringBuilder out) {
    while (j < tokens.size()) {
      Token n = tokens.get(j);
      if (n.kind == Kind.NAME && !n.text.equals("import") && !n.text.equals("as"))
        out.append(n.text);
      else if (n.text.equals(".")) out.append('.');
      else break;
      j++;
    }
    return j;
  }

  /** The arguments of the call whose {@code (} is at {@code open}. */
  private static List<Arg> args(List<Token> tokens, int open) {
    List<Arg> args = new ArrayList<>();
    List<Token> current = new ArrayList<>();
    int depth = 0;
    for (int k = open; k < tokens.size(); k++) {
      Token t = tokens.get(k);
      if (t.kind == Kind.OP && "([{".contains(t.text)) {
        depth++;
        if (depth == 1) continue;
      } else if (t.kind == Kind.OP && ")]}".contains(t.text)) {
        depth--;
        if (depth == 0) {
          if (!current.isEmpty()) args.add(arg(current));
          return args;
        }
      } else if (depth == 1 && t.text.equals(",")) {
        if (!current.isEmpty()) args.add(arg(current));
        current = new ArrayList<>();
        continue;
      }
      if (t.kind != Kind.NEWLINE) current.add(t);
      if (current.size() > 200) current.remove(current.size() - 1); // keep long arguments short
    }
    if (!current.isEmpty()) args.add(arg(current));
    return args;
  }

  private static Arg arg(List<Token> ts) {
    String keyword = null;
    List<Token> value = ts;
    if (ts.size() >= 2 && ts.get(0).kind == Kind.NAME && ts.get(1).text.equals("=")) {
      keyword = ts.get(0).text;
      value = ts.subList(2, ts.size());
    }
    boolean allStrings = !value.isEmpty() && value.stream().allMatch(t -> t.kind == Kind.STRING);
    StringBuilder b = new StringBuilder();
    for (Token t : value) {
      if (!allStrings && b.length() > 0) b.append(' ');
      b.append(t.text); // adjacent literals concatenate, as in Python
    }
    List<String> literals =
        value.stream().filter(t -> t.kind == Kind.STRING).map(Token::text).limit(8).toList();
    return new Arg(keyword, b.toString(), allStrings, literals);
  }

  private static boolean isKeyword(String s) {
    return switch (s) {
      case "def",
              "class",
              "if",
              "elif",
              "while",
              "for",
              "return",
              "and",
              "or",
              "not",
              "in",
              "is",
              "lambda",
              "with",
              "assert",
              "del",
              "yield",
              "await",
              "print" ->
          true;
      default -> false;
    };
  }

  private static List<Token> tokenize(String s) {
    List<Token> out = new ArrayList<>();
    int i = 0;
    int line = 1;
    int lineStart = 0;
    int depth = 0;
    int n = s.length();
    while (i < n) {
      char c = s.charAt(i);
      int col = i - lineStart + 1;
      if (c == '\n') {
        if (depth == 0) out.add(new Token(Kind.NEWLINE, "\n", line, col));
        line++;
        lineStart = ++i;
      } else if (c == '\\' && i + 1 < n && s.charAt(i + 1) == '\n') {
        i += 2;
        line++;
        lineStart = i;
      } else if (c == '#') {
        while (i < n && s.charAt(i) != '\n') i++;
      } else if (Character.isWhitespace(c)) {
        i++;
      } else if (c == '"' || c == '\'' || isStringPrefix(s, i)) {
        int q = i;
        while (s.charAt(q) != '"' && s.charAt(q) != '\'') q++;
        String prefix = s.substring(i, q).toLowerCase(java.util.Locale.ROOT);
        boolean raw = prefix.contains("r");
        char quote = s.charAt(q);
        boolean triple = q + 2 < n && s.charAt(q + 1) == quote && s.charAt(q + 2) == quote;
        int k = q + (triple ? 3 : 1);
        StringBuilder v = new StringBuilder();
        int startLine = line;
        while (k < n) {
          char d = s.charAt(k);
          if (d == '\\' && k + 1 < n) {
            char e = s.charAt(k + 1);
            if (e == '\n') {
              line++;
              lineStart = k + 2;
            }
            v.append(raw ? "\\" + e : String.valueOf(e));
            k += 2;
            continue;
          }
          if (d == quote
              && (!triple || (k + 2 < n && s.charAt(k + 1) == quote && s.charAt(k + 2) == quote))) {
            k += triple ? 3 : 1;
            break;
          }
          if (d == '\n') {
            if (!triple) break; // an unterminated one-line string ends at the line's end
            line++;
            lineStart = k + 1;
          }
          v.append(d);
          k++;
        }
        out.add(new Token(Kind.STRING, v.toString(), startLine, col));
        i = k;
      } else if (Character.isJavaIdentifierStart(c)) {
        int k = i;
        while (k < n && Character.isJavaIdentifierPart(s.charAt(k))) k++;
        out.add(new Token(Kind.NAME, s.substring(i, k), line, col));
        i = k;
      } else if (Character.isDigit(c)) {
        int k = i;
        while (k < n && (Character.isLetterOrDigit(s.charAt(k)) || s.charAt(k) == '.')) k++;
        out.add(new Token(Kind.NUMBER, s.substring(i, k), line, col));
        i = k;
      } else {
        if ("([{".indexOf(c) >= 0) depth++;
        else if (")]}".indexOf(c) >= 0 && depth > 0) depth--;
        // '==' and friends are one token so that keyword arguments are told from comparisons
        if (i + 1 < n && s.charAt(i + 1) == '=' && "=!<>+-*/%&|^:".indexOf(c) >= 0) {
          out.add(new Token(Kind.OP, s.substring(i, i + 2), line, col));
          i += 2;
        } else {
          out.add(new Token(Kind.OP, String.valueOf(c), line, col));
          i++;
        }
      }
    }
    return out;
  }

  private static boolean isStringPrefix(String s, int i) {
    int k = i;
    while (k < s.length() && k - i < 3 && "rRbBuUfF".indexOf(s.charAt(k)) >= 0) k++;
    if (k == i || k >= s.length()) return false;
    if (i > 0 && Character.isJavaIdentifierPart(s.charAt(i - 1))) return false;
    return s.charAt(k) == '"' || s.charAt(k) == '\'';
  }
}
