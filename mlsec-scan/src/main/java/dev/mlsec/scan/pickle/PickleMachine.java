package dev.mlsec.scan.pickle;

import dev.mlsec.scan.Level;
import dev.mlsec.scan.ScanContext;
import dev.mlsec.scan.ScanPolicy;
import dev.mlsec.scan.ScanRule;
import dev.mlsec.scan.policy.Callables;
import dev.mlsec.scan.policy.Callables.Kind;
import java.io.EOFException;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Abstract interpretation of one pickle (up to STOP): the stack, memo, marks and frames as CPython
 * keeps them, without importing or calling anything. Every call opcode is judged against the
 * allowlist when it happens, so findings before a later parse error are kept.
 */
public final class PickleMachine {

  /** How a run ended. */
  public enum End {
    STOP,
    ERROR,
    EMPTY
  }

  /** Options of a run. */
  public record Mode(boolean speculative, boolean joblib, String note) {
    public static final Mode NORMAL = new Mode(false, false, "");
  }

  static final byte[] TORCH_MAGIC = {
    (byte) 0x6c,
    (byte) 0xfc,
    (byte) 0x9c,
    (byte) 0x46,
    (byte) 0xf9,
    (byte) 0x20,
    (byte) 0x6a,
    (byte) 0xa8,
    (byte) 0x50,
    (byte) 0x19
  };

  private static final PickleValue.Int[] SMALL = new PickleValue.Int[1281];

  static {
    for (int i = 0; i < SMALL.length; i++) SMALL[i] = new PickleValue.Int(i - 256, false);
  }

  private final ScanContext ctx;
  private final PickleInput in;
  private final String member;
  private final Mode mode;
  private final Map<Long, PickleValue.Global> extensions;
  private final int depth;

  private PickleValue[] stack = new PickleValue[64];
  private int sp;
  // An int outside SMALL is held as its value (stack[i] == INT, the value in ints[i]) and becomes
  // an object only when it is read: the items of a list of a million ints past the few its
  // container keeps are counted and dropped without one object each.
  private static final PickleValue INT = new PickleValue.Unknown("int");
  private long[] ints;
  private int[] marks = new int[16];
  private int mp;
  // dense memo indices (the normal case) live in an array, others in a map
  private PickleValue[] memoArray = new PickleValue[64];
  private final HashMap<Long, PickleValue> memoMap = new HashMap<>();
  private int memoSize;
  private int proto;
  private long frameEnd = -1;
  private boolean frameNoted;
  private final LinkedHashMap<PickleValue.Global, Boolean> pendingDanger = new LinkedHashMap<>();
  // bounded: a stream of distinct GLOBAL opcodes is classified each time beyond this
  private static final int MAX_CACHED_VERDICTS = 4096;
  private final IdentityHashMap<PickleValue.Global, Callables.Verdict> verdicts =
      new IdentityHashMap<>(4);
  private String error = "";
  private long errorOffset = -1;
  private boolean torchMagic;
  private boolean sawNames;
  private long ops;
  private PickleValue result;

  public PickleMachine(
      ScanContext ctx,
      PickleInput in,
      String member,
      Mode mode,
      Map<Long, PickleValue.Global> extensions,
      int depth) {
    this.ctx = ctx;
    this.in = in;
    this.member = member;
    this.mode = mode;
    this.extensions = extensions;
    this.depth = depth;
  }

  public String error() {
    return error;
  }

  public long errorOffset() {
    return errorOffset;
  }

  /** True when the first value was torch's legacy magic number. */
  public boolean torchMagic() {
    return torchMagic;
  }

  /** Whether any GLOBAL/INST/STACK_GLOBAL with identifier-like names was seen. */
  public boolean sawNames() {
    return sawNames;
  }

  public long opcodes() {
    return ops;
  }

  /** The value returned by STOP (tracked abstractly), or null. */
  public PickleValue result() {
    return result;
  }

  /** Runs until STOP, an error or the end of input. */
  public End run() throws IOException {
    long start = in.position();
    try {
      if (in.peek() < 0) return End.EMPTY;
      End e = loop();
      return e;
    } catch (IOException | ArithmeticException e) {
      error = e.getMessage() == null ? "pickle data was truncated" : e.getMessage();
      if (errorOffset < 0) errorOffset = in.position();
      return in.position() == start ? End.EMPTY : End.ERROR;
    } finally {
      flushDanger();
      ctx.countOpcodes(ops % 4096);
    }
  }

  private static final class PickleError extends IOException {
    private static final long serialVersionUID = 1L;

    PickleError(String m) {
      super(m, null);
    }
  }

  private PickleError err(String m) {
    return new PickleError(m);
  }

  // ---- stack ----

  private void push(PickleValue v) {
    room();
    // a value nested deeper than the stack may grow: pickle.dump recurses once per level, so
    // no saved object nests this deep (the loader's repr, hash or copy would overflow)
    if (PickleValue.depth(v) > ctx.limits().maxStackDepth())
      throw new dev.mlsec.scan.LimitReachedException(
          "pickle nesting limit of " + ctx.limits().maxStackDepth());
    stack[sp++] = v;
  }

  /** Pushes an int: one of SMALL, else its value alone until it is read ({@link #at}). */
  private void pushInt(long v) {
    if (v >= -256 && v < 1025) {
      push(SMALL[(int) v + 256]);
      return;
    }
    room();
    if (ints == null || ints.length < stack.length)
      ints = ints == null ? new long[stack.length] : Arrays.copyOf(ints, stack.length);
    ints[sp] = v;
    stack[sp++] = INT;
  }

  private void room() {
    if (sp == stack.length) {
      if (sp + mp >= ctx.limits().maxStackDepth())
        throw new dev.mlsec.scan.LimitReachedException(
            "pickle stack depth limit of " + ctx.limits().maxStackDepth());
      stack = Arrays.copyOf(stack, Math.min(stack.length * 2, ctx.limits().maxStackDepth() + 1));
    }
  }

  /** The value at stack index {@code i}; a held int becomes its object there, once. */
  private PickleValue at(int i) {
    PickleValue v = stack[i];
    if (v == INT) stack[i] = v = new PickleValue.Int(ints[i], false);
    return v;
  }

  private int fence() {
    return mp == 0 ? 0 : marks[mp - 1];
  }

  private PickleValue pop() throws PickleError {
    if (sp <= fence()) throw err("unpickling stack underflow");
    PickleValue v = at(--sp);
    stack[sp] = null;
    return v;
  }

  private PickleValue top() throws PickleError {
    if (sp <= fence()) throw err("unpickling stack underflow");
    return at(sp - 1);
  }

  private List<PickleValue> popMark() throws PickleError {
    if (mp == 0) throw err("could not find MARK");
    int m = marks[--mp];
    List<PickleValue> items = new ArrayList<>(Math.min(sp - m, PickleValue.KEEP * 2));
    for (int i = m; i < sp; i++) {
      if (items.size() < PickleValue.KEEP * 2) items.add(at(i));
      stack[i] = null;
    }
    int n = sp - m;
    sp = m;
    if (n > PickleValue.KEEP * 2)
      items.add(new PickleValue.Unknown((n - PickleValue.KEEP * 2) + " more"));
    return items;
  }

  private int popMarkCount(List<PickleValue> keep, int keepMax) throws PickleError {
    if (mp == 0) throw err("could not find MARK");
    int m = marks[--mp];
    for (int i = m; i < sp; i++) {
      if (keep.size() < keepMax) keep.add(at(i));
      stack[i] = null;
    }
    int n = sp - m;
    sp = m;
    return n;
  }

  /**
   * The key/value pairs above the top mark whose key is a code-bearing field (CodeState.FIELDS),
   * looked for before the items past the kept ones are dropped.
   */
  private List<PickleValue> codeItems() {
    if (mp == 0) return List.of();
    List<PickleValue> out = null;
    for (int i = marks[mp - 1]; i + 1 < sp; i += 2)
      if (stack[i] instanceof PickleValue.Str k && k.isAsciiName(CodeState.FIELDS)) {
        if (out == null) out = new ArrayList<>();
        out.add(k);
        out.add(at(i + 1));
      }
    return out == null ? List.of() : out;
  }

  // ---- main loop ----

