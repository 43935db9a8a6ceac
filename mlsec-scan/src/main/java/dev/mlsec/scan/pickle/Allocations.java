package dev.mlsec.scan.pickle;

import java.util.List;
import java.util.Map;

/**
 * Allow-listed constructors whose arguments size a buffer (bytearray(n), numpy's _reconstruct and
 * ndarray(shape)): a size above {@link #MAX_ELEMENTS} makes loading exhaust memory, so the call is
 * {@code pickle.resource-exhaustion} however safe the callable is. The limit is far above what a
 * pickle of real data asks for: numpy pickles pass {@code (0,)} and carry the real shape in the
 * BUILD state, whose data must match it.
 */
final class Allocations {
  private Allocations() {}

  /** Elements (bytes for bytearray/bytes) one allow-listed call may ask for: 2**32. */
  static final long MAX_ELEMENTS = 1L << 32;

  // callable -> position of the size or shape argument
  private static final Map<String, Integer> SIZED =
      Map.of(
          "builtins.bytearray", 0,
          "builtins.bytes", 0,
          "__builtin__.bytearray", 0,
          "numpy.core.multiarray._reconstruct", 1,
          "numpy._core.multiarray._reconstruct", 1,
          "numpy.ndarray", 0,
          "numpy.core.multiarray.ndarray", 0);

  /** The elements a call asks for when above the limit, else -1 (also when not a sized call). */
  static long excess(String qualified, PickleValue args) {
    Integer pos = SIZED.get(qualified);
    if (pos == null || !(args instanceof PickleValue.Tuple t) || t.items().size() <= pos) return -1;
    long n = elements(t.items().get(pos));
    return n > MAX_ELEMENTS ? n : -1;
  }

  /** The element count of a size or shape value; 0 when it is not one the scanner can read. */
  private static long elements(PickleValue v) {
    if (v instanceof PickleValue.Int i) return i.big() ? Long.MAX_VALUE : Math.max(0, i.v());
    if (v instanceof PickleValue.Tuple t) {
      List<PickleValue> items = t.items();
      if (items.size() < t.size()) return 0; // not all dimensions kept
      long n = 1;
      for (PickleValue d : items) {
        if (!(d instanceof PickleValue.Int i)) return 0;
        if (i.big()) return Long.MAX_VALUE;
        if (i.v() <= 0) return 0;
        if (n > Long.MAX_VALUE / i.v()) return Long.MAX_VALUE;
        n *= i.v();
      }
      return n;
    }
    return 0;
  }
}
