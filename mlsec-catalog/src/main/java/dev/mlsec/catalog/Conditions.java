package dev.mlsec.catalog;

import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.InvalidProtocolBufferException;
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
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import dev.mlsec.model.DidYouMean;
import dev.mlsec.model.InputException;
import dev.mlsec.model.Position;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

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

  private static final CelRuntime RUNTIME =
      CelRuntimeFactory.standardCelRuntimeBuilder().setOptions(OPTIONS).build();

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

  /**
   * Compiles a condition, or takes its checked form from {@code store} when the store holds it
   * (adding what it compiles); the vocabulary checks below run either way.
   */
  static Rule compile(Threat threat, Origin origin, CheckedConditions store) {
    String source = threat.condition();
    CelAbstractSyntaxTree ast = fromStore(store.get(source));
    if (ast == null) {
      ast = typeCheck(threat, origin, source);
      store.put(source, serialize(ast));
    }
    Set<String> readsC = new TreeSet<>();
    Set<String> readsF = new TreeSet<>();
    Map<String, Long> firstUse = new LinkedHashMap<>();
    collect(ast.getExpr(), readsC, readsF, firstUse);
    check(threat, origin, ast, "c", readsC, Vocabulary.cFields(threat.appliesTo()), firstUse);
    check(threat, origin, ast, "f", readsF, Vocabulary.fFacts(threat.appliesTo()), firstUse);
    try {
      return new Rule(threat.id(), RUNTIME.createProgram(ast), readsC, readsF);
    } catch (CelEvaluationException e) {
      throw new InputException(origin.position(), "condition cannot be planned: " + e.getMessage());
    }
  }

  private static CelAbstractSyntaxTree typeCheck(Threat threat, Origin origin, String source) {
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
      CelProtoAbstractSyntaxTree proto =
          CelProtoAbstractSyntaxTree.fromCheckedExpr(CheckedExpr.parseFrom(checked));
      return proto.isChecked() ? proto.getAst() : null;
    } catch (InvalidProtocolBufferException | RuntimeException e) {
      return null;
    }
  }

  /** The checked form with deterministic map order, so the build writes the same bytes. */
  private static byte[] serialize(CelAbstractSyntaxTree ast) {
    CheckedExpr expr = CelProtoAbstractSyntaxTree.fromCelAst(ast).toCheckedExpr();
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream(expr.getSerializedSize());
      CodedOutputStream coded = CodedOutputStream.newInstance(out);
      coded.useDeterministicSerialization();
      expr.writeTo(coded);
      coded.flush();
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Map<String, Rule> compileAll(Catalog catalog) {
    Map<String, Rule> out = new LinkedHashMap<>();
    for (Threat t : catalog.threats()) out.put(t.id(), compile(t, new Origin(t.position())));
    return out;
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
