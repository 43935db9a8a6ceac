package dev.mlsec.catalog;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelIssue;
import dev.cel.common.CelOptions;
import dev.cel.common.CelProtoAbstractSyntaxTree;
import dev.cel.common.CelSourceLocation;
import dev.cel.common.CelValidationException;
import dev.cel.common.CelValidationResult;
import dev.cel.common.ast.CelConstant;
import dev.cel.common.ast.CelExpr;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.expr.CheckedExpr;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelFunctionBinding;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import dev.cel.runtime.MapOnlyRuntime;
import dev.cel.runtime.RuntimeEquality;
import dev.cel.runtime.RuntimeHelpers;
import dev.cel.runtime.standard.AddOperator;
import dev.cel.runtime.standard.ContainsFunction;
import dev.cel.runtime.standard.EndsWithFunction;
import dev.cel.runtime.standard.EqualsOperator;
import dev.cel.runtime.standard.GreaterEqualsOperator;
import dev.cel.runtime.standard.GreaterOperator;
import dev.cel.runtime.standard.InOperator;
import dev.cel.runtime.standard.IndexOperator;
import dev.cel.runtime.standard.LessEqualsOperator;
import dev.cel.runtime.standard.LessOperator;
import dev.cel.runtime.standard.LogicalNotOperator;
import dev.cel.runtime.standard.NotEqualsOperator;
import dev.cel.runtime.standard.SizeFunction;
import dev.cel.runtime.standard.StartsWithFunction;
import dev.mlsec.model.DidYouMean;
import dev.mlsec.model.InputException;
import dev.mlsec.model.Position;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BiFunction;

/** Compiles threat conditions with CEL: {@code c} and {@code f} are both map(string, dyn). */
final class Conditions {
  static final int MAX_EXPRESSION_CHARS = 4000;

  private static final CelOptions OPTIONS =
      CelOptions.current()
          .maxExpressionCodePointSize(MAX_EXPRESSION_CHARS)
          .comprehensionMaxIterations(10_000)
          .build();

  /** The parser and checker load only when a condition is not in a checked store. */
  private static final class Compiler {
    static final CelCompiler INSTANCE =
        CelCompilerFactory.standardCelCompilerBuilder()
            .setOptions(OPTIONS)
            .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
            .addVar("c", MapType.create(SimpleType.STRING, SimpleType.DYN))
            .addVar("f", MapType.create(SimpleType.STRING, SimpleType.DYN))
            .setResultType(SimpleType.BOOL)
            .build();
  }

  private Conditions() {}

  /** Where the condition text starts in the catalog file, to place CEL errors on the right line. */
  record Origin(
      Position position, boolean block, boolean quoted, int blockIndent, List<String> blockLines) {
    Origin {
      blockLines = List.copyOf(blockLines);
    }

    Origin(Position position) {
      this(position, false, false, 0, List.of());
    }
  }

  static Rule compile(Threat threat, Origin origin) {
    return compile(threat, origin, new CheckedConditions());
  }

  /** One condition, checked (or taken from {@code store}) and planned on its own. */
  static Rule compile(Threat threat, Origin origin, CheckedConditions store) {
    return plan(List.of(check(threat, origin, store))).get(threat.id());
  }

  /** A threat's condition, type-checked, with what it reads; not yet planned. */
  record Checked(
      Threat threat,
      Origin origin,
      CelAbstractSyntaxTree ast,
      Set<String> readsC,
      Set<String> readsF) {}

  /**
   * Takes a condition's checked form from {@code store} when the store holds it, else compiles it
   * (adding it to the store); the vocabulary checks below run either way.
   */
  static Checked check(Threat threat, Origin origin, CheckedConditions store) {
    String source = threat.condition();
    CelAbstractSyntaxTree ast = fromStore(store.get(source));
    if (ast == null) {
      ast = typeCheck(threat, origin, source);
      serialize(ast).ifPresent(b -> store.put(source, b));
    }
    Set<String> readsC = new TreeSet<>();
    Set<String> readsF = new TreeSet<>();
    Map<String, Long> firstUse = new LinkedHashMap<>();
    collect(ast.getExpr(), readsC, readsF, firstUse);
    check(threat, origin, ast, "c", readsC, Vocabulary.cFields(threat.appliesTo()), firstUse);
    check(threat, origin, ast, "f", readsF, Vocabulary.fFacts(threat.appliesTo()), firstUse);
    return new Checked(threat, origin, ast, readsC, readsF);
  }

