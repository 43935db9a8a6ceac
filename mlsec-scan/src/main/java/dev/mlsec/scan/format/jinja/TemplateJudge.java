package dev.mlsec.scan.format.jinja;

import dev.mlsec.scan.format.jinja.JinjaParser.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Judges a parsed chat template the way an unsandboxed Jinja environment would run it (llama.cpp
 * front ends have used one, CVE-2024-34359): every attribute and item access, every {@code attr}
 * and attribute-taking filter, with names folded from literals where they are built ({@code ~},
 * {@code +}, {@code join}, {@code replace}, {@code format}, escapes, {@code set} variables and
 * {@code for} loops over literals). A name that reaches Python internals, or that is built at
 * render time and cannot be folded, is a finding; so are tags that load other templates.
 */
public final class TemplateJudge {
  /** What is wrong, where (character offset in the template). */
  public record Problem(String message, int pos, boolean critical) {}

  /** Attributes that reach frames, code or globals without starting with '_'. */
  private static final Set<String> UNSAFE_ATTRIBUTES =
      Set.of(
          "mro",
          "func_globals",
          "func_code",
          "func_closure",
          "f_globals",
          "f_locals",
          "f_builtins",
          "f_back",
          "f_code",
          "gi_frame",
          "gi_code",
          "cr_frame",
          "cr_code",
          "ag_frame",
          "ag_code",
          "tb_frame",
          "tb_next",
          "im_func",
          "im_self",
          "im_class",
          "co_code",
          "format_map",
          "__func__");

  /** Jinja's and Flask's globals: benign templates call them, never look inside them. */
  private static final Set<String> INTERNAL_GLOBALS =
      Set.of(
          "self",
          "cycler",
          "joiner",
          "namespace",
          "lipsum",
          "range",
          "dict",
          "config",
          "request",
          "session",
          "g",
          "url_for",
          "get_flashed_messages",
          "raise_exception",
          "strftime_now");

  /** Filters whose arguments name attributes to read: argument index, or -1 for keyword only. */
  private static final Map<String, Integer> ATTRIBUTE_FILTERS =
      Map.of(
          "attr",
          0,
          "selectattr",
          0,
          "rejectattr",
          0,
          "groupby",
          0,
          "map",
          -1,
          "sort",
          -1,
          "sum",
          -1,
          "unique",
          -1,
          "min",
          -1,
          "max",
          -1);

  /** Tags whose expressions are printed or tested, and operators that only compare or join. */
  private static final Set<String> READING_TAGS = Set.of("", "print", "if", "elif");

  private static final Set<String> READING_OPS =
      Set.of("==", "!=", "<", ">", "<=", ">=", "in", "not in", "and", "or", "not", "~", "if");

  private static final Set<String> LOADING_TAGS = Set.of("include", "import", "from", "extends");

  /** A folded value: possible strings, a list, a string built at render time, or anything else. */
  private sealed interface Val {}

  private record Str(Set<String> values) implements Val {}

  private record ListVal(List<Val> items) implements Val {}

  private enum Opaque implements Val {
    BUILT,
    OTHER
  }

  private static final int MAX_VALUES = 64;
  private final Map<String, Val> env = new HashMap<>();
  private final List<Problem> problems = new ArrayList<>();
  private final java.util.IdentityHashMap<Node, Boolean> reads = new java.util.IdentityHashMap<>();

  private TemplateJudge() {}

  /** Parses and judges; throws when Jinja itself could not parse the template either. */
  public static List<Problem> judge(String template) throws JinjaSyntaxException {
    TemplateJudge j = new TemplateJudge();
    for (Statement s : JinjaParser.parse(template)) j.statement(s);
    return j.problems;
  }

