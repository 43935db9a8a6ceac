package dev.mlsec.scan.pickle;

import java.util.ArrayList;
import java.util.List;

/**
 * What the abstract pickle machine knows about a stack or memo value. Containers keep only their
 * first items: enough to resolve names and render call chains, bounded in memory.
 */
public sealed interface PickleValue
    permits PickleValue.Str,
        PickleValue.Bytes,
        PickleValue.Int,
        PickleValue.Atom,
        PickleValue.Tuple,
        PickleValue.Container,
        PickleValue.Global,
        PickleValue.Obj,
        PickleValue.Unknown {

  int KEEP = 16;

  /** A str (or a bytes-like value CPython decodes to str), decoded only when needed. */
  final class Str implements PickleValue {
    private byte[] raw;
    private final boolean utf8;
    private String s;
    private final boolean truncated;

    public Str(String s, boolean truncated) {
      this.s = s;
      this.truncated = truncated;
      this.utf8 = false;
    }

    Str(byte[] raw, boolean utf8, boolean truncated) {
      this.raw = raw;
      this.utf8 = utf8;
      this.truncated = truncated;
    }

    public String s() {
      if (s == null) {
        s =
            new String(
                raw,
                utf8
                    ? java.nio.charset.StandardCharsets.UTF_8
                    : java.nio.charset.StandardCharsets.ISO_8859_1);
        raw = null;
      }
      return s;
    }

    public boolean truncated() {
      return truncated;
    }

    /**
     * Whether this str is one of {@code names}, which are ASCII: a str not yet decoded is decoded
     * only when its byte length is that of a name (an ASCII text has one byte per character in
     * UTF-8 and Latin-1 alike, and no other bytes decode to it).
     */
    boolean isAsciiName(java.util.Set<String> names) {
      byte[] r = raw;
      if (r != null) {
        boolean fits = false;
        for (String n : names) fits |= n.length() == r.length;
        if (!fits) return false;
      }
      return names.contains(s());
    }
  }

  record Bytes(long length) implements PickleValue {}

  record Int(long v, boolean big) implements PickleValue {}

  /** None, True, False, a float: values that never matter for names. */
  record Atom(String text) implements PickleValue {}

  /** {@code depth} counts the tuples and containers nested in it, itself included. */
  record Tuple(List<PickleValue> items, int size, int depth) implements PickleValue {
    Tuple(List<PickleValue> items, int size) {
      this(items, size, 1 + maxDepth(items));
    }
  }

  /** How deeply tuples and containers nest in {@code v} (0 for anything else). */
  static int depth(PickleValue v) {
    if (v instanceof Tuple t) return t.depth();
    if (v instanceof Container c) return c.depth;
    return 0;
  }

  private static int maxDepth(List<PickleValue> items) {
    int d = 0;
    for (PickleValue v : items) d = Math.max(d, depth(v));
    return d;
  }

  /** A mutable list, dict, set or frozenset. */
  final class Container implements PickleValue {
    final String kind;
    final List<PickleValue> items = new ArrayList<>();
    long size;
    // how deeply tuples and containers nest in it, itself included (only grows)
    int depth = 1;

    Container(String kind) {
      this.kind = kind;
    }

    // values of the keys that __setstate__ methods execute (CodeState.FIELDS), kept past KEEP
    java.util.Map<String, PickleValue> codeFields;

    void add(PickleValue v) {
      if (items.size() < KEEP) items.add(v);
      depth = Math.max(depth, 1 + depth(v));
      size++;
    }

    /**
     * Adds {@code n} items of which {@code kept} are the first (as many {@link #add} calls), with
     * no cast of each item in the caller's loop.
     */
    void addAll(List<PickleValue> kept, int n) {
      int room = Math.max(0, KEEP - items.size());
      items.addAll(kept.size() <= room ? kept : kept.subList(0, room));
      depth = Math.max(depth, 1 + maxDepth(kept));
      size += n;
    }

    /** Notes a dict item whose key names a field some __setstate__ executes or evaluates. */
    void watch(PickleValue k, PickleValue v) {
      if (k instanceof Str ks && ks.isAsciiName(CodeState.FIELDS)) {
        if (codeFields == null) codeFields = new java.util.HashMap<>();
        codeFields.put(ks.s(), v);
      }
    }

    public String kind() {
      return kind;
    }

    public List<PickleValue> items() {
      return items;
    }
  }

  /**
   * A callable or class as resolved by GLOBAL, STACK_GLOBAL, INST or EXT. {@code how} says how it
   * was obtained, for the call chain.
   */
  record Global(String module, String name, String how, long offset) implements PickleValue {
    public String qualified() {
      return module + "." + name;
    }
  }

  /**
   * The result of a call or of rebuilding an object. {@code rebuilt} is true for the standard
   * reconstruction protocol (an instance of {@code callee}); {@code dict} holds BUILD state keys.
   */
  final class Obj implements PickleValue {
    final PickleValue callee;
    final PickleValue args;
    final boolean rebuilt;
    final long offset;
    PickleValue state;

    Obj(PickleValue callee, PickleValue args, boolean rebuilt, long offset) {
      this.callee = callee;
      this.args = args;
      this.rebuilt = rebuilt;
      this.offset = offset;
    }

    public PickleValue callee() {
      return callee;
    }

    public PickleValue args() {
      return args;
    }

    public boolean rebuilt() {
      return rebuilt;
    }
  }

  record Unknown(String why) implements PickleValue {}

  Atom NONE = new Atom("None");
  Atom TRUE = new Atom("True");
  Atom FALSE = new Atom("False");
  Atom FLOAT = new Atom("float");
}