  /**
   * Plans checked conditions on one runtime that binds only the standard overloads they reference
   * (the checker names every overload a call may take): initialising all of CEL's standard library
   * costs a cold start more than the conditions themselves. Threat id to rule, in the given order.
   */
  static Map<String, Rule> plan(List<Checked> checked) {
    Planner planner = planner(overloads(checked));
    Map<String, Rule> rules = new LinkedHashMap<>();
    for (Checked c : checked) {
      try {
        rules.put(
            c.threat().id(),
            new Rule(c.threat().id(), planner.plan(c.ast()), c.readsC(), c.readsF()));
      } catch (CelEvaluationException e) {
        throw new InputException(
            c.origin().position(), "condition cannot be planned: " + e.getMessage());
      }
    }
    return rules;
  }

  /** Every overload id the checked conditions reference, to the function it belongs to. */
  static Map<String, String> overloads(List<Checked> checked) {
    Map<String, String> overloads = new TreeMap<>();
    for (Checked c : checked) {
      Map<Long, String> functions = new HashMap<>();
      calls(c.ast().getExpr(), functions);
      for (var ref : c.ast().getReferenceMap().entrySet())
        for (String id : ref.getValue().overloadIds())
          overloads.putIfAbsent(id, functions.getOrDefault(ref.getKey(), ""));
    }
    return overloads;
  }

  /** The function each call of the expression names, by the call's id. */
  private static void calls(CelExpr e, Map<Long, String> out) {
    switch (e.getKind()) {
      case SELECT -> calls(e.select().operand(), out);
      case CALL -> {
        out.put(e.id(), e.call().function());
        e.call().target().ifPresent(t -> calls(t, out));
        e.call().args().forEach(a -> calls(a, out));
      }
      case LIST -> e.list().elements().forEach(x -> calls(x, out));
      case MAP ->
          e.map()
              .entries()
              .forEach(
                  x -> {
                    calls(x.key(), out);
                    calls(x.value(), out);
                  });
      case COMPREHENSION -> {
        var c = e.comprehension();
        calls(c.iterRange(), out);
        calls(c.accuInit(), out);
        calls(c.loopCondition(), out);
        calls(c.loopStep(), out);
        calls(c.result(), out);
      }
      default -> {}
    }
  }

  /** Overloads the interpreter evaluates itself: short-circuit logic, the ternary, macro guards. */
  private static final Set<String> INTERPRETED =
      Set.of("logical_and", "logical_or", "conditional", "not_strictly_false");

  /**
   * The standard functions a limited runtime can bind, by function name: each is the enum of its
   * overloads, named as their ids in capitals. Only the enums of functions in use are initialised.
   */
  private static final Map<String, Overloads<?>> STANDARD =
      Map.ofEntries(
          Map.entry(
              "_==_",
              new Overloads<>(
                  EqualsOperator.EqualsOverload.class,
                  (o, eq) -> o.newFunctionBinding(OPTIONS, eq))),
          Map.entry(
              "_!=_",
              new Overloads<>(
                  NotEqualsOperator.NotEqualsOverload.class,
                  (o, eq) -> o.newFunctionBinding(OPTIONS, eq))),
          Map.entry(
              "_<_",
              new Overloads<>(
                  LessOperator.LessOverload.class, (o, eq) -> o.newFunctionBinding(OPTIONS, eq))),
          Map.entry(
              "_<=_",
              new Overloads<>(
                  LessEqualsOperator.LessEqualsOverload.class,
                  (o, eq) -> o.newFunctionBinding(OPTIONS, eq))),
          Map.entry(
              "_>_",
              new Overloads<>(
                  GreaterOperator.GreaterOverload.class,
                  (o, eq) -> o.newFunctionBinding(OPTIONS, eq))),
          Map.entry(
              "_>=_",
              new Overloads<>(
                  GreaterEqualsOperator.GreaterEqualsOverload.class,
                  (o, eq) -> o.newFunctionBinding(OPTIONS, eq))),
          Map.entry(
              "@in",
              new Overloads<>(
                  InOperator.InOverload.class, (o, eq) -> o.newFunctionBinding(OPTIONS, eq))),
          Map.entry(
              "_[_]",
              new Overloads<>(
                  IndexOperator.IndexOverload.class, (o, eq) -> o.newFunctionBinding(OPTIONS, eq))),
          Map.entry(
              "!_",
              new Overloads<>(
                  LogicalNotOperator.LogicalNotOverload.class,
                  (o, eq) -> o.newFunctionBinding(OPTIONS, eq))),
          Map.entry(
              "size",
              new Overloads<>(
                  SizeFunction.SizeOverload.class, (o, eq) -> o.newFunctionBinding(OPTIONS, eq))),
          Map.entry(
              "startsWith",
              new Overloads<>(
                  StartsWithFunction.StartsWithOverload.class,
                  (o, eq) -> o.newFunctionBinding(OPTIONS, eq))),
          Map.entry(
              "endsWith",
              new Overloads<>(
                  EndsWithFunction.EndsWithOverload.class,
                  (o, eq) -> o.newFunctionBinding(OPTIONS, eq))),
          Map.entry(
              "contains",
              new Overloads<>(
                  ContainsFunction.ContainsOverload.class,
                  (o, eq) -> o.newFunctionBinding(OPTIONS, eq))),
          Map.entry(
              "_+_",
              new Overloads<>(
                  AddOperator.AddOverload.class, (o, eq) -> o.newFunctionBinding(OPTIONS, eq))));