  private void statement(Statement s) {
    if (LOADING_TAGS.contains(s.tag()))
      problem(
          "the '" + s.tag() + "' tag loads another template from the loader's files",
          s.pos(),
          false);
    if (READING_TAGS.contains(s.tag())) s.expressions().forEach(this::read);
    for (Node e : s.expressions()) walk(e);
    switch (s.tag()) {
      case "set" -> {
        if (!s.targets().isEmpty() && s.targets().get(0).equals("<block>"))
          for (String t : s.targets()) env.put(t, Opaque.BUILT);
        else if (s.targets().size() == 1 && !s.expressions().isEmpty())
          env.put(s.targets().get(0), eval(s.expressions().get(0)));
        else for (String t : s.targets()) env.put(t, Opaque.OTHER);
      }
      case "for" -> {
        Val it = s.expressions().isEmpty() ? Opaque.OTHER : eval(s.expressions().get(0));
        Val each =
            it instanceof ListVal l
                ? union(l.items())
                : it instanceof Str str ? chars(str) : Opaque.OTHER;
        for (String t : s.targets()) env.put(t, s.targets().size() == 1 ? each : Opaque.OTHER);
      }
      case "with" -> {
        for (int k = 0; k < s.targets().size(); k++)
          env.put(
              s.targets().get(k),
              k < s.expressions().size() ? eval(s.expressions().get(k)) : Opaque.OTHER);
      }
      case "macro" -> {
        if (!s.expressions().isEmpty() && s.expressions().get(0) instanceof Node.Call c)
          for (Node a : c.args()) if (a instanceof Node.Name n) env.put(n.name(), Opaque.OTHER);
      }
      default -> {}
    }
  }

  // ---------------------------------------------------------------- walking

  private void walk(Node n) {
    if (n instanceof Node.Name name) {
      if (name.name().startsWith("__"))
        problem("reads the internal name '" + name.name() + "'", name.pos(), true);
    } else if (n instanceof Node.Attr a) {
      if (a.name().equals("format") && !reads.containsKey(a)) formatValue(a.pos());
      attribute(a);
    } else if (n instanceof Node.Item it) {
      if (!(it.key() instanceof Node.Slice)) {
        Val k = eval(it.key());
        key(k, it.pos(), "item");
        // item access falls back to getattr: ''['format'] is the bound method too
        if (k instanceof Str s
            && s.values().contains("format")
            && stringy(eval(it.obj()))
            && !reads.containsKey(it)) formatValue(it.pos());
      }
      global(it.obj(), it.pos());
      walk(it.obj());
      walk(it.key());
    } else if (n instanceof Node.Slice sl) {
      for (Node p : sl.parts()) if (p != null) walk(p);
    } else if (n instanceof Node.Call c) {
      call(c);
      // x.format(...) called in place is judged by call(); anywhere else it is a value
      if (c.fn() instanceof Node.Attr a && a.name().equals("format")) attribute(a);
      else walk(c.fn());
      c.args().forEach(this::walk);
      c.kwargs().forEach(k -> walk(k.value()));
    } else if (n instanceof Node.Filter f) {
      filter(f.name(), f.args(), f.kwargs(), f.pos());
      walk(f.obj());
      f.args().forEach(this::walk);
      f.kwargs().forEach(k -> walk(k.value()));
    } else if (n instanceof Node.Test t) {
      walk(t.obj());
      t.args().forEach(this::walk);
    } else if (n instanceof Node.Op o) o.operands().forEach(this::walk);
    else if (n instanceof Node.Seq sq) sq.items().forEach(this::walk);
  }

  /**
   * Marks the nodes whose value is only printed or tested ({@code {{ p.format }}}, {@code {% if
   * p.format == 'date' %}}): a JSON schema's "format" read there is data, never a call.
   */
  private void read(Node n) {
    if (n instanceof Node.Attr || n instanceof Node.Item) reads.put(n, Boolean.TRUE);
    else if (n instanceof Node.Test t) read(t.obj());
    else if (n instanceof Node.Op o && READING_OPS.contains(o.op()))
      o.operands().forEach(this::read);
  }

