package dev.mlsec.catalog;

import com.google.common.collect.ImmutableList;
import com.google.common.primitives.UnsignedLong;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelSource;
import dev.cel.common.ast.CelConstant;
import dev.cel.common.ast.CelExpr;
import dev.cel.common.ast.CelReference;
import dev.cel.common.types.CelType;
import dev.cel.common.types.ListType;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.common.types.TypeType;
import dev.cel.common.values.CelByteString;
import dev.cel.common.values.NullValue;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A type-checked CEL expression as plain data ({@link DataOutputStream}: tags, numbers, strings),
 * holding what CEL's checked-expression protobuf kept of it: the expression tree, the source's
 * description, line offsets and positions, the reference map and the type map. Reading it builds
 * CEL's AST directly, without protobuf's parser and CEL's converter from protobuf, which were most
 * of the catalog's cold start. Nothing read is executed: a damaged entry reads as an error, and the
 * condition is then compiled.
 *
 * <p>{@link #write} checks its own work: an expression whose parts this format does not hold (a
 * type or constant outside the ones below) gives empty, and is compiled at each start instead.
 */
final class CheckedAst {
  private static final int FORMAT = 1;

  /** Deepest nesting read: far beyond any condition the length limit admits. */
  private static final int MAX_DEPTH = 1_000;

  private CheckedAst() {}

