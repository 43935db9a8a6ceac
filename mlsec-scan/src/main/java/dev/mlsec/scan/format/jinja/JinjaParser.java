package dev.mlsec.scan.format.jinja;

import dev.mlsec.scan.format.jinja.Token.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Jinja's expression grammar (precedence as in {@code jinja2.parser}), and the statement heads of
 * its tags, turned into {@link Statement}s and {@link Node}s for judging. It parses only; a
 * template is never rendered.
 */
final class JinjaParser {
  /** Nesting bound: deeper templates are a limit, not a stack overflow. */
  static final int MAX_DEPTH = 200;

  private static final Set<String> COMPARE = Set.of("==", "!=", ">", ">=", "<", "<=");

  /**
   * Words of tag heads that are not expressions ({@code import x as y}, {@code ignore missing}).
   */
  private static final Set<String> CLAUSE_WORDS =
      Set.of(
          "as", "import", "ignore", "missing", "with", "without", "context", "scoped", "required");

  private static final Set<String> NOT_AN_ARGUMENT =
      Set.of("else", "or", "and", "is", "in", "not", "if", "for", "recursive");

  /**
   * One {@code {{ }}} or {@code {% %}}: the tag name (empty for output), targets and expressions.
   */
  record Statement(String tag, List<String> targets, List<Node> expressions, int pos) {}

  private final List<Token> tokens;
  private int i;
  private int depth;

  private JinjaParser(List<Token> tokens) {
    this.tokens = tokens;
  }

  /** Every output and tag of the template, in order. */
  static List<Statement> parse(String template) throws JinjaSyntaxException {
    JinjaParser p = new JinjaParser(JinjaLexer.tokenize(template));
    List<Statement> out = new ArrayList<>();
    while (p.peek().kind() != Kind.EOF) {
      Token t = p.next();
      if (t.kind() == Kind.VARIABLE_BEGIN) {
        Node e = p.tuple(true);
        p.expect(Kind.VARIABLE_END);
        out.add(new Statement("", List.of(), List.of(e), t.pos()));
      } else if (t.kind() == Kind.BLOCK_BEGIN) out.add(p.statement(t.pos()));
    }
    return out;
  }

  // ---------------------------------------------------------------- statements

  private Statement statement(int at) throws JinjaSyntaxException {
    Token tag = next();
    if (tag.kind() != Kind.NAME) throw error("tag name expected", tag);
    String name = tag.text();
    List<String> targets = new ArrayList<>();
    List<Node> exprs = new ArrayList<>();
    switch (name) {
      case "for" -> {
        targets(targets, "in");
        expectName("in");
        exprs.add(tuple(false));
        if (peek().name("if")) {
          next();
          exprs.add(expression(true));
        }
        if (peek().name("recursive")) next();
      }
      case "set" -> {
        targets(targets, "=");
        if (peek().op("=")) {
          next();
          exprs.add(tuple(true));
        } else {
          while (peek().op("|")) exprs.add(filters(new Node.Name("", peek().pos())));
          targets.add(0, "<block>");
        }
      }
      case "with" -> {
        while (!atEnd()) {
          targets(targets, "=");
          if (peek().op("=")) {
            next();
            exprs.add(expression(true));
          }
          if (peek().op(",")) next();
          else break;
        }
      }
      case "filter" -> exprs.add(filters(new Node.Name("", peek().pos()), true));
      case "macro",
          "call",
          "block",
          "if",
          "elif",
          "do",
          "autoescape",
          "include",
          "import",
          "extends",
          "from",
          "while",
          "print" -> {
        while (!atEnd()) {
          if (peek().op(",")
              || (peek().kind() == Kind.NAME && CLAUSE_WORDS.contains(peek().text()))) next();
          else exprs.add(tuple(true));
        }
      }
      default -> {
        // else, endfor, break, continue, raw, generation (transformers' tag), ...: no expression
        while (!atEnd()) next();
      }
    }
    expect(Kind.BLOCK_END);
    return new Statement(name, targets, exprs, at);
  }

  /** Assignment targets up to {@code stop}: names, {@code ns.attr}, tuples. */
  private void targets(List<String> out, String stop) throws JinjaSyntaxException {
    while (!atEnd() && !peek().name(stop) && !peek().op(stop)) {
      Token t = next();
      if (t.kind() == Kind.NAME) out.add(t.text());
      else if (!t.op(",") && !t.op("(") && !t.op(")") && !t.op("."))
        throw error("unexpected '" + t.text() + "' in assignment target", t);
    }
  }

  private boolean atEnd() {
    Kind k = peek().kind();
    return k == Kind.BLOCK_END || k == Kind.VARIABLE_END || k == Kind.EOF;
  }

  // ---------------------------------------------------------------- expressions

  private Node tuple(boolean condexpr) throws JinjaSyntaxException {
    int at = peek().pos();
    Node first = expression(condexpr);
    if (!peek().op(",")) return first;
    List<Node> items = new ArrayList<>(List.of(first));
    while (peek().op(",")) {
      next();
      if (atEnd() || peek().name("in") || peek().op("=")) break;
      items.add(expression(condexpr));
    }
    return new Node.Seq(items, false, at);
  }