  private void attribute(Node.Attr a) {
    name(a.name(), a.pos(), "attribute");
    global(a.obj(), a.pos());
    walk(a.obj());
  }

  /**
   * A str.format bound method taken as a value (stored in a variable or a dict, passed, fetched by
   * attr or item): called later, on a format string the judge cannot tie to it, it resolves
   * {0.attr} fields as format_map does (CVE-2024-56326).
   */
  private void formatValue(int pos) {
    problem(
        "str.format taken as a value (stored or passed, called later): its attribute fields"
            + " cannot be judged",
        pos,
        true);
  }

  private void call(Node.Call c) {
    // {% filter attr(...) %} and friends parse as calls of the filter's name
    if (c.fn() instanceof Node.Name n && ATTRIBUTE_FILTERS.containsKey(n.name()))
      filter(n.name(), c.args(), c.kwargs(), c.pos());
    if (c.fn() instanceof Node.Attr a && a.name().equals("format")) {
      // str.format resolves {0.attr} and {0[key]} fields: a sandbox escape of its own
      Val recv = eval(a.obj());
      if (recv instanceof Str s) {
        for (String f : s.values())
          if (f.matches("(?s).*\\{[^{}]*[.\\[][^{}]*}.*"))
            problem(
                "str.format with an attribute or item field: '" + shorten(f) + "'", c.pos(), true);
      } else problem("str.format on a value built at render time", c.pos(), true);
    }
  }

  private void filter(String name, List<Node> args, List<Node.Keyword> kwargs, int pos) {
    Integer index = ATTRIBUTE_FILTERS.get(name);
    if (index == null) return;
    List<Node> names = new ArrayList<>();
    for (Node.Keyword k : kwargs) if (k.name().equals("attribute")) names.add(k.value());
    if (index >= 0 && args.size() > index) names.add(args.get(index));
    // map('attr', name) is attr() in disguise
    if (name.equals("map")
        && args.size() >= 2
        && eval(args.get(0)) instanceof Str s
        && s.values().contains("attr")) names.add(args.get(1));
    for (Node a : names) {
      Val v = eval(a);
      if ((name.equals("attr") || name.equals("map"))
          && v instanceof Str s
          && s.values().contains("format")) formatValue(pos);
      if (v == Opaque.OTHER && name.equals("attr"))
        problem("the attr filter reads an attribute whose name is not a literal", pos, true);
      else key(v, pos, name + "() attribute");
    }
  }

  private void global(Node obj, int pos) {
    if (obj instanceof Node.Name n && INTERNAL_GLOBALS.contains(n.name()))
      problem("looks inside the template global '" + n.name() + "'", pos, true);
  }

  private void key(Val v, int pos, String what) {
    if (v instanceof Str s) {
      for (String x : s.values()) for (String part : x.split("\\.", -1)) name(part, pos, what);
    } else if (v == Opaque.BUILT)
      problem("the " + what + " name is built at render time and cannot be resolved", pos, true);
  }

  private void name(String n, int pos, String what) {
    if (n.startsWith("_"))
      problem(what + " '" + shorten(n) + "' reaches Python internals", pos, true);
    else if (UNSAFE_ATTRIBUTES.contains(n.toLowerCase(Locale.ROOT)))
      problem(what + " '" + n + "' reaches frames, code or globals", pos, true);
  }

  private void problem(String message, int pos, boolean critical) {
    if (problems.size() < 20) problems.add(new Problem(message, pos, critical));
  }

  // ---------------------------------------------------------------- folding

  private Val eval(Node n) {
    if (n instanceof Node.Const c) return c.value() instanceof String v ? str(v) : Opaque.OTHER;
    if (n instanceof Node.Name name) return env.getOrDefault(name.name(), Opaque.OTHER);
    if (n instanceof Node.Seq sq)
      return sq.dict() ? Opaque.OTHER : new ListVal(sq.items().stream().map(this::eval).toList());
    if (n instanceof Node.Op o) return op(o);
    if (n instanceof Node.Filter f) return filterValue(f.name(), eval(f.obj()), f.args());
    if (n instanceof Node.Call c) return callValue(c);
    if (n instanceof Node.Item it
        && it.key() instanceof Node.Slice sl
        && eval(it.obj()) instanceof Str v) return sliced(v, sl);
    return Opaque.OTHER;
  }