  /** One standard function's overload enum and how one of its constants is bound. */
  private record Overloads<E extends Enum<E>>(
      Class<E> type, BiFunction<E, RuntimeEquality, CelFunctionBinding> bind) {
    Optional<CelFunctionBinding> binding(String overloadId, RuntimeEquality equality) {
      for (E e : type.getEnumConstants()) {
        if (!e.name().toLowerCase(Locale.ROOT).equals(overloadId)) continue;
        CelFunctionBinding b = bind.apply(e, equality);
        return b.getOverloadId().equals(overloadId) ? Optional.of(b) : Optional.empty();
      }
      return Optional.empty();
    }
  }

  /** Makes the program of a checked condition. */
  @FunctionalInterface
  interface Planner {
    CelRuntime.Program plan(CelAbstractSyntaxTree ast) throws CelEvaluationException;
  }

  /**
   * CEL's interpreter binding just these overloads (id to function) and no protobuf message type
   * ({@link MapOnlyRuntime}: conditions read maps, so the descriptors CEL's runtime builder always
   * makes are not needed); CEL's whole standard runtime when one of them is not in {@link
   * #STANDARD}, which is slower to start but always right.
   */
  static Planner planner(Map<String, String> overloads) {
    Optional<List<CelFunctionBinding>> bindings = standardBindings(overloads);
    if (bindings.isEmpty()) {
      CelRuntime full = CelRuntimeFactory.standardCelRuntimeBuilder().setOptions(OPTIONS).build();
      return full::createProgram;
    }
    return new MapOnlyRuntime(OPTIONS, bindings.get())::createProgram;
  }

  /** The bindings of these overloads; empty when one is not in {@link #STANDARD}. */
  static Optional<List<CelFunctionBinding>> standardBindings(Map<String, String> overloads) {
    RuntimeEquality equality = RuntimeEquality.create(RuntimeHelpers.create(), OPTIONS);
    List<CelFunctionBinding> bindings = new ArrayList<>();
    for (var e : overloads.entrySet()) {
      if (INTERPRETED.contains(e.getKey())) continue;
      Overloads<?> family = STANDARD.get(e.getValue());
      Optional<CelFunctionBinding> b =
          family == null ? Optional.empty() : family.binding(e.getKey(), equality);
      if (b.isEmpty()) return Optional.empty();
      bindings.add(b.get());
    }
    return Optional.of(bindings);
  }

  static CelAbstractSyntaxTree typeCheck(Threat threat, Origin origin, String source) {
    CelValidationResult result = Compiler.INSTANCE.compile(source, threat.id());
    if (result.hasError()) {
      CelIssue issue = result.getErrors().get(0);
      throw new InputException(
          place(origin, result.getSource(), issue.getSourceLocation()),
          "condition of threat '" + threat.id() + "' does not compile: " + issue.getMessage(),
          "conditions are CEL over c (the target) and f (facts); see docs/catalog-format.md");
    }
    try {
      return result.getAst();
    } catch (CelValidationException e) {
      throw new InputException(origin.position(), "condition does not compile: " + e.getMessage());
    }
  }