  private End loop() throws IOException {
    while (true) {
      long off = in.position();
      if (frameEnd >= 0) {
        if (off == frameEnd) frameEnd = -1;
        else if (off > frameEnd) {
          frameEnd = -1;
          noteFrame(off, "an opcode crosses the end of its frame");
        }
      }
      int op = in.read();
      if (op < 0) throw new EOFException("pickle data was truncated (no STOP)");
      if ((++ops & 4095) == 0) {
        ctx.countOpcodes(4096);
        ctx.checkTime();
      }
      switch (op) {
        case '(' -> {
          if (mp == marks.length) {
            if (sp + mp >= ctx.limits().maxStackDepth())
              throw new dev.mlsec.scan.LimitReachedException(
                  "pickle mark depth limit of " + ctx.limits().maxStackDepth());
            marks = Arrays.copyOf(marks, mp * 2);
          }
          marks[mp++] = sp;
        }
        case '.' -> {
          result = pop();
          return End.STOP;
        }
        case '0' -> {
          if (mp > 0 && marks[mp - 1] == sp) mp--;
          else pop();
        }
        case '1' -> popMarkCount(new ArrayList<>(), 0);
        case '2' -> push(top());
        case 'F' -> {
          in.readLine();
          push(PickleValue.FLOAT);
        }
        case 'G' -> {
          in.skip(8);
          push(PickleValue.FLOAT);
        }
        case 'I' -> {
          String s = in.readLine();
          if (s.equals("00")) push(PickleValue.FALSE);
          else if (s.equals("01")) push(PickleValue.TRUE);
          else pushInt(s, false);
        }
        case 'J' -> pushInt((int) in.readLe(4));
        case 'K' -> pushInt(in.readByte());
        case 'M' -> pushInt((int) in.readLe(2));
        case 'L' -> pushInt(in.readLine(), true);
        case 0x8a -> longBytes(in.readByte());
        case 0x8b -> {
          long n = (int) in.readLe(4);
          if (n < 0) throw err("LONG pickle has negative byte count");
          longBytes(n);
        }
        case 'N' -> push(PickleValue.NONE);
        case 0x88 -> push(PickleValue.TRUE);
        case 0x89 -> push(PickleValue.FALSE);
        case 'P' -> {
          in.readLine();
          push(new PickleValue.Unknown("persistent id"));
        }
        case 'Q' -> push(persistent(pop()));
        case 'R' -> {
          PickleValue args = pop();
          PickleValue fn = pop();
          push(call("REDUCE", fn, args, off));
        }
        case 'S' -> push(new PickleValue.Str(decodeStringLiteral(in.readLine()), false));
        case 'T' -> {
          long n = (int) in.readLe(4);
          if (n < 0) throw err("BINSTRING pickle has negative byte count");
          push(str(in.readKeep(n, PickleInput.KEEP_BYTES), n, false));
        }
        case 'U' -> {
          int n = in.readByte();
          push(str(in.readKeep(n, PickleInput.KEEP_BYTES), n, false));
        }
        case 'V' -> push(new PickleValue.Str(rawUnicodeEscape(in.readLine()), false));
        case 'X' -> push(unicode(in.readLe(4)));
        case 0x8d -> {
          long n = in.readLe(8);
          if (n < 0) throw err("BINUNICODE8 exceeds system's maximum size");
          push(str(in.readKeep(n, PickleInput.KEEP_BYTES), n, true));
        }
        case 0x8c -> {
          int n = in.readByte();
          push(str(in.readKeep(n, PickleInput.KEEP_BYTES), n, true));
        }
        case 'B' -> push(bytes(in.readLe(4)));
        case 'C' -> push(bytes(in.readByte()));
        case 0x8e, 0x96 -> {
          long n = in.readLe(8);
          if (n < 0) throw err("BINBYTES8 exceeds system's maximum size");
          push(bytes(n));
        }
        case 'a' -> {
          PickleValue v = pop();
          mutate("APPEND", top(), off).add(v);
        }
        case 'e' -> {
          List<PickleValue> keep = new ArrayList<>();
          int n = popMarkCount(keep, PickleValue.KEEP);
          mutate("APPENDS", top(), off).addAll(keep, n);
        }
        case 's' -> {
          PickleValue v = pop();
          PickleValue k = pop();
          PickleValue.Container c = mutate("SETITEM", top(), off);
          c.add(k);
          c.add(v);
          c.watch(k, v);
        }
        case 'u' -> {
          List<PickleValue> keep = new ArrayList<>();
          List<PickleValue> watched = codeItems();
          int n = popMarkCount(keep, PickleValue.KEEP * 2);
          if ((n & 1) != 0) throw err("odd number of items for SETITEMS");
          PickleValue.Container c = mutate("SETITEMS", top(), off);
          for (PickleValue v : keep) c.add(v);
          for (int i = 0; i + 1 < watched.size(); i += 2)
            c.watch(watched.get(i), watched.get(i + 1));
          c.size += n - keep.size();
        }
        case 0x90 -> {
          List<PickleValue> keep = new ArrayList<>();
          int n = popMarkCount(keep, PickleValue.KEEP);
          PickleValue.Container c = mutate("ADDITEMS", top(), off);
          for (PickleValue v : keep) c.add(v);
          c.size += n - keep.size();
        }
        case 'b' -> {
          PickleValue state = pop();
          build(top(), state, off);
        }
        case 'c' -> {
          String module = utf8(in.readLine());
          String name = utf8(in.readLine());
          push(resolve(module, name, "GLOBAL", off));
        }
        case 0x93 -> {
          PickleValue name = pop();
          PickleValue module = pop();
          if (!(name instanceof PickleValue.Str n) || !(module instanceof PickleValue.Str m)) {
            if (name instanceof PickleValue.Str
                || name instanceof PickleValue.Obj
                || module instanceof PickleValue.Obj) push(unresolvedGlobal(module, name, off));
            else throw err("STACK_GLOBAL requires str");
          } else push(resolve(m.s(), n.s(), "STACK_GLOBAL", off));
        }
        case 'i' -> {
          String module = utf8(in.readLine());
          String name = utf8(in.readLine());
          List<PickleValue> args = popMark();
          PickleValue cls = resolve(module, name, "INST", off);
          push(call("INST", cls, new PickleValue.Tuple(args, args.size()), off));
        }
        case 'o' -> {
          List<PickleValue> items = popMark();
          if (items.isEmpty()) throw err("unpickling stack underflow");
          PickleValue cls = items.get(0);
          push(
              call(
                  "OBJ",
                  cls,
                  new PickleValue.Tuple(items.subList(1, items.size()), items.size() - 1),
                  off));
        }
        case 0x81 -> {
          PickleValue args = pop();
          PickleValue cls = pop();
          push(call("NEWOBJ", cls, args, off));
        }
        case 0x92 -> {
          PickleValue kwargs = pop();
          PickleValue args = pop();
          PickleValue cls = pop();
          push(call("NEWOBJ_EX", cls, new PickleValue.Tuple(List.of(args, kwargs), 2), off));
        }
        case 'd' -> {
          List<PickleValue> keep = new ArrayList<>();
          List<PickleValue> watched = codeItems();
          int n = popMarkCount(keep, PickleValue.KEEP * 2);
          PickleValue.Container c = new PickleValue.Container("dict");
          for (PickleValue v : keep) c.add(v);
          for (int i = 0; i + 1 < watched.size(); i += 2)
            c.watch(watched.get(i), watched.get(i + 1));
          c.size += n - keep.size();
          push(c);
        }
        case 'l' -> {
          List<PickleValue> keep = new ArrayList<>();
          int n = popMarkCount(keep, PickleValue.KEEP);
          PickleValue.Container c = new PickleValue.Container("list");
          for (PickleValue v : keep) c.add(v);
          c.size += n - keep.size();
          push(c);
        }
        case 0x91 -> {
          List<PickleValue> keep = new ArrayList<>();
          int n = popMarkCount(keep, PickleValue.KEEP);
          PickleValue.Container c = new PickleValue.Container("frozenset");
          for (PickleValue v : keep) c.add(v);
          c.size += n - keep.size();
          push(c);
        }
        case 't' -> {
          List<PickleValue> keep = new ArrayList<>();
          int n = popMarkCount(keep, PickleValue.KEEP);
          push(new PickleValue.Tuple(keep, n));
        }
        case '}' -> push(new PickleValue.Container("dict"));
        case ']' -> push(new PickleValue.Container("list"));
        case 0x8f -> push(new PickleValue.Container("set"));
        case ')' -> push(new PickleValue.Tuple(List.of(), 0));
        case 0x85 -> push(new PickleValue.Tuple(List.of(pop()), 1));
        case 0x86 -> {
          PickleValue b = pop();
          PickleValue a = pop();
          push(new PickleValue.Tuple(List.of(a, b), 2));
        }
        case 0x87 -> {
          PickleValue c = pop();
          PickleValue b = pop();
          PickleValue a = pop();
          push(new PickleValue.Tuple(List.of(a, b, c), 3));
        }
        case 'g' -> push(memoGet(parseIndex(in.readLine())));
        case 'h' -> push(memoGet(in.readByte()));
        case 'j' -> push(memoGet(in.readLe(4)));
        case 'p' -> memoPut(parseIndex(in.readLine()));
        case 'q' -> memoPut(in.readByte());
        case 'r' -> memoPut(in.readLe(4));
        case 0x94 -> memoPut(memoSize);
        case 0x80 -> {
          int p = in.readByte();
          if (p > 5) throw err("unsupported pickle protocol: " + p);
          proto = p;
        }
        case 0x82 -> push(extension(in.readByte(), off));
        case 0x83 -> push(extension(in.readLe(2), off));
        case 0x84 -> push(extension((int) in.readLe(4), off));
        case 0x95 -> {
          long n = in.readLe(8);
          if (n < 0 || n > in.remaining()) throw err("pickle data was truncated (FRAME length)");
          if (frameEnd >= 0 && in.position() - 9 < frameEnd)
            noteFrame(off, "a FRAME starts before the previous frame ended");
          frameEnd = in.position() + n;
        }
        case 0x97 -> push(new PickleValue.Unknown("out-of-band buffer"));
        case 0x98 -> top();
        default -> throw err(String.format("invalid load key, '\\x%02x'", op));
      }
    }
  }

  private void noteFrame(long off, String msg) {
    if (frameNoted) return;
    frameNoted = true;
    ctx.report(ScanRule.PICKLE_FRAME, off, member, List.of(), msg + mode.note());
  }

  // ---- values ----

  /** Pushes the int of an INT or LONG opcode's decimal text. */
  private void pushInt(String s, boolean isLong) throws PickleError {
    String t = s.strip();
    if (isLong && t.endsWith("L")) t = t.substring(0, t.length() - 1);
    try {
      if (t.length() < 19) {
        pushInt(Long.parseLong(t));
        return;
      }
      new BigInteger(t);
      push(new PickleValue.Int(0, true));
    } catch (NumberFormatException e) {
      throw err("invalid literal for int(): " + abbreviate(s));
    }
  }