  private Node expression(boolean condexpr) throws JinjaSyntaxException {
    enter();
    try {
      Node e = or();
      while (condexpr && peek().name("if")) {
        int at = next().pos();
        Node cond = or();
        Node other = null;
        if (peek().name("else")) {
          next();
          other = expression(true);
        }
        List<Node> ops = new ArrayList<>(List.of(e, cond));
        if (other != null) ops.add(other);
        e = new Node.Op("if", ops, at);
      }
      return e;
    } finally {
      depth--;
    }
  }

  private Node or() throws JinjaSyntaxException {
    Node l = and();
    while (peek().name("or")) {
      int at = next().pos();
      l = new Node.Op("or", List.of(l, and()), at);
    }
    return l;
  }

  private Node and() throws JinjaSyntaxException {
    Node l = not();
    while (peek().name("and")) {
      int at = next().pos();
      l = new Node.Op("and", List.of(l, not()), at);
    }
    return l;
  }

  private Node not() throws JinjaSyntaxException {
    if (peek().name("not")) {
      int at = next().pos();
      enter();
      try {
        return new Node.Op("not", List.of(not()), at);
      } finally {
        depth--;
      }
    }
    return compare();
  }

  private void enter() throws JinjaSyntaxException {
    if (++depth > MAX_DEPTH)
      throw new JinjaSyntaxException("template nests too deeply", peek().pos());
  }

  private Node compare() throws JinjaSyntaxException {
    Node l = math1();
    while (true) {
      Token t = peek();
      if (t.kind() == Kind.OPERATOR && COMPARE.contains(t.text())) {
        next();
        l = new Node.Op(t.text(), List.of(l, math1()), t.pos());
      } else if (t.name("in")) {
        next();
        l = new Node.Op("in", List.of(l, math1()), t.pos());
      } else if (t.name("not") && peekAt(1).name("in")) {
        next();
        next();
        l = new Node.Op("not in", List.of(l, math1()), t.pos());
      } else return l;
    }
  }

  private Node math1() throws JinjaSyntaxException {
    Node l = concat();
    while (peek().op("+") || peek().op("-")) {
      Token t = next();
      l = new Node.Op(t.text(), List.of(l, concat()), t.pos());
    }
    return l;
  }

  private Node concat() throws JinjaSyntaxException {
    Node l = math2();
    while (peek().op("~")) {
      Token t = next();
      l = new Node.Op("~", List.of(l, math2()), t.pos());
    }
    return l;
  }

  private Node math2() throws JinjaSyntaxException {
    Node l = pow();
    while (peek().op("*") || peek().op("/") || peek().op("//") || peek().op("%")) {
      Token t = next();
      l = new Node.Op(t.text(), List.of(l, pow()), t.pos());
    }
    return l;
  }

  private Node pow() throws JinjaSyntaxException {
    Node l = unary();
    while (peek().op("**")) {
      Token t = next();
      l = new Node.Op("**", List.of(l, unary()), t.pos());
    }
    return l;
  }

  private Node unary() throws JinjaSyntaxException {
    if (peek().op("-") || peek().op("+")) {
      Token t = next();
      enter();
      try {
        return filters(new Node.Op(t.text(), List.of(unary()), t.pos()));
      } finally {
        depth--;
      }
    }
    return filters(postfix(primary()));
  }

  private Node primary() throws JinjaSyntaxException {
    Token t = next();
    switch (t.kind()) {
      case NAME -> {
        return switch (t.text()) {
          case "true", "True" -> new Node.Const(Boolean.TRUE, t.pos());
          case "false", "False" -> new Node.Const(Boolean.FALSE, t.pos());
          case "none", "None" -> new Node.Const(null, t.pos());
          default -> new Node.Name(t.text(), t.pos());
        };
      }
      case STRING -> {
        StringBuilder b = new StringBuilder(t.value());
        while (peek().kind() == Kind.STRING) b.append(next().value());
        return new Node.Const(b.toString(), t.pos());
      }
      case NUMBER -> {
        try {
          return new Node.Const(new java.math.BigDecimal(t.text().replace("_", "")), t.pos());
        } catch (NumberFormatException tooLarge) {
          return new Node.Const(Double.POSITIVE_INFINITY, t.pos());
        }
      }
      case OPERATOR -> {
        if (t.op("(")) {
          if (peek().op(")")) {
            next();
            return new Node.Seq(List.of(), false, t.pos());
          }
          Node e = tuple(true);
          expectOp(")");
          return e;
        }
        if (t.op("[")) return sequence("]", t.pos(), false);
        if (t.op("{")) return sequence("}", t.pos(), true);
        throw error("unexpected '" + t.text() + "'", t);
      }
      default -> throw error("expression expected", t);
    }
  }