  private Val op(Node.Op o) {
    switch (o.op()) {
      case "~", "+" -> {
        Val l = eval(o.operands().get(0));
        Val r = eval(o.operands().get(1));
        if (o.op().equals("+") && l instanceof ListVal a && r instanceof ListVal b) {
          List<Val> all = new ArrayList<>(a.items());
          all.addAll(b.items());
          return new ListVal(all);
        }
        if (l instanceof Str a && r instanceof Str b) return product(a, b);
        if (o.op().equals("~") || stringy(l) || stringy(r)) return Opaque.BUILT;
        return Opaque.OTHER;
      }
      case "%", "*" -> {
        return stringy(eval(o.operands().get(0))) ? Opaque.BUILT : Opaque.OTHER;
      }
      case "if" -> {
        List<Val> branches = new ArrayList<>();
        branches.add(eval(o.operands().get(0)));
        if (o.operands().size() > 2) branches.add(eval(o.operands().get(2)));
        return union(branches);
      }
      default -> {
        return Opaque.OTHER;
      }
    }
  }

  private Val filterValue(String name, Val in, List<Node> args) {
    switch (name) {
      case "join" -> {
        String sep =
            args.isEmpty()
                ? ""
                : eval(args.get(0)) instanceof Str s && s.values().size() == 1
                    ? s.values().iterator().next()
                    : null;
        if (in instanceof ListVal l && sep != null) {
          Val acc = str("");
          for (int k = 0; k < l.items().size(); k++) {
            if (!(l.items().get(k) instanceof Str part)) return Opaque.BUILT;
            Val next = k == 0 ? part : product(str(sep), part);
            if (!(next instanceof Str n)) return Opaque.BUILT;
            acc = product((Str) acc, n);
            if (acc == Opaque.BUILT) return acc;
          }
          return acc;
        }
        return in == Opaque.OTHER ? Opaque.OTHER : Opaque.BUILT;
      }
      case "lower", "upper", "reverse", "trim", "string", "title", "capitalize", "replace" -> {
        if (in instanceof Str s) {
          if (name.equals("replace")) {
            if (args.size() >= 2
                && eval(args.get(0)) instanceof Str a
                && eval(args.get(1)) instanceof Str b
                && a.values().size() == 1
                && b.values().size() == 1)
              return map(
                  s, x -> x.replace(a.values().iterator().next(), b.values().iterator().next()));
            return Opaque.BUILT;
          }
          return map(
              s,
              x ->
                  switch (name) {
                    case "lower" -> x.toLowerCase(Locale.ROOT);
                    case "upper" -> x.toUpperCase(Locale.ROOT);
                    case "reverse" -> new StringBuilder(x).reverse().toString();
                    case "trim" -> x.strip();
                    case "title", "capitalize" ->
                        x.isEmpty()
                            ? x
                            : Character.toUpperCase(x.charAt(0))
                                + x.substring(1).toLowerCase(Locale.ROOT);
                    default -> x;
                  });
        }
        if (in instanceof ListVal l && name.equals("reverse")) {
          List<Val> r = new ArrayList<>(l.items());
          java.util.Collections.reverse(r);
          return new ListVal(r);
        }
        return stringy(in) || name.equals("string") && in != Opaque.OTHER
            ? Opaque.BUILT
            : in == Opaque.OTHER ? Opaque.OTHER : Opaque.BUILT;
      }
      case "first", "last" -> {
        if (in instanceof ListVal l && !l.items().isEmpty())
          return l.items().get(name.equals("first") ? 0 : l.items().size() - 1);
        return stringy(in) ? Opaque.BUILT : Opaque.OTHER;
      }
      case "list" -> {
        return in instanceof Str s ? new ListVal(List.of(chars(s))) : in;
      }
      case "format" -> {
        return stringy(in) ? Opaque.BUILT : Opaque.OTHER;
      }
      default -> {
        return stringy(in) ? Opaque.BUILT : Opaque.OTHER;
      }
    }
  }