  /** A checked expression from a store; null when absent or unreadable (then it is compiled). */
  private static CelAbstractSyntaxTree fromStore(byte[] checked) {
    if (checked == null) return null;
    try {
      CelAbstractSyntaxTree ast = CheckedAst.read(checked);
      return ast.isChecked() ? ast : null;
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /**
   * The checked form a store keeps ({@link CheckedAst}): what CEL's checked-expression protobuf
   * keeps of the expression, so a condition read from a store is the one a round trip through CEL's
   * protobuf form gives; empty when the format cannot hold it (then it is compiled at each start).
   */
  static Optional<byte[]> serialize(CelAbstractSyntaxTree ast) {
    CheckedExpr proto = CelProtoAbstractSyntaxTree.fromCelAst(ast).toCheckedExpr();
    return CheckedAst.write(CelProtoAbstractSyntaxTree.fromCheckedExpr(proto).getAst());
  }

  static Map<String, Rule> compileAll(Catalog catalog) {
    CheckedConditions store = new CheckedConditions();
    List<Checked> checked = new ArrayList<>();
    for (Threat t : catalog.threats()) checked.add(check(t, new Origin(t.position()), store));
    return plan(checked);
  }

  private static void check(
      Threat threat,
      Origin origin,
      CelAbstractSyntaxTree ast,
      String var,
      Set<String> reads,
      Set<String> known,
      Map<String, Long> firstUse) {
    for (String name : reads) {
      if (known.contains(name)) continue;
      Position p = origin.position();
      Long id = firstUse.get(var + "." + name);
      if (id != null) {
        int offset = ast.getSource().getPositionsMap().getOrDefault(id, -1);
        if (offset >= 0) {
          var loc = ast.getSource().getOffsetLocation(offset);
          if (loc.isPresent()) p = place(origin, ast.getSource(), loc.get());
        }
      }
      String what = var.equals("c") ? "an attribute of " + threat.appliesTo() : "a fact";
      throw new InputException(
          p,
          "condition of threat '"
              + threat.id()
              + "' reads "
              + var
              + "."
              + name
              + ", which is not "
              + what,
          DidYouMean.hint(name, known));
    }
  }

  /** Finds every {@code c.x} / {@code f.x} (and {@code c['x']}) the expression reads. */
  private static void collect(
      CelExpr e, Set<String> readsC, Set<String> readsF, Map<String, Long> firstUse) {
    switch (e.getKind()) {
      case SELECT -> {
        CelExpr operand = e.select().operand();
        if (operand.getKind() == CelExpr.ExprKind.Kind.IDENT) {
          note(operand.ident().name(), e.select().field(), operand.id(), readsC, readsF, firstUse);
        } else collect(operand, readsC, readsF, firstUse);
      }
      case CALL -> {
        var call = e.call();
        if (call.function().equals("_[_]")
            && call.args().size() == 2
            && call.args().get(0).getKind() == CelExpr.ExprKind.Kind.IDENT
            && call.args().get(1).getKind() == CelExpr.ExprKind.Kind.CONSTANT
            && call.args().get(1).constant().getKind() == CelConstant.Kind.STRING_VALUE) {
          note(
              call.args().get(0).ident().name(),
              call.args().get(1).constant().stringValue(),
              call.args().get(0).id(),
              readsC,
              readsF,
              firstUse);
          return;
        }
        call.target().ifPresent(t -> collect(t, readsC, readsF, firstUse));
        for (CelExpr a : call.args()) collect(a, readsC, readsF, firstUse);
      }
      case LIST -> e.list().elements().forEach(x -> collect(x, readsC, readsF, firstUse));
      case MAP ->
          e.map()
              .entries()
              .forEach(
                  x -> {
                    collect(x.key(), readsC, readsF, firstUse);
                    collect(x.value(), readsC, readsF, firstUse);
                  });
      case COMPREHENSION -> {
        var c = e.comprehension();
        collect(c.iterRange(), readsC, readsF, firstUse);
        collect(c.accuInit(), readsC, readsF, firstUse);
        collect(c.loopCondition(), readsC, readsF, firstUse);
        collect(c.loopStep(), readsC, readsF, firstUse);
        collect(c.result(), readsC, readsF, firstUse);
      }
      default -> {}
    }
  }

  private static void note(
      String ident,
      String field,
      long id,
      Set<String> readsC,
      Set<String> readsF,
      Map<String, Long> firstUse) {
    if (ident.equals("c")) readsC.add(field);
    else if (ident.equals("f")) readsF.add(field);
    else return;
    firstUse.putIfAbsent(ident + "." + field, id);
  }

  /** Maps a place inside the expression to the catalog file. */
  static Position place(Origin origin, dev.cel.common.CelSource source, CelSourceLocation loc) {
    Position p = origin.position();
    int line = loc.getLine();
    int column = loc.getColumn();
    if (line <= 0) return p;
    if (origin.block()) {
      // a folded or literal block joins its lines with one character: walk them back
      int offset = source.getLocationOffset(loc).orElse(0);
      List<String> lines = origin.blockLines();
      for (int i = 0; i < lines.size(); i++) {
        if (offset <= lines.get(i).length())
          return new Position(p.file(), p.line() + 1 + i, origin.blockIndent() + offset + 1);
        offset -= lines.get(i).length() + 1;
      }
      return new Position(p.file(), p.line() + 1, origin.blockIndent() + 1);
    }
    if (line == 1)
      return new Position(p.file(), p.line(), p.column() + column + (origin.quoted() ? 1 : 0));
    return new Position(p.file(), p.line() + line - 1, column + 1);
  }
}