  /** Pushes the int of a LONG1 or LONG4 opcode's {@code n} little-endian bytes. */
  private void longBytes(long n) throws IOException {
    byte[] b = in.readKeep(n, 16);
    if (n == 10 && Arrays.equals(b, TORCH_MAGIC) && ops <= 3) torchMagic = true;
    if (n == 0) push(SMALL[256]);
    else if (n > 8) push(new PickleValue.Int(0, true));
    else {
      long v = 0;
      for (int i = 0; i < n; i++) v |= ((long) (b[i] & 0xff)) << (8 * i);
      if (n < 8 && (b[(int) n - 1] & 0x80) != 0) v -= 1L << (8 * n);
      pushInt(v);
    }
  }

  private static PickleValue str(byte[] kept, long declared, boolean utf8) {
    return new PickleValue.Str(kept, utf8, declared > kept.length);
  }

  private static String utf8(String latin1) {
    return new String(latin1.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
  }

  private long parseIndex(String s) throws PickleError {
    try {
      return Long.parseLong(s.strip());
    } catch (NumberFormatException e) {
      throw err("invalid memo index: " + abbreviate(s));
    }
  }

  private static final int DENSE = 1 << 22;

  private PickleValue memoGet(long idx) throws PickleError {
    PickleValue v =
        idx >= 0 && idx < memoArray.length
            ? memoArray[(int) idx]
            : idx >= DENSE ? memoMap.get(idx) : null;
    if (v == null) throw err("Memo value not found at index " + idx);
    return v;
  }

  private void memoPut(long idx) throws PickleError {
    if (idx < 0) throw err("negative memo index");
    PickleValue v = top();
    PickleValue old;
    if (idx < DENSE) {
      if (idx >= memoArray.length)
        memoArray =
            Arrays.copyOf(
                memoArray, (int) Math.min(DENSE, Math.max(idx + 1, memoArray.length * 2L)));
      old = memoArray[(int) idx];
      memoArray[(int) idx] = v;
    } else old = memoMap.put(idx, v);
    if (old == null && ++memoSize > ctx.limits().maxMemo())
      throw new dev.mlsec.scan.LimitReachedException(
          "pickle memo limit of " + ctx.limits().maxMemo() + " entries");
  }

  /** Python's string-literal decoding of a protocol-0 STRING argument (repr of a str). */
  static String decodeStringLiteral(String line) throws PickleError {
    String s = line;
    if (s.length() >= 2
        && (s.charAt(0) == '\'' || s.charAt(0) == '"')
        && s.charAt(s.length() - 1) == s.charAt(0)) s = s.substring(1, s.length() - 1);
    else throw new PickleError("the STRING opcode argument must be quoted");
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c != '\\' || i + 1 >= s.length()) {
        b.append(c);
        continue;
      }
      char e = s.charAt(++i);
      switch (e) {
        case 'n' -> b.append('\n');
        case 't' -> b.append('\t');
        case 'r' -> b.append('\r');
        case '\\' -> b.append('\\');
        case '\'' -> b.append('\'');
        case '"' -> b.append('"');
        case 'a' -> b.append('\u0007');
        case 'b' -> b.append('\b');
        case 'f' -> b.append('\f');
        case 'v' -> b.append('\u000b');
        case '\n' -> {}
        case 'x' -> {
          if (i + 2 < s.length() + 0 && i + 2 <= s.length() - 1 + 1) {
            try {
              b.append((char) Integer.parseInt(s.substring(i + 1, i + 3), 16));
              i += 2;
            } catch (RuntimeException ex) {
              throw new PickleError("invalid \\x escape");
            }
          } else throw new PickleError("invalid \\x escape");
        }
        default -> {
          if (e >= '0' && e <= '7') {
            int v = e - '0';
            int k = 0;
            while (k < 2
                && i + 1 < s.length()
                && s.charAt(i + 1) >= '0'
                && s.charAt(i + 1) <= '7') {
              v = v * 8 + (s.charAt(++i) - '0');
              k++;
            }
            b.append((char) (v & 0xff));
          } else b.append('\\').append(e);
        }
      }
    }
    return b.toString();
  }

  /** Python's raw-unicode-escape decoding (protocol-0 UNICODE). */
  static String rawUnicodeEscape(String latin1) {
    StringBuilder b = new StringBuilder(latin1.length());
    for (int i = 0; i < latin1.length(); i++) {
      char c = latin1.charAt(i);
      if (c == '\\' && i + 1 < latin1.length()) {
        char e = latin1.charAt(i + 1);
        int len = e == 'u' ? 4 : e == 'U' ? 8 : 0;
        if (len > 0 && i + 2 + len <= latin1.length()) {
          try {
            int cp = Integer.parseInt(latin1.substring(i + 2, i + 2 + len), 16);
            b.appendCodePoint(cp);
            i += 1 + len;
            continue;
          } catch (RuntimeException ex) {
            // not an escape: keep the backslash
          }
        }
      }
      b.append(c);
    }
    return b.toString();
  }

  /**
   * torch's legacy loader returns the class itself for ('module', cls, file, source) ids; other ids
   * stay unknown.
   */
  private static PickleValue persistent(PickleValue pid) {
    if (pid instanceof PickleValue.Tuple t
        && t.items().size() >= 2
        && t.items().get(0) instanceof PickleValue.Str s
        && s.s().equals("module")
        && t.items().get(1) instanceof PickleValue.Global g) return g;
    return new PickleValue.Unknown("persistent id");
  }

  // ---- names ----

  private PickleValue resolve(String module, String name, String opcode, long off) {
    String how = opcode + " '" + module + "' '" + name + "' at " + off;
    String m = module;
    String n = name;
    if (proto < 3) {
      String[] mapped = CompatNames.map(module, name);
      if (mapped != null) {
        m = mapped[0];
        n = mapped[1];
        how += " (protocol " + proto + " name mapping to " + m + "." + n + ")";
      }
    }
    String same = Callables.reexported(m + "." + n);
    if (same != null) how += " (the same object as " + same + ")";
    boolean names = isIdentifierPath(m) && isIdentifierPath(n);
    if (names) {
      sawNames = true;
      ctx.importedModule(m); // the unpickler imports it: shipped code may shadow it (MLflow)
    }
    PickleValue.Global g = new PickleValue.Global(m, n, how, off);
    Callables.Verdict v = verdict(g);
    // bytes that are only possibly a pickle: a name no import or getattr can resolve is noise
    // (random float data parsed from a stray \x80\x02), not a dangerous global
    if (mode.speculative() && !names) return g;
    if (v.kind() == Kind.DANGEROUS && !Callables.dangerousOnlyWhenCalled(g.qualified()))
      pendingDanger.putIfAbsent(g, Boolean.TRUE);
    else if (v.kind() == Kind.UNKNOWN && ctx.policy() == ScanPolicy.STRICT && !mode.speculative())
      ctx.report(
          ScanRule.PICKLE_UNKNOWN_GLOBAL,
          off,
          member,
          List.of(g.qualified(), how),
          "global " + g.qualified() + " is not in the allowlist" + mode.note());
    return g;
  }

  static boolean isIdentifierPath(String s) {
    if (s.isEmpty() || s.length() > 200) return false;
    boolean start = true;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '.') {
        if (start) return false;
        start = true;
        continue;
      }
      if (start ? !Character.isJavaIdentifierStart(c) || c == '$' : !isIdPart(c)) return false;
      start = false;
    }
    return !start;
  }

  private static boolean isIdPart(char c) {
    return c == '_' || Character.isLetterOrDigit(c);
  }

  private PickleValue unresolvedGlobal(PickleValue module, PickleValue name, long off) {
    PickleValue.Global g =
        new PickleValue.Global(
            "<dynamic>", render(module, 2) + "." + render(name, 2), "STACK_GLOBAL at " + off, off);
    ctx.report(
        ScanRule.PICKLE_UNRESOLVED_CALL,
        off,
        member,
        List.of(g.name(), g.how()),
        "STACK_GLOBAL resolves a name computed at load time" + mode.note());
    return g;
  }

  private PickleValue extension(long code, long off) throws PickleError {
    if (code <= 0) throw err("EXT specifies code <= 0");
    PickleValue.Global g = extensions.get(code);
    if (g == null) {
      // CPython fails here unless the loading process registered the code itself
      PickleValue.Global u =
          new PickleValue.Global(
              "<extension>", Long.toString(code), "EXT code " + code + " at " + off, off);
      return u;
    }
    PickleValue.Global r =
        new PickleValue.Global(
            g.module(),
            g.name(),
            "EXT code " + code + " at " + off + " registered by " + g.how(),
            off);
    if (verdict(r).kind() == Kind.DANGEROUS) pendingDanger.putIfAbsent(r, Boolean.TRUE);
    return r;
  }

  // ---- calls ----

  /**
   * The policy's verdict on a resolved global, once per global object: a memoized global is the
   * same object at every call, so a pickle of a million datetimes classifies one name once.
   */
  private Callables.Verdict verdict(PickleValue.Global g) {
    Callables.Verdict v = verdicts.get(g);
    if (v == null) {
      v = Callables.classify(g.module(), g.name());
      if (verdicts.size() < MAX_CACHED_VERDICTS) verdicts.put(g, v);
    }
    return v;
  }

  private PickleValue call(String opcode, PickleValue fn, PickleValue args, long off)
      throws IOException {
    PickleValue.Global attribute = attributeOf(opcode, fn, args, off);
    if (attribute != null) return attribute;
    PickleValue.Global imported = importByName(opcode, fn, args, off);
    if (imported != null) return imported;
    PickleValue bound = boundMethod(opcode, fn, args, off);
    if (bound != null) return bound;
    boolean rebuild = opcode.startsWith("NEWOBJ");
    PickleValue.Obj result = new PickleValue.Obj(fn, args, rebuild, off);
    judgeCall(opcode, fn, args, off, result);
    PickleValue folded = foldString(opcode, fn, args);
    if (folded != null) return folded;
    // protocols < 3 write bytes as _codecs.encode(text, 'latin1'): the bytes are the result
    if (!embeddedText.isEmpty()
        && fn instanceof PickleValue.Global g
        && isCodecsEncode(g)
        && arg(args, 0) instanceof PickleValue.Str text
        && arg(args, 1) instanceof PickleValue.Str codec
        && codec.s().equals("latin1")) {
      Long at = embeddedText.remove(text);
      if (at != null)
        embedded.put(result, new Embedded(text.s().getBytes(StandardCharsets.ISO_8859_1), at));
    }
    return result;
  }

  /**
   * numpy's {@code _ufunc_reconstruct(module, name)} imports module and returns its attribute: with
   * constant strings it is a GLOBAL opcode by another name, so it resolves (and is judged) like
   * one. Null when the call is anything else.
   */
  private PickleValue.Global importByName(
      String opcode, PickleValue fn, PickleValue args, long off) {
    if (!opcode.equals("REDUCE")
        || !(fn instanceof PickleValue.Global g)
        || !g.name().equals("_ufunc_reconstruct")
        || !(g.module().equals("numpy.core") || g.module().equals("numpy._core"))
        || !(arg(args, 0) instanceof PickleValue.Str m)
        || !(arg(args, 1) instanceof PickleValue.Str n)
        || m.truncated()
        || n.truncated()
        || !(args instanceof PickleValue.Tuple t && t.items().size() == 2)) return null;
    return (PickleValue.Global)
        resolve(m.s(), n.s(), g.qualified() + "('" + m.s() + "', '" + n.s() + "') REDUCE", off);
  }

  /**
   * String arithmetic on constants ({@code operator.add('o', 's')}, {@code str.join('', [...])}):
   * its result is a constant too, so a STACK_GLOBAL of it resolves statically. The call itself was
   * judged already; null when the call is anything else.
   */
  private static PickleValue foldString(String opcode, PickleValue fn, PickleValue args) {
    if (!opcode.equals("REDUCE") || !(fn instanceof PickleValue.Global g)) return null;
    String q = g.qualified();
    if ((q.equals("operator.add") || q.equals("_operator.add") || q.equals("operator.concat"))
        && arg(args, 0) instanceof PickleValue.Str a
        && arg(args, 1) instanceof PickleValue.Str b
        && !a.truncated()
        && !b.truncated()) return new PickleValue.Str(a.s() + b.s(), false);
    if (q.equals("builtins.str.join")
        && arg(args, 0) instanceof PickleValue.Str sep
        && !sep.truncated()) {
      PickleValue parts = arg(args, 1);
      List<PickleValue> items =
          parts instanceof PickleValue.Tuple t
              ? t.items()
              : parts instanceof PickleValue.Container c && c.kind.equals("list") ? c.items : null;
      if (items == null) return null;
      StringBuilder b = new StringBuilder();
      for (int i = 0; i < items.size(); i++) {
        if (!(items.get(i) instanceof PickleValue.Str p) || p.truncated()) return null;
        if (i > 0) b.append(sep.s());
        b.append(p.s());
      }
      return new PickleValue.Str(b.toString(), false);
    }
    return null;
  }

  private static boolean isCodecsEncode(PickleValue.Global g) {
    return g.module().equals("_codecs") && g.name().equals("encode");
  }

  /**
   * A BINUNICODE string; kept whole (up to the buffer limit) when it is the text that
   * _codecs.encode turns into the bytes given to torch.storage._load_from_bytes.
   */
  private PickleValue unicode(long n) throws IOException {
    if (sp - 2 >= fence()
        && stack[sp - 1] instanceof PickleValue.Global enc
        && isCodecsEncode(enc)
        && stack[sp - 2] instanceof PickleValue.Global load
        && isLoadFromBytes(load)
        && n <= ctx.limits().maxBufferedBytes()
        && depth < MAX_EMBEDDED_DEPTH) {
      long at = in.position();
      PickleValue.Str text = new PickleValue.Str(in.readKeep(n, (int) n), true, false);
      embeddedText.put(text, at);
      return text;
    }
    return str(in.readKeep(n, PickleInput.KEEP_BYTES), n, true);
  }

  private final IdentityHashMap<PickleValue, Long> embeddedText = new IdentityHashMap<>(4);

  private void judgeCall(
      String opcode, PickleValue fn, PickleValue args, long off, PickleValue.Obj result) {
    if (!(fn instanceof PickleValue.Global g)) {
      String built = builtCallables.get(fn);
      if (built != null) {
        // a getter, method caller or bound method is harmless until this call runs it
        ctx.report(
            ScanRule.PICKLE_GADGET,
            off,
            member,
            chain(opcode, fn, args, null),
            opcode + " calls " + built + " with " + render(args, 2) + mode.note());
        return;
      }
      if (opcode.startsWith("NEWOBJ") && fn instanceof PickleValue.Unknown u) {
        // object.__new__ of a class supplied by the loader's persistent_load: reconstruction
        if (ctx.policy() == ScanPolicy.STRICT)
          ctx.report(
              ScanRule.PICKLE_UNKNOWN_CLASS,
              Level.MEDIUM,
              off,
              member,
              chain(opcode, fn, args, null),
              "an object of a class from a persistent id is rebuilt" + mode.note());
        return;
      }
      if (fn instanceof PickleValue.Obj || fn instanceof PickleValue.Unknown)
        ctx.report(
            ScanRule.PICKLE_UNRESOLVED_CALL,
            off,
            member,
            chain(opcode, fn, args, null),
            opcode
                + " calls a value that cannot be resolved statically: "
                + render(fn, 3)
                + mode.note());
      return;
    }
    Callables.Verdict v = verdict(g);
    if (mode.speculative()
        && !g.module().startsWith("<")
        && !(isIdentifierPath(g.module()) && isIdentifierPath(g.name()))) return;
    if (g.module().equals("<extension>") || g.module().equals("<dynamic>")) {
      ctx.report(
          ScanRule.PICKLE_UNRESOLVED_CALL,
          off,
          member,
          chain(opcode, fn, args, g),
          opcode + " calls " + g.how() + ", which is not registered in this stream" + mode.note());
      return;
    }
    if (opcode.startsWith("NEWOBJ")) {
      rebuild(g, v, opcode, args, off, fn);
      return;
    }
    if (isTypeSubscript(opcode, g, args)) {
      if (result != null) typeForms.put(result, Boolean.TRUE);
      return;
    }
    if (v.kind() == Kind.SAFE_CALL || v.kind() == Kind.REBUILD_ONLY) {
      long asked = Allocations.excess(g.qualified(), args);
      if (asked > 0)
        ctx.report(
            ScanRule.PICKLE_RESOURCE,
            off,
            member,
            chain(opcode, fn, args, g),
            opcode
                + " calls "
                + g.qualified()
                + " asking for "
                + (asked == Long.MAX_VALUE ? "more than 2**63" : String.valueOf(asked))
                + " elements, above the allocation limit of 2**32: loading exhausts memory"
                + mode.note());
    }
    switch (v.kind()) {
      case DANGEROUS -> {
        pendingDanger.remove(g);
        if (isLoadFromBytes(g) && embeddedTorchSave(arg(args, 0), off)) return;
        if (isTypeOfValue(g, args)) return;
        if (isPartial(g)
            && args instanceof PickleValue.Tuple t
            && t.items().size() == 1
            && isAllowlistedValue(t.items().get(0))) {
          // partial(fn) of an allowlisted function stores it; the BUILD state is checked too
          partials.put(result, Boolean.TRUE);
          return;
        }
        String built = result == null ? null : builtCallable(opcode, g, args);
        if (built != null) {
          builtCallables.put(result, built + " built at " + off);
          return;
        }
        ctx.report(
            v.rule(),
            off,
            member,
            chain(opcode, fn, args, g),
            opcode
                + " calls "
                + g.qualified()
                + (v.rule() == ScanRule.TORCH_FX_CODE
                    ? ": torch.fx rebuilds the GraphModule by exec'ing the Python source stored in"
                        + " the file, as every pickled GraphModule does; a crafted one runs any"
                        + " code, so trust it only as far as its producer"
                    : "")
                + mode.note());
      }
      case SAFE_CALL -> {
        List<List<String>> shapes = v.entry().shapes();
        if (shapes != null) judgeShape(opcode, g, shapes, args, off, fn);
      }
      case CYTHON_UNPICKLE -> judgeShape(opcode, g, CYTHON_SHAPE, args, off, fn);
      case RECONSTRUCTOR -> {
        PickleValue cls = arg(args, 0);
        PickleValue base = arg(args, 1);
        if (base instanceof PickleValue.Global bg) {
          Callables.Verdict bv = verdict(bg);
          if (bv.kind() == Kind.DANGEROUS) {
            pendingDanger.remove(bg);
            ctx.report(
                bv.rule(),
                off,
                member,
                chain(opcode, fn, args, bg),
                "copyreg._reconstructor calls "
                    + bg.qualified()
                    + ".__new__/__init__"
                    + mode.note());
          } else if (bv.kind() == Kind.UNKNOWN)
            ctx.report(
                ScanRule.PICKLE_UNKNOWN_CALL,
                off,
                member,
                chain(opcode, fn, args, bg),
                "copyreg._reconstructor uses "
                    + bg.qualified()
                    + " as base type: its __init__ runs with file data"
                    + mode.note());
        }
        if (cls instanceof PickleValue.Global cg && !harmlessInMemory(cg, verdict(cg)))
          rebuild(cg, verdict(cg), opcode, args, off, fn);
      }
      case NEWOBJ_HELPER -> {
        PickleValue cls = arg(args, 0);
        if (cls instanceof PickleValue.Global cg) rebuild(cg, verdict(cg), opcode, args, off, fn);
      }
      case FORWARDER -> {
        PickleValue inner = arg(args, 0);
        if (inner instanceof PickleValue.Global ig)
          judgeCall("REDUCE", ig, arg(args, 2), off, result);
        else if (inner != null) judgeCall("REDUCE", inner, arg(args, 2), off, result);
      }
      case EXTENSION_REGISTRY -> {
        ctx.report(
            v.rule(),
            off,
            member,
            chain(opcode, fn, args, g),
            "copyreg.add_extension changes what EXT opcodes load" + mode.note());
        PickleValue m = arg(args, 0);
        PickleValue n = arg(args, 1);
        PickleValue c = arg(args, 2);
        if (m instanceof PickleValue.Str ms
            && n instanceof PickleValue.Str ns
            && c instanceof PickleValue.Int ci)
          extensions.put(
              ci.v(),
              new PickleValue.Global(ms.s(), ns.s(), "copyreg.add_extension at " + off, off));
      }
      case UNKNOWN, REBUILD_ONLY -> {
        if (mode.speculative() && !(isIdentifierPath(g.module()) && isIdentifierPath(g.name())))
          return;
        if (result != null && isFlagArithmetic(opcode, g, args)) {
          flagValues.put(result, Boolean.TRUE);
          return;
        }
        unknownCall(
            opcode,
            fn,
            args,
            g,
            off,
            v.kind() == Kind.REBUILD_ONLY
                ? ", which the allowlist lets be rebuilt but not called"
                : ", which is not in the allowlist");
      }
    }
  }

  /**
   * A bytes value; kept whole (up to the buffer limit) when it is the argument of
   * torch.storage._load_from_bytes, which is how pickle.dumps and joblib.dump write a tensor's
   * storage: a legacy torch.save stream that torch.load reads back.
   */
  private PickleValue bytes(long n) throws IOException {
    if (n < 0) throw err("BINBYTES pickle has negative byte count");
    if (sp > fence()
        && stack[sp - 1] instanceof PickleValue.Global g
        && isLoadFromBytes(g)
        && n <= ctx.limits().maxBufferedBytes()
        && depth < MAX_EMBEDDED_DEPTH) {
      long at = in.position();
      PickleValue.Bytes b = new PickleValue.Bytes(n);
      embedded.put(b, new Embedded(in.readKeep(n, (int) n), at));
      return b;
    }
    in.skip(n);
    return new PickleValue.Bytes(n);
  }

  private record Embedded(byte[] data, long offset) {}

  private static final int MAX_EMBEDDED_DEPTH = 2;
  private final IdentityHashMap<PickleValue, Embedded> embedded = new IdentityHashMap<>(4);

  private static boolean isLoadFromBytes(PickleValue.Global g) {
    return g.module().equals("torch.storage") && g.name().equals("_load_from_bytes");
  }

  /**
   * Scans the bytes given to torch.storage._load_from_bytes as the legacy torch.save stream they
   * must be; true when they are one (its pickles are then judged like any other), false when they
   * are anything else, which stays a nested load.
   */
  private boolean embeddedTorchSave(PickleValue arg, long off) {
    Embedded e = arg == null ? null : embedded.remove(arg);
    if (e == null) return false;
    String where = member.isEmpty() ? "@" + e.offset() : member + "@" + e.offset();
    try {
      PickleScanner.Result r =
          PickleScanner.scan(
              ctx,
              dev.mlsec.scan.io.Blob.of(e.data()).stream(0, e.data().length),
              e.data().length,
              where,
              false,
              false,
              " (tensor bytes given to torch.storage._load_from_bytes at " + off + ")",
              depth + 1,
              false);
      return r.legacyTorch() && !r.error();
    } catch (IOException ex) {
      return false;
    }
  }

  /** A Cython reconstructor's arguments: the class, the layout checksum, the state. */
  private static final List<List<String>> CYTHON_SHAPE =
      List.of(List.of("class", "int", "value"), List.of("class", "int"));

  /**
   * builtins.getattr(owner, 'name') where owner is an allowlisted class (or an object rebuilt from
   * one) and owner.name is allowlisted too: the attribute itself, as protocols below 4 write bound
   * methods and classmethods. Null when the call is anything else.
   */
  private PickleValue.Global attributeOf(
      String opcode, PickleValue fn, PickleValue args, long off) {
    PickleValue.Str attr = getattrName(opcode, fn, args);
    if (attr == null) return null;
    PickleValue.Global g = (PickleValue.Global) fn;
    PickleValue owner = arg(args, 0);
    // an instance: its class, also when a copyreg helper rebuilt it (protocols 0 and 1)
    if (owner instanceof PickleValue.Obj o && classOf(o) != null) owner = classOf(o);
    // a bound method of a list or dict value (matplotlib pickles figure.legends.remove)
    if (owner instanceof PickleValue.Container c
        && (c.kind().equals("list") || c.kind().equals("dict")))
      owner = new PickleValue.Global("builtins", c.kind(), "a " + c.kind() + " value", off);
    if (!(owner instanceof PickleValue.Global og)) return null;
    Callables.Verdict ov = verdict(og);
    if (ov.entry() == null) return null;
    // a member of an allowlisted enum (Python 3.11+ pickles it as getattr(Enum, 'NAME')): a value
    boolean member =
        ov.entry().family().equals("stdlib-enum") && ENUM_MEMBER.matcher(attr.s()).matches();
    if (!member) {
      Callables.Verdict av = Callables.classify(og.module(), og.name() + "." + attr.s());
      if (av.entry() == null || !av.entry().name().equals(og.qualified() + "." + attr.s()))
        return null;
    }
    pendingDanger.remove(g);
    return new PickleValue.Global(
        og.module(),
        og.name() + "." + attr.s(),
        "getattr(" + og.qualified() + ", '" + attr.s() + "') at " + off,
        off);
  }

  /** The name of a {@code builtins.getattr(owner, 'name')} REDUCE (one identifier), or null. */
  private static PickleValue.Str getattrName(String opcode, PickleValue fn, PickleValue args) {
    if (!opcode.equals("REDUCE")
        || !(fn instanceof PickleValue.Global g)
        || !g.qualified().equals("builtins.getattr")
        || !(args instanceof PickleValue.Tuple t)
        || t.size() != 2
        || t.items().size() != 2
        || !(t.items().get(1) instanceof PickleValue.Str attr)
        || attr.truncated()
        || !isIdentifierPath(attr.s())
        || attr.s().contains(".")) return null;
    return attr;
  }

  // enum member names as the stdlib spells them; methods and private names are not members
  private static final java.util.regex.Pattern ENUM_MEMBER =
      java.util.regex.Pattern.compile("[A-Z][A-Z0-9_]*");

  /** Judges a call of an allowlisted callable against the argument shapes it may take. */
  private void judgeShape(
      String opcode,
      PickleValue.Global g,
      List<List<String>> shapes,
      PickleValue args,
      long off,
      PickleValue fn) {
    List<PickleValue> items =
        args instanceof PickleValue.Tuple t && t.size() == t.items().size() ? t.items() : null;
    if (items != null)
      for (List<String> shape : shapes) {
        if (!fits(shape, items)) continue;
        for (int i = 0; i < shape.size(); i++) {
          String k = shape.get(i);
          if (!(items.get(i) instanceof PickleValue.Global a)) continue;
          Callables.Verdict av = verdict(a);
          if (k.equals("class") && !(isNumpyReconstruct(g) && harmlessInMemory(a, av)))
            rebuild(a, av, opcode, args, off, fn);
          else if (k.equals("fn") && av.kind() != Kind.SAFE_CALL) {
            if (av.kind() == Kind.DANGEROUS) pendingDanger.remove(a);
            ctx.report(
                av.kind() == Kind.DANGEROUS ? av.rule() : ScanRule.PICKLE_UNKNOWN_CALL,
                off,
                member,
                chain(opcode, fn, args, a),
                g.qualified()
                    + " calls its argument "
                    + a.qualified()
                    + ", which is not an allowlisted callable"
                    + mode.note());
          }
        }
        return;
      }
    if (mode.speculative()) return;
    StringBuilder allowed = new StringBuilder();
    for (List<String> s : shapes) {
      if (allowed.length() > 0) allowed.append(" or ");
      allowed.append('(').append(String.join(", ", s)).append(')');
    }
    unknownCall(
        opcode,
        fn,
        args,
        g,
        off,
        kinds(items, args) + ", a shape the allowlist does not have: it allows " + allowed);
  }

  private void unknownCall(
      String opcode,
      PickleValue fn,
      PickleValue args,
      PickleValue.Global g,
      long off,
      String what) {
    ctx.report(
        ScanRule.PICKLE_UNKNOWN_CALL,
        off,
        member,
        chain(opcode, fn, args, g),
        opcode + " calls " + g.qualified() + what + mode.note());
  }

  private static boolean fits(List<String> shape, List<PickleValue> items) {
    if (shape.size() != items.size()) return false;
    for (int i = 0; i < shape.size(); i++) {
      String want = shape.get(i);
      String have = kind(items.get(i));
      boolean ok =
          want.equals(have)
              || want.equals("value")
              || (want.equals("int") || want.equals("bool"))
                  && (have.equals("int") || have.equals("bool"))
              || (want.equals("class") || want.equals("fn")) && have.equals("global");
      if (!ok) return false;
    }
    return true;
  }

  /** The argument kind names of the generator's record (tools/allowlist/pickle_record.py). */
  static String kind(PickleValue v) {
    if (v instanceof PickleValue.Str) return "str";
    if (v instanceof PickleValue.Bytes) return "bytes";
    if (v instanceof PickleValue.Int) return "int";
    if (v == PickleValue.NONE) return "none";
    if (v == PickleValue.TRUE || v == PickleValue.FALSE) return "bool";
    if (v instanceof PickleValue.Atom) return "float";
    if (v instanceof PickleValue.Tuple) return "tuple";
    if (v instanceof PickleValue.Container c) return c.kind;
    if (v instanceof PickleValue.Global) return "global";
    if (v instanceof PickleValue.Obj) return "obj";
    if (v instanceof PickleValue.Unknown u && u.why().equals("persistent id")) return "pid";
    return "value";
  }

  private static String kinds(List<PickleValue> items, PickleValue args) {
    if (items == null) return "(*" + kind(args) + ")";
    StringBuilder b = new StringBuilder("(");
    for (int i = 0; i < items.size(); i++) {
      if (i > 0) b.append(", ");
      b.append(kind(items.get(i)));
    }
    return b.append(')').toString();
  }

  private void rebuild(
      PickleValue.Global cls,
      Callables.Verdict v,
      String opcode,
      PickleValue args,
      long off,
      PickleValue fn) {
    switch (v.kind()) {
      case DANGEROUS -> {
        pendingDanger.remove(cls);
        ctx.report(
            v.rule(),
            off,
            member,
            chain(opcode, fn, args, cls),
            "an object of " + cls.qualified() + " is created" + mode.note());
      }
      case UNKNOWN -> {
        if (mode.speculative()) return;
        boolean strict = ctx.policy() == ScanPolicy.STRICT;
        ctx.report(
            ScanRule.PICKLE_UNKNOWN_CLASS,
            strict ? Level.MEDIUM : Level.INFO,
            off,
            member,
            chain(opcode, fn, args, cls),
            "an object of "
                + cls.qualified()
                + " (not in the allowlist) is rebuilt by the standard protocol"
                + mode.note());
      }
      default -> {}
    }
  }

  /**
   * A class rebuilt by a reconstructor that calls no constructor of its own (ndarray.__new__ by
   * numpy's _reconstruct, copyreg's base-type __new__): numpy.memmap is then an array in memory,
   * although calling it opens a file.
   */
  private static boolean harmlessInMemory(PickleValue.Global cls, Callables.Verdict v) {
    return v.kind() == Kind.DANGEROUS && Callables.dangerousOnlyWhenCalled(cls.qualified());
  }

  /** numpy's _reconstruct: ndarray.__new__(subtype, shape, dtype), no constructor of subtype. */
  private static boolean isNumpyReconstruct(PickleValue.Global g) {
    return g.name().equals("_reconstruct")
        && (g.module().equals("numpy.core.multiarray")
            || g.module().equals("numpy._core.multiarray"));
  }

  private static PickleValue arg(PickleValue args, int i) {
    if (args instanceof PickleValue.Tuple t && i < t.items().size()) return t.items().get(i);
    return null;
  }

  private PickleValue.Container mutate(String opcode, PickleValue target, long off)
      throws PickleError {
    // an exact class test, not instanceof: C2 compiles an instanceof for the classes it saw there
    // and recompiles the whole loop when another arrives
    if (target != null && target.getClass() == PickleValue.Container.class)
      return (PickleValue.Container) target;
    if (target instanceof PickleValue.Global g) {
      pendingDanger.remove(g);
      ctx.report(
          ScanRule.PICKLE_GLOBAL_MUTATION,
          off,
          member,
          List.of(opcode + " on " + g.qualified(), g.how()),
          opcode + " changes the global object " + g.qualified() + mode.note());
    }
    // on instances CPython calls their append/extend/__setitem__: the class was judged already
    return new PickleValue.Container("scratch");
  }

  private void build(PickleValue target, PickleValue state, long off) throws IOException {
    if (target instanceof PickleValue.Global g) {
      pendingDanger.remove(g);
      ctx.report(
          ScanRule.PICKLE_GLOBAL_MUTATION,
          off,
          member,
          List.of("BUILD on " + g.qualified() + " with " + render(state, 3), g.how()),
          "BUILD sets attributes of the global object " + g.qualified() + mode.note());
      return;
    }
    if (target instanceof PickleValue.Obj o) {
      o.state = state;
      if (partials.remove(o) != null) judgePartialState(state, off);
      judgeCodeState(o, state, off);
      PickleValue.Global cls = classOf(o);
      if (cls != null && isCompanionWrapper(cls)) judgeCompanion(o, cls, state, off);
      // protocols 0 and 1 rebuild the record through copyreg._reconstructor, 2+ with NEWOBJ
      if (mode.joblib() && cls != null && isArrayWrapper(cls)) readJoblibArray(state, off);
    }
  }

  /**
   * State fields that the class's __setstate__ executes (scipy's argument-parser template) or
   * evaluates (a statsmodels formula re-run through patsy): safe only as the library writes them.
   */
  private void judgeCodeState(PickleValue.Obj o, PickleValue state, long off) {
    PickleValue d = state;
    // (dict, slotstate) as __reduce_ex__ writes objects with __slots__
    if (d instanceof PickleValue.Tuple t && t.items().size() == 2) d = t.items().get(0);
    if (!(d instanceof PickleValue.Container c) || c.codeFields == null) return;
    CodeState.Finding f = CodeState.judge(c.codeFields);
    if (f == null) return;
    PickleValue.Global cls = classOf(o);
    String who = cls == null ? "an object" : cls.qualified();
    ctx.report(
        ScanRule.PICKLE_EVAL,
        off,
        member,
        List.of("BUILD on " + who + " with " + f.field() + "=" + abbreviate(f.value())),
        "the state field "
            + f.field()
            + " of "
            + who
            + ", which its __setstate__ executes or evaluates, "
            + f.why()
            + mode.note());
  }

  // ---- values that are callables, harmless unless called while loading ----

  // operator getters, method callers and bound methods built from constants, with what they are:
  // calling one (REDUCE, OBJ, NEWOBJ with it as the callable) is pickle.gadget
  private final IdentityHashMap<PickleValue, String> builtCallables = new IdentityHashMap<>(4);

  private static final Set<String> GETTERS = operators("attrgetter", "itemgetter", "methodcaller");

  /** The names under both spellings of the module ({@code operator.x}, {@code _operator.x}). */
  private static Set<String> operators(String... names) {
    Set<String> out = new java.util.HashSet<>();
    for (String n : names) {
      out.add("operator." + n);
      out.add("_operator." + n);
    }
    return Set.copyOf(out);
  }

  /**
   * attrgetter('a.b'), itemgetter(k, ...) and methodcaller('name', args...) of constants store what
   * they will fetch or call and do nothing until called: a description of the object, or null when
   * the call is anything else (a name that reaches something denied or a dunder stays a gadget,
   * called or not).
   */
  private static String builtCallable(String opcode, PickleValue.Global g, PickleValue args) {
    String q = g.qualified();
    if (!opcode.equals("REDUCE")
        || !GETTERS.contains(q)
        || !(args instanceof PickleValue.Tuple t)
        || t.size() != t.items().size()
        || t.items().isEmpty()) return null;
    boolean item = q.endsWith("itemgetter");
    boolean method = q.endsWith("methodcaller");
    for (int i = 0; i < t.items().size(); i++) {
      PickleValue a = t.items().get(i);
      if (item || i > 0 && method) {
        if (!isConstant(a, 0)) return null;
      } else if (!(a instanceof PickleValue.Str s)
          || s.truncated()
          || !isIdentifierPath(s.s())
          || method && s.s().contains(".")
          || Callables.dangerousAttribute(s.s())) return null;
    }
    return "the " + q + render(args, 2) + " object";
  }

  /** A str, bytes, number, None/bool or a tuple of these: what a getter may be given. */
  private static boolean isConstant(PickleValue v, int depth) {
    if (v instanceof PickleValue.Tuple t)
      return depth < 4
          && t.size() == t.items().size()
          && t.items().stream().allMatch(x -> isConstant(x, depth + 1));
    return v instanceof PickleValue.Str
        || v instanceof PickleValue.Bytes
        || v instanceof PickleValue.Int
        || v instanceof PickleValue.Atom;
  }

  /**
   * builtins.getattr(obj, 'name') where obj is an object of an allowlisted class: a bound method
   * (or attribute) stored as a value, judged when it is called; a name that is no plain attribute
   * of the class ({@link ClassAttributes}: a property, or not a method of a class with a lookup
   * hook) is pickle.unknown-call, since fetching it runs code. A private name is a bound method
   * only when the generator recorded it as a plain method of the class (scipy's qmc engines keep
   * getattr(self, '_hypersphere_volume_sample')), and the same name fetched from the allowlisted
   * class itself is that function as a value; other private names, dunders and names that reach
   * something denied stay pickle.import. Null when the call is anything else.
   */
  private PickleValue boundMethod(String opcode, PickleValue fn, PickleValue args, long off) {
    PickleValue.Str attr = getattrName(opcode, fn, args);
    if (attr == null
        || !(fn instanceof PickleValue.Global g)
        || Callables.dangerousAttribute(attr.s())) return null;
    // getattr(cls, '_name') of an allowlisted class: the function itself, when recorded as a
    // private plain method (torch's SWALR state keeps getattr(SWALR, '_cosine_anneal'))
    if (arg(args, 0) instanceof PickleValue.Global owner
        && attr.s().startsWith("_")
        && verdict(owner).entry() != null
        && ClassAttributes.privateMethod(owner.qualified(), attr.s())) {
      pendingDanger.remove(g);
      PickleValue.Obj result = new PickleValue.Obj(fn, args, false, off);
      builtCallables.put(
          result,
          "the function " + owner.qualified() + "." + attr.s() + " (getattr at " + off + ")");
      return result;
    }
    if (!(arg(args, 0) instanceof PickleValue.Obj o)) return null;
    PickleValue.Global cls = classOf(o);
    if (cls == null || verdict(cls).entry() == null || builtCallables.containsKey(o)) return null;
    if (attr.s().startsWith("_") && !ClassAttributes.privateMethod(cls.qualified(), attr.s()))
      return null;
    pendingDanger.remove(g);
    PickleValue.Obj result = new PickleValue.Obj(fn, args, false, off);
    // a property (or a lookup hook) runs the library's code as the file loads, called or not
    // (a private name got here only as a recorded plain method)
    if (!attr.s().startsWith("_") && !ClassAttributes.plain(cls.qualified(), attr.s()))
      ctx.report(
          ScanRule.PICKLE_UNKNOWN_CALL,
          off,
          member,
          List.of("getattr(" + cls.qualified() + " object, '" + attr.s() + "') at " + off),
          "getattr("
              + cls.qualified()
              + " object, '"
              + attr.s()
              + "') is not a known method: "
              + ClassAttributes.why(cls.qualified(), attr.s())
              + " while the file loads (a pickled bound method names a method)"
              + mode.note());
    builtCallables.put(
        result,
        "the bound method " + cls.qualified() + "." + attr.s() + " (getattr at " + off + ")");
    return result;
  }

  // results of or_/and_/xor of enum members (re.IGNORECASE | re.DOTALL): int flag values
  private final IdentityHashMap<PickleValue, Boolean> flagValues = new IdentityHashMap<>(4);

  private static final Set<String> FLAG_OPS = operators("or_", "and_", "xor");

  /**
   * Python 3.11 pickles a union of flags (re.IGNORECASE | re.DOTALL) as _operator.or_ of the
   * members: integer arithmetic on allowlisted stdlib enum members, ints or such results.
   */
  private boolean isFlagArithmetic(String opcode, PickleValue.Global g, PickleValue args) {
    if (!opcode.equals("REDUCE")
        || !FLAG_OPS.contains(g.qualified())
        || !(args instanceof PickleValue.Tuple t)
        || t.size() != 2
        || t.items().size() != 2) return false;
    for (PickleValue a : t.items())
      if (!(a instanceof PickleValue.Int || flagValues.containsKey(a) || isStdlibEnumMember(a)))
        return false;
    return true;
  }

  private boolean isStdlibEnumMember(PickleValue v) {
    if (!(v instanceof PickleValue.Global m)) return false;
    var entry = verdict(m).entry();
    return entry != null && entry.family().equals("stdlib-enum");
  }

  // functools.partial objects of allowlisted functions whose BUILD state is still to come
  private final IdentityHashMap<PickleValue, Boolean> partials = new IdentityHashMap<>(4);

  /**
   * builtins.type(x) with one argument returns the type of a value: how pickle writes NoneType
   * (builtins.type(None)). Three arguments make a class and stay denied.
   */
  private static boolean isTypeOfValue(PickleValue.Global g, PickleValue args) {
    return g.qualified().equals("builtins.type")
        && args instanceof PickleValue.Tuple t
        && t.size() == 1
        && t.items().size() == 1
        && !(t.items().get(0) instanceof PickleValue.Global);
  }

  // results of accepted type subscripts (List[int]), usable as arguments of further subscripts
  private final IdentityHashMap<PickleValue, Boolean> typeForms = new IdentityHashMap<>(4);

  /**
   * Builtin and collections classes whose subscript (dict[str, int]) makes a GenericAlias: the
   * builtin and {@code collections} classes of PEP 585's list, each of which CPython 3.9+ gives
   * {@code __class_getitem__ = classmethod(GenericAlias)} (Objects/listobject.c, dictobject.c,
   * tupleobject.c, setobject.c for set and frozenset, typeobject.c for type; Lib/collections and
   * Modules/_collectionsmodule.c for OrderedDict, defaultdict, deque, Counter, ChainMap), so
   * building the alias stores its arguments and calls nothing. collections.abc is matched by rule
   * in {@link #isTypeForm}; PEP 585's contextlib and re classes are left out (no pickle of the
   * stack subscripts them). Not derived like typing-forms.tsv because the allowlist record has no
   * types.GenericAlias call: make_stack.py's typing_values subscripts only typing's names, so the
   * record cannot say which classes these are until a step pickles {@code cls[int]} for them.
   */
  private static final Set<String> GENERIC_CLASSES =
      Set.of(
          "builtins.list",
          "builtins.dict",
          "builtins.tuple",
          "builtins.set",
          "builtins.frozenset",
          "builtins.type",
          "collections.OrderedDict",
          "collections.defaultdict",
          "collections.deque",
          "collections.Counter",
          "collections.ChainMap");

  private static boolean isTypeForm(PickleValue.Global g) {
    String m = g.module();
    String n = g.name();
    if (n.contains(".")) return false; // typing.sys.modules is a dict, not a form
    return ((m.equals("typing") || m.equals("typing_extensions")) && TypingForms.contains(n))
        || ((m.equals("collections.abc") || m.equals("_collections_abc"))
            && !n.isEmpty()
            && Character.isUpperCase(n.charAt(0))
            && !n.contains("_"))
        || GENERIC_CLASSES.contains(g.qualified());
  }

  /**
   * operator.getitem(form, types) with form a typing special form or a builtin/collections.abc
   * class (how pickle writes List[int], Optional[str], Dict[str, float]) and
   * types.GenericAlias(class, types) (list[int]): building the alias only stores the arguments
   * (typing checks them with callable() and wraps strings in ForwardRef, which compiles and never
   * evaluates). The arguments must themselves be types: allowlisted classes, forms, accepted
   * aliases, None, literals, or tuples and lists of these; operator.getitem on anything else (e.g.
   * sys.modules) is judged as before.
   */
  private boolean isTypeSubscript(String opcode, PickleValue.Global g, PickleValue args) {
    if (!opcode.equals("REDUCE")) return false;
    String q = g.qualified();
    boolean getitem = q.equals("operator.getitem") || q.equals("_operator.getitem");
    if (!getitem && !q.equals("types.GenericAlias")) return false;
    if (!(args instanceof PickleValue.Tuple t) || t.size() != 2 || t.items().size() != 2)
      return false;
    if (!(t.items().get(0) instanceof PickleValue.Global form)) return false;
    if (getitem ? !isTypeForm(form) : !(isTypeForm(form) && !form.module().startsWith("typing")))
      return false;
    return isTypeArgument(t.items().get(1), 0);
  }

  private boolean isTypeArgument(PickleValue v, int depth) {
    if (depth > 8) return false;
    if (v == PickleValue.NONE || v instanceof PickleValue.Int) return true;
    if (v instanceof PickleValue.Str s) return !s.truncated();
    if (v instanceof PickleValue.Global g) {
      if (g.qualified().equals("builtins.Ellipsis")) return true;
      if (isTypeForm(g)) return true;
      Callables.Verdict gv = verdict(g);
      return gv.entry() != null && (gv.kind() == Kind.SAFE_CALL || gv.kind() == Kind.REBUILD_ONLY);
    }
    if (v instanceof PickleValue.Obj) return typeForms.containsKey(v) || isNoneType(v);
    List<PickleValue> items;
    if (v instanceof PickleValue.Tuple t && t.items().size() == t.size()) items = t.items();
    else if (v instanceof PickleValue.Container c
        && c.kind().equals("list")
        && c.items().size() == c.size) items = c.items();
    else return false;
    for (PickleValue i : items) if (!isTypeArgument(i, depth + 1)) return false;
    return true;
  }

  /** builtins.type(None): NoneType, as Optional[str] pickles it. */
  private static boolean isNoneType(PickleValue v) {
    return v instanceof PickleValue.Obj o
        && o.callee() instanceof PickleValue.Global cg
        && cg.qualified().equals("builtins.type")
        && o.args() instanceof PickleValue.Tuple t
        && t.items().size() == 1
        && t.items().get(0) == PickleValue.NONE;
  }

  private static boolean isPartial(PickleValue.Global g) {
    String q = g.qualified();
    return q.equals("functools.partial") || q.equals("_functools.partial");
  }

  /** A global with an allowlist entry (a function or class referenced as a value). */
  private boolean isAllowlistedValue(PickleValue v) {
    if (!(v instanceof PickleValue.Global a)) return false;
    Callables.Verdict av = verdict(a);
    return av.entry() != null && (av.kind() == Kind.SAFE_CALL || av.kind() == Kind.REBUILD_ONLY);
  }

  /**
   * partial.__setstate__((func, args, keywords, dict)) replaces the function: it must be an
   * allowlisted one too, else the partial is the gadget it looks like.
   */
  private void judgePartialState(PickleValue state, long off) {
    PickleValue fn = state instanceof PickleValue.Tuple t ? arg(t, 0) : null;
    if (isAllowlistedValue(fn)) return;
    ctx.report(
        ScanRule.PICKLE_GADGET,
        off,
        member,
        List.of("BUILD on functools.partial with " + render(state, 3)),
        "the state of a functools.partial sets its function to "
            + render(fn, 2)
            + ", which is not an allowlisted function"
            + mode.note());
  }

  /** The class of an object: the callee, or the class a copyreg helper was handed. */
  private PickleValue.Global classOf(PickleValue.Obj o) {
    if (!(o.callee instanceof PickleValue.Global g)) return null;
    Kind k = verdict(g).kind();
    if (k == Kind.RECONSTRUCTOR || k == Kind.NEWOBJ_HELPER)
      return arg(o.args, 0) instanceof PickleValue.Global c ? c : null;
    return g;
  }

  /** joblib's legacy array records (joblib < 0.10, multi-file dumps): the array is another file. */
  static boolean isCompanionWrapper(PickleValue.Global g) {
    return (g.name().equals("NDArrayWrapper") || g.name().equals("ZNDArrayWrapper"))
        && (g.module().endsWith("numpy_pickle") || g.module().endsWith("numpy_pickle_compat"));
  }

  /**
   * joblib's unpickler answers BUILD of a legacy record by loading {@code filename} joined to the
   * dump's directory ({@code np.load(..., allow_pickle=True)}, or a zlib file): a name that is
   * absolute or climbs out with '..' makes the load read (and unpickle) any file on the machine.
   */
  private void judgeCompanion(
      PickleValue.Obj o, PickleValue.Global cls, PickleValue state, long off) {
    PickleValue name = dict(state).get("filename");
    // NDArrayWrapper(filename, subclass) called directly keeps its filename through BUILD
    if (name == null && !o.rebuilt && o.callee == cls) name = arg(o.args, 0);
    String why = null;
    String shown;
    if (name instanceof PickleValue.Str s && !s.truncated()) {
      shown = "'" + abbreviate(s.s()) + "'";
      why = companionEscape(s.s());
    } else {
      shown = render(name, 2);
      why = "is not a name the scanner can read";
    }
    if (why == null) return;
    // NDArrayWrapper's file is np.load'ed with allow_pickle=True: a nested unpickle of a file the
    // pickle picks; ZNDArrayWrapper's is zlib data read into an array (a file read)
    boolean unpickles = cls.name().equals("NDArrayWrapper");
    ctx.report(
        ScanRule.JOBLIB_COMPANION_PATH,
        unpickles ? Level.CRITICAL : ScanRule.JOBLIB_COMPANION_PATH.level(),
        off,
        member,
        List.of("BUILD on " + cls.qualified() + " with filename " + shown, cls.how()),
        "the joblib array record "
            + cls.qualified()
            + " names the companion file "
            + shown
            + ", which "
            + why
            + (unpickles
                ? ": joblib loads and unpickles it from there (np.load with allow_pickle=True)"
                : ": joblib reads it from there")
            + mode.note());
  }

  /** Why a companion name leaves the dump's directory, or null when it stays inside. */
  static String companionEscape(String name) {
    if (name.startsWith("/") || name.startsWith("\\")) return "is an absolute path";
    if (name.length() >= 2 && name.charAt(1) == ':' && Character.isLetter(name.charAt(0)))
      return "is an absolute Windows path";
    for (String seg : name.split("[/\\\\]", -1))
      if (seg.equals("..")) return "climbs out of the dump's directory with '..'";
    if (name.indexOf('\0') >= 0) return "holds a NUL byte";
    return null;
  }

  static boolean isArrayWrapper(PickleValue.Global g) {
    return g.name().equals("NumpyArrayWrapper") && g.module().endsWith("numpy_pickle");
  }

  /** joblib writes the array right after the wrapper's BUILD: raw bytes, or a pickle if objects. */
  private void readJoblibArray(PickleValue state, long off) throws IOException {
    // joblib reads the array from the file handle, outside pickle framing
    frameEnd = -1;
    ctx.format(dev.mlsec.scan.FileFormat.JOBLIB);
    Map<String, PickleValue> st = dict(state);
    PickleValue dtype = st.get("dtype");
    PickleValue shape = st.get("shape");
    boolean mmap = st.get("allow_mmap") == PickleValue.TRUE;
    long count = 1;
    if (shape instanceof PickleValue.Tuple t && t.size() == t.items().size()) {
      for (PickleValue d : t.items()) {
        if (!(d instanceof PickleValue.Int i) || i.big() || i.v() < 0)
          throw err("joblib array record has an unreadable shape");
        count = Math.multiplyExact(count, i.v());
      }
    } else throw err("joblib array record has an unreadable shape");
    long item = -1;
    boolean objects = false;
    if (dtype instanceof PickleValue.Obj d && arg(d.args, 0) instanceof PickleValue.Str code) {
      String c = code.s();
      objects = c.startsWith("O") || c.startsWith("|O");
      item = itemSize(c);
      if (d.state instanceof PickleValue.Tuple dt && dt.items().size() >= 8) {
        if (dt.items().get(5) instanceof PickleValue.Int el && el.v() > 0) item = el.v();
        if (dt.items().get(7) instanceof PickleValue.Int fl && (fl.v() & 1) != 0) objects = true;
      }
    }
    if (mmap) {
      int pad = in.readByte();
      in.skip(pad);
    }
    if (objects) {
      if (depth >= 4) throw new dev.mlsec.scan.LimitReachedException("nested pickle depth limit");
      PickleMachine nested =
          new PickleMachine(
              ctx,
              in,
              member,
              new Mode(mode.speculative(), true, " (object array at " + off + ")" + mode.note()),
              extensions,
              depth + 1);
      End e = nested.run();
      if (e != End.STOP) throw err("object array pickle: " + nested.error());
      return;
    }
    if (item <= 0) throw err("joblib array record has an unknown dtype");
    in.skip(Math.multiplyExact(count, item));
  }

  /** Bytes per element of a numpy dtype string like "<f8", "U5", "V64"; -1 if unknown. */
  public static long itemSize(String code) {
    String c = code;
    if (!c.isEmpty() && "<>|=".indexOf(c.charAt(0)) >= 0) c = c.substring(1);
    if (c.isEmpty()) return -1;
    char k = c.charAt(0);
    String digits = c.substring(1);
    long n;
    try {
      n = digits.isEmpty() ? -1 : Long.parseLong(digits.replaceAll("\\[.*$", ""));
    } catch (NumberFormatException e) {
      return -1;
    }
    return switch (k) {
      case 'b', 'i', 'u', 'f', 'c', 'S', 'a', 'V', 'O' -> n > 0 ? n : (k == 'b' ? 1 : -1);
      case 'U' -> n > 0 ? 4 * n : -1;
      case 'M', 'm' -> 8;
      case '?' -> 1;
      default -> -1;
    };
  }

  private static Map<String, PickleValue> dict(PickleValue v) {
    Map<String, PickleValue> m = new HashMap<>();
    if (v instanceof PickleValue.Container c && c.kind.equals("dict")) {
      for (int i = 0; i + 1 < c.items.size(); i += 2)
        if (c.items.get(i) instanceof PickleValue.Str k) m.put(k.s(), c.items.get(i + 1));
    }
    return m;
  }

  private void flushDanger() {
    for (PickleValue.Global g : pendingDanger.keySet()) {
      Callables.Verdict v = verdict(g);
      ctx.report(
          v.rule() == null ? ScanRule.PICKLE_IMPORT : v.rule(),
          g.offset(),
          member,
          List.of(g.qualified(), g.how()),
          "the pickle resolves " + g.qualified() + " (known dangerous)" + mode.note());
    }
    pendingDanger.clear();
  }

  // ---- rendering ----

  private List<String> chain(
      String opcode, PickleValue fn, PickleValue args, PickleValue.Global g) {
    List<String> c = new ArrayList<>();
    c.add(render(fn, 3) + render(args instanceof PickleValue.Tuple ? args : null, 3, args));
    c.add(opcode);
    if (g != null) c.add(g.how());
    if (fn instanceof PickleValue.Obj o) c.add("callable is the result of " + render(o, 3));
    return c;
  }

  private static String render(PickleValue v, int depth, PickleValue raw) {
    if (v == null) return "(" + (raw == null ? "" : "*" + render(raw, depth)) + ")";
    return render(v, depth);
  }

  /** A short, bounded Python-like rendering of a value. */
  public static String render(PickleValue v, int depth) {
    String s = renderRaw(v, depth);
    return s.length() > 300 ? s.substring(0, 297) + "..." : s;
  }

  private static String renderRaw(PickleValue v, int depth) {
    if (v == null) return "?";
    if (depth < 0) return "...";
    if (v instanceof PickleValue.Str s)
      return "'" + abbreviate(s.s()) + (s.truncated() ? "..." : "") + "'";
    if (v instanceof PickleValue.Bytes b) return "<" + b.length() + " bytes>";
    if (v instanceof PickleValue.Int i) return i.big() ? "<big int>" : Long.toString(i.v());
    if (v instanceof PickleValue.Atom a) return a.text();
    if (v instanceof PickleValue.Tuple t) {
      StringBuilder b = new StringBuilder("(");
      for (int i = 0; i < t.items().size() && i < 6; i++) {
        if (i > 0) b.append(", ");
        b.append(renderRaw(t.items().get(i), depth - 1));
      }
      if (t.size() > 6) b.append(", ...");
      if (t.size() == 1) b.append(',');
      return b.append(')').toString();
    }
    if (v instanceof PickleValue.Container c) return c.kind + "[" + c.size + "]";
    if (v instanceof PickleValue.Global g) return g.qualified();
    if (v instanceof PickleValue.Obj o)
      return renderRaw(o.callee, depth - 1)
          + (o.args instanceof PickleValue.Tuple
              ? renderRaw(o.args, depth - 1)
              : "(*" + renderRaw(o.args, depth - 1) + ")");
    return "<" + ((PickleValue.Unknown) v).why() + ">";
  }

  static String abbreviate(String s) {
    String t = s.length() > 80 ? s.substring(0, 77) + "..." : s;
    StringBuilder b = new StringBuilder();
    for (char c : t.toCharArray())
      if (c < 0x20 || c == 0x7f) b.append(String.format("\\x%02x", (int) c));
      else b.append(c);
    return b.toString();
  }
}