  private Val callValue(Node.Call c) {
    if (!(c.fn() instanceof Node.Attr a)) return Opaque.OTHER;
    Val recv = eval(a.obj());
    if (!stringy(recv) && !(recv instanceof ListVal && a.name().equals("join")))
      return Opaque.OTHER;
    return switch (a.name()) {
      case "lower", "upper", "strip", "title", "capitalize", "replace", "join" -> {
        List<Node> args = c.args();
        if (a.name().equals("join")
            && recv instanceof Str sep
            && sep.values().size() == 1
            && args.size() == 1)
          yield filterValue(
              "join",
              eval(args.get(0)),
              List.of(new Node.Const(sep.values().iterator().next(), c.pos())));
        if (a.name().equals("replace")) yield filterValue("replace", recv, args);
        if (a.name().equals("strip")) yield filterValue("trim", recv, List.of());
        yield filterValue(a.name(), recv, args);
      }
      default -> Opaque.BUILT;
    };
  }

  private Val sliced(Str s, Node.Slice sl) {
    // [::-1] reverses; other slices of a literal are built strings
    if (sl.parts().size() == 3
        && sl.parts().get(0) == null
        && sl.parts().get(1) == null
        && sl.parts().get(2) instanceof Node.Op o
        && o.op().equals("-")
        && o.operands().size() == 1
        && o.operands().get(0) instanceof Node.Const k
        && k.value() instanceof java.math.BigDecimal one
        && one.compareTo(java.math.BigDecimal.ONE) == 0)
      return map(s, x -> new StringBuilder(x).reverse().toString());
    return Opaque.BUILT;
  }

  private static boolean stringy(Val v) {
    return v instanceof Str || v == Opaque.BUILT;
  }

  private static Str str(String s) {
    return new Str(Set.of(s));
  }

  private static Val product(Str a, Str b) {
    Set<String> out = new LinkedHashSet<>();
    for (String x : a.values())
      for (String y : b.values()) {
        if (out.size() >= MAX_VALUES || x.length() + y.length() > 4096) return Opaque.BUILT;
        out.add(x + y);
      }
    return new Str(out);
  }

  private static Val map(Str s, java.util.function.UnaryOperator<String> f) {
    Set<String> out = new LinkedHashSet<>();
    for (String x : s.values()) out.add(f.apply(x));
    return new Str(out);
  }

  private static Val chars(Str s) {
    Set<String> out = new LinkedHashSet<>();
    for (String x : s.values())
      x.codePoints().limit(MAX_VALUES).forEach(cp -> out.add(Character.toString(cp)));
    return new Str(out);
  }

  private static Val union(List<Val> vals) {
    Set<String> out = new LinkedHashSet<>();
    boolean built = false;
    for (Val v : vals) {
      if (v instanceof Str s) out.addAll(s.values());
      else if (v == Opaque.BUILT) built = true;
      else if (v instanceof ListVal) return Opaque.OTHER;
      else return built ? Opaque.BUILT : Opaque.OTHER;
    }
    if (built) return Opaque.BUILT;
    if (out.isEmpty() || out.size() > MAX_VALUES)
      return out.isEmpty() ? Opaque.OTHER : Opaque.BUILT;
    return new Str(out);
  }

  private static String shorten(String s) {
    String t = s.length() > 60 ? s.substring(0, 57) + "..." : s;
    StringBuilder b = new StringBuilder();
    t.codePoints().forEach(cp -> b.append(cp < 0x20 || cp == 0x7f ? '?' : (char) cp));
    return b.toString();
  }
}