  /** The expression as bytes, or empty when this format cannot hold it exactly. */
  static Optional<byte[]> write(CelAbstractSyntaxTree ast) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeInt(FORMAT);
      CelSource source = ast.getSource();
      out.writeUTF(source.getDescription());
      ints(out, source.getLineOffsets());
      Map<Long, Integer> positions = new TreeMap<>(source.getPositionsMap());
      out.writeInt(positions.size());
      for (var p : positions.entrySet()) {
        out.writeLong(p.getKey());
        out.writeInt(p.getValue());
      }
      expr(out, ast.getExpr());
      Map<Long, CelReference> refs = new TreeMap<>(ast.getReferenceMap());
      out.writeInt(refs.size());
      for (var r : refs.entrySet()) {
        out.writeLong(r.getKey());
        out.writeUTF(r.getValue().name());
        out.writeInt(r.getValue().overloadIds().size());
        for (String id : r.getValue().overloadIds()) out.writeUTF(id);
        out.writeBoolean(r.getValue().value().isPresent());
        if (r.getValue().value().isPresent()) constant(out, r.getValue().value().get());
      }
      Map<Long, CelType> types = new TreeMap<>(ast.getTypeMap());
      out.writeInt(types.size());
      for (var t : types.entrySet()) {
        out.writeLong(t.getKey());
        type(out, t.getValue());
      }
    } catch (Unsupported | RuntimeException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException(e); // in memory
    }
    byte[] b = bytes.toByteArray();
    try {
      // what is read back must be the same expression, or it is not stored
      return read(b).equals(ast) ? Optional.of(b) : Optional.empty();
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** The expression these bytes hold. */
  static CelAbstractSyntaxTree read(byte[] bytes) throws IOException {
    DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
    if (in.readInt() != FORMAT) throw new IOException("checked expression of another format");
    CelSource.Builder source = CelSource.newBuilder().setDescription(in.readUTF());
    int offsets = count(in);
    for (int i = 0; i < offsets; i++) source.addLineOffsets(in.readInt());
    int positions = count(in);
    for (int i = 0; i < positions; i++) source.addPositions(in.readLong(), in.readInt());
    CelExpr expr = expr(in, 0);
    int refs = count(in);
    Map<Long, CelReference> references = new LinkedHashMap<>();
    for (int i = 0; i < refs; i++) {
      long id = in.readLong();
      CelReference.Builder r = CelReference.newBuilder().setName(in.readUTF());
      int overloads = count(in);
      for (int j = 0; j < overloads; j++) r.addOverloadIds(in.readUTF());
      if (in.readBoolean()) r.setValue(constant(in));
      references.put(id, r.build());
    }
    int typeCount = count(in);
    Map<Long, CelType> types = new LinkedHashMap<>();
    for (int i = 0; i < typeCount; i++) types.put(in.readLong(), type(in, 0));
    if (in.read() != -1) throw new IOException("bytes after the checked expression");
    return CelAbstractSyntaxTree.newCheckedAst(expr, source.build(), references, types);
  }

  /** A part of an expression this format does not hold. */
  private static final class Unsupported extends IOException {
    private static final long serialVersionUID = 1L;

    Unsupported(String what) {
      super(what);
    }
  }

  private static final int NOT_SET = 0;
  private static final int CONSTANT = 1;
  private static final int IDENT = 2;
  private static final int SELECT = 3;
  private static final int CALL = 4;
  private static final int LIST = 5;
  private static final int STRUCT = 6;
  private static final int MAP = 7;
  private static final int COMPREHENSION = 8;

  private static void expr(DataOutputStream out, CelExpr e) throws IOException {
    out.writeLong(e.id());
    switch (e.getKind()) {
      case NOT_SET -> out.writeByte(NOT_SET);
      case CONSTANT -> {
        out.writeByte(CONSTANT);
        constant(out, e.constant());
      }
      case IDENT -> {
        out.writeByte(IDENT);
        out.writeUTF(e.ident().name());
      }
      case SELECT -> {
        out.writeByte(SELECT);
        expr(out, e.select().operand());
        out.writeUTF(e.select().field());
        out.writeBoolean(e.select().testOnly());
      }
      case CALL -> {
        out.writeByte(CALL);
        out.writeBoolean(e.call().target().isPresent());
        if (e.call().target().isPresent()) expr(out, e.call().target().get());
        out.writeUTF(e.call().function());
        exprs(out, e.call().args());
      }
      case LIST -> {
        out.writeByte(LIST);
        exprs(out, e.list().elements());
        ints(out, e.list().optionalIndices());
      }
      case STRUCT -> {
        out.writeByte(STRUCT);
        out.writeUTF(e.struct().messageName());
        out.writeInt(e.struct().entries().size());
        for (CelExpr.CelStruct.Entry x : e.struct().entries()) {
          out.writeLong(x.id());
          out.writeUTF(x.fieldKey());
          expr(out, x.value());
          out.writeBoolean(x.optionalEntry());
        }
      }
      case MAP -> {
        out.writeByte(MAP);
        out.writeInt(e.map().entries().size());
        for (CelExpr.CelMap.Entry x : e.map().entries()) {
          out.writeLong(x.id());
          expr(out, x.key());
          expr(out, x.value());
          out.writeBoolean(x.optionalEntry());
        }
      }
      case COMPREHENSION -> {
        out.writeByte(COMPREHENSION);
        CelExpr.CelComprehension c = e.comprehension();
        out.writeUTF(c.iterVar());
        out.writeUTF(c.iterVar2());
        out.writeUTF(c.accuVar());
        exprs(out, List.of(c.iterRange(), c.accuInit(), c.loopCondition(), c.loopStep()));
        expr(out, c.result());
      }
    }
  }

  private static CelExpr expr(DataInputStream in, int depth) throws IOException {
    if (depth > MAX_DEPTH) throw new IOException("checked expression nested too deep");
    long id = in.readLong();
    int kind = in.readByte();
    return switch (kind) {
      case NOT_SET -> CelExpr.ofNotSet(id);
      case CONSTANT -> CelExpr.ofConstant(id, constant(in));
      case IDENT -> CelExpr.ofIdent(id, in.readUTF());
      case SELECT -> CelExpr.ofSelect(id, expr(in, depth + 1), in.readUTF(), in.readBoolean());
      case CALL -> {
        Optional<CelExpr> target =
            in.readBoolean() ? Optional.of(expr(in, depth + 1)) : Optional.empty();
        yield CelExpr.ofCall(id, target, in.readUTF(), exprs(in, depth));
      }
      case LIST -> CelExpr.ofList(id, exprs(in, depth), ints(in));
      case STRUCT -> {
        String name = in.readUTF();
        int n = count(in);
        List<CelExpr.CelStruct.Entry> entries = new ArrayList<>();
        for (int i = 0; i < n; i++)
          entries.add(
              CelExpr.ofStructEntry(
                  in.readLong(), in.readUTF(), expr(in, depth + 1), in.readBoolean()));
        yield CelExpr.ofStruct(id, name, ImmutableList.copyOf(entries));
      }
      case MAP -> {
        int n = count(in);
        List<CelExpr.CelMap.Entry> entries = new ArrayList<>();
        for (int i = 0; i < n; i++)
          entries.add(
              CelExpr.ofMapEntry(
                  in.readLong(), expr(in, depth + 1), expr(in, depth + 1), in.readBoolean()));
        yield CelExpr.ofMap(id, ImmutableList.copyOf(entries));
      }
      case COMPREHENSION -> {
        String iterVar = in.readUTF();
        String iterVar2 = in.readUTF();
        String accuVar = in.readUTF();
        ImmutableList<CelExpr> parts = exprs(in, depth);
        if (parts.size() != 4) throw new IOException("comprehension of " + parts.size() + " parts");
        yield CelExpr.ofComprehension(
            id,
            iterVar,
            iterVar2,
            parts.get(0),
            accuVar,
            parts.get(1),
            parts.get(2),
            parts.get(3),
            expr(in, depth + 1));
      }
      default -> throw new IOException("expression of kind " + kind);
    };
  }

  private static void exprs(DataOutputStream out, List<CelExpr> list) throws IOException {
    out.writeInt(list.size());
    for (CelExpr e : list) expr(out, e);
  }

  private static ImmutableList<CelExpr> exprs(DataInputStream in, int depth) throws IOException {
    int n = count(in);
    ImmutableList.Builder<CelExpr> list = ImmutableList.builderWithExpectedSize(n);
    for (int i = 0; i < n; i++) list.add(expr(in, depth + 1));
    return list.build();
  }

  private static void ints(DataOutputStream out, List<Integer> list) throws IOException {
    out.writeInt(list.size());
    for (int i : list) out.writeInt(i);
  }

  private static ImmutableList<Integer> ints(DataInputStream in) throws IOException {
    int n = count(in);
    ImmutableList.Builder<Integer> list = ImmutableList.builderWithExpectedSize(n);
    for (int i = 0; i < n; i++) list.add(in.readInt());
    return list.build();
  }

  private static void constant(DataOutputStream out, CelConstant c) throws IOException {
    out.writeUTF(c.getKind().name());
    switch (c.getKind()) {
      case NOT_SET, NULL_VALUE -> {}
      case BOOLEAN_VALUE -> out.writeBoolean(c.booleanValue());
      case INT64_VALUE -> out.writeLong(c.int64Value());
      case UINT64_VALUE -> out.writeLong(c.uint64Value().longValue());
      case DOUBLE_VALUE -> out.writeDouble(c.doubleValue());
      case STRING_VALUE -> string(out, c.stringValue());
      case BYTES_VALUE -> {
        byte[] b = c.bytesValue().toByteArray();
        out.writeInt(b.length);
        out.write(b);
      }
      default -> throw new Unsupported("constant of kind " + c.getKind());
    }
  }

  private static CelConstant constant(DataInputStream in) throws IOException {
    String kind = in.readUTF();
    return switch (kind) {
      case "NOT_SET" -> CelConstant.ofNotSet();
      case "NULL_VALUE" -> CelConstant.ofValue(NullValue.NULL_VALUE);
      case "BOOLEAN_VALUE" -> CelConstant.ofValue(in.readBoolean());
      case "INT64_VALUE" -> CelConstant.ofValue(in.readLong());
      case "UINT64_VALUE" -> CelConstant.ofValue(UnsignedLong.fromLongBits(in.readLong()));
      case "DOUBLE_VALUE" -> CelConstant.ofValue(in.readDouble());
      case "STRING_VALUE" -> CelConstant.ofValue(string(in));
      case "BYTES_VALUE" -> {
        int n = count(in);
        byte[] b = new byte[n];
        in.readFully(b);
        yield CelConstant.ofValue(CelByteString.of(b));
      }
      default -> throw new IOException("constant of kind " + kind);
    };
  }

  /** A string of any length (writeUTF holds 64 KB at most). */
  private static void string(DataOutputStream out, String s) throws IOException {
    byte[] b = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    out.writeInt(b.length);
    out.write(b);
  }

  private static String string(DataInputStream in) throws IOException {
    int n = count(in);
    byte[] b = new byte[n];
    in.readFully(b);
    return new String(b, java.nio.charset.StandardCharsets.UTF_8);
  }

  private static final int SIMPLE = 0;
  private static final int LIST_TYPE = 1;
  private static final int MAP_TYPE = 2;
  private static final int TYPE_TYPE = 3;

  private static void type(DataOutputStream out, CelType t) throws IOException {
    if (t instanceof SimpleType) {
      out.writeByte(SIMPLE);
      out.writeUTF(t.name());
    } else if (t instanceof ListType l) {
      out.writeByte(LIST_TYPE);
      type(out, l.elemType());
    } else if (t instanceof MapType m) {
      out.writeByte(MAP_TYPE);
      type(out, m.keyType());
      type(out, m.valueType());
    } else if (t instanceof TypeType tt) {
      out.writeByte(TYPE_TYPE);
      type(out, tt.type());
    } else throw new Unsupported("type " + t);
  }

  private static CelType type(DataInputStream in, int depth) throws IOException {
    if (depth > MAX_DEPTH) throw new IOException("type nested too deep");
    int kind = in.readByte();
    return switch (kind) {
      case SIMPLE -> {
        String name = in.readUTF();
        yield SimpleType.findByName(name).orElseThrow(() -> new IOException("type " + name));
      }
      case LIST_TYPE -> ListType.create(type(in, depth + 1));
      case MAP_TYPE -> MapType.create(type(in, depth + 1), type(in, depth + 1));
      case TYPE_TYPE -> TypeType.create(type(in, depth + 1));
      default -> throw new IOException("type of kind " + kind);
    };
  }

  /** A count of items that follow: never negative, never more than the bytes left. */
  private static int count(DataInputStream in) throws IOException {
    int n = in.readInt();
    if (n < 0 || n > in.available()) throw new IOException("count of " + n);
    return n;
  }
}