  private Node sequence(String close, int at, boolean dict) throws JinjaSyntaxException {
    List<Node> items = new ArrayList<>();
    while (!peek().op(close)) {
      items.add(expression(true));
      if (dict) {
        expectOp(":");
        items.add(expression(true));
      }
      if (!peek().op(",")) break;
      next();
    }
    expectOp(close);
    return new Node.Seq(items, dict, at);
  }

  private Node postfix(Node n) throws JinjaSyntaxException {
    while (true) {
      Token t = peek();
      if (t.op(".")) {
        next();
        Token a = next();
        if (a.kind() != Kind.NAME && a.kind() != Kind.NUMBER)
          throw error("attribute name expected", a);
        n = new Node.Attr(n, a.text(), a.pos());
      } else if (t.op("[")) {
        next();
        n = new Node.Item(n, subscript(), t.pos());
        expectOp("]");
      } else if (t.op("(")) {
        next();
        List<Node> args = new ArrayList<>();
        List<Node.Keyword> kw = new ArrayList<>();
        arguments(args, kw);
        n = new Node.Call(n, args, kw, t.pos());
      } else return n;
    }
  }

  private Node subscript() throws JinjaSyntaxException {
    int at = peek().pos();
    List<Node> parts = new ArrayList<>();
    boolean slice = false;
    Node cur = null;
    while (!peek().op("]")) {
      if (peek().op(":")) {
        next();
        parts.add(cur);
        cur = null;
        slice = true;
      } else if (peek().op(",")) {
        next();
      } else cur = expression(true);
    }
    if (!slice) return cur == null ? new Node.Const(null, at) : cur;
    parts.add(cur);
    return new Node.Slice(parts, at);
  }

  /** After '(': positional and keyword arguments, {@code *args}, {@code **kwargs}, and ')'. */
  private void arguments(List<Node> args, List<Node.Keyword> kw) throws JinjaSyntaxException {
    while (!peek().op(")")) {
      if (peek().op("*") || peek().op("**")) next();
      if (peek().kind() == Kind.NAME && peekAt(1).op("=")) {
        String name = next().text();
        next();
        kw.add(new Node.Keyword(name, expression(true)));
      } else args.add(expression(true));
      if (!peek().op(",")) break;
      next();
    }
    expectOp(")");
  }

  private Node filters(Node n) throws JinjaSyntaxException {
    return filters(n, false);
  }

  /** {@code |name(args)} filters and {@code is [not] name args} tests after an expression. */
  private Node filters(Node n, boolean bare) throws JinjaSyntaxException {
    while (true) {
      if (bare || peek().op("|")) {
        if (!bare) next();
        bare = false;
        Token f = next();
        if (f.kind() != Kind.NAME) throw error("filter name expected", f);
        String name = f.text();
        while (peek().op(".")) {
          next();
          name += "." + next().text();
        }
        List<Node> args = new ArrayList<>();
        List<Node.Keyword> kw = new ArrayList<>();
        if (peek().op("(")) {
          next();
          arguments(args, kw);
        }
        n = new Node.Filter(n, name, args, kw, f.pos());
      } else if (peek().name("is")) {
        int at = next().pos();
        boolean negated = peek().name("not");
        if (negated) next();
        Token t = next();
        if (t.kind() != Kind.NAME) throw error("test name expected", t);
        List<Node> args = new ArrayList<>();
        if (peek().op("(")) {
          next();
          arguments(args, new ArrayList<>());
        } else if (startsArgument(peek())) args.add(postfix(primary()));
        n = new Node.Test(n, t.text(), args, at);
        if (negated) n = new Node.Op("not", List.of(n), at);
      } else return n;
    }
  }

  private static boolean startsArgument(Token t) {
    return switch (t.kind()) {
      case STRING, NUMBER -> true;
      case NAME -> !NOT_AN_ARGUMENT.contains(t.text());
      case OPERATOR -> t.op("[") || t.op("{");
      default -> false;
    };
  }

  // ---------------------------------------------------------------- tokens

  private Token peek() {
    return tokens.get(i);
  }

  private Token peekAt(int k) {
    return tokens.get(Math.min(i + k, tokens.size() - 1));
  }

  private Token next() {
    Token t = tokens.get(i);
    if (t.kind() != Kind.EOF) i++;
    return t;
  }

  private void expect(Kind k) throws JinjaSyntaxException {
    Token t = next();
    if (t.kind() != k) throw error("expected the end of the tag, found '" + t.text() + "'", t);
  }

  private void expectOp(String op) throws JinjaSyntaxException {
    Token t = next();
    if (!t.op(op)) throw error("expected '" + op + "', found '" + t.text() + "'", t);
  }

  private void expectName(String name) throws JinjaSyntaxException {
    Token t = next();
    if (!t.name(name)) throw error("expected '" + name + "', found '" + t.text() + "'", t);
  }

  private static JinjaSyntaxException error(String message, Token t) {
    return new JinjaSyntaxException(message, t.pos());
  }
}
