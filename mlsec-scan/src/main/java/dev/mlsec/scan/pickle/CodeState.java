package dev.mlsec.scan.pickle;

import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * BUILD state fields that an allowlisted class's {@code __setstate__} executes or evaluates. The
 * class is safe only with the state its library writes, so each field is checked against the values
 * the library itself produces; anything else is code chosen by the file.
 */
final class CodeState {
  private CodeState() {}

  /** The state keys whose values some allowlisted __setstate__ executes or evaluates. */
  static final Set<String> FIELDS = Set.of("_parse_arg_template", "restore_design_info", "formula");

  /** A field that runs code at load, with why (null when the state carries none). */
  record Finding(String field, String value, String why) {}

  private static final String ID = "[A-Za-z_][A-Za-z0-9_]*";

  /**
   * scipy's {@code parse_arg_template % dct} (stats/_distn_infrastructure.py, 1.x): the only text
   * {@code rv_generic.__setstate__} may {@code exec}. Shapes are identifiers; loc/scale are the
   * continuous ({@code loc=0, scale=1}) or discrete ({@code loc=0}) pair.
   */
  private static final Pattern SCIPY_TEMPLATE =
      Pattern.compile(
          "\\s*def _parse_args\\(self, (?<s>(?:"
              + ID
              + ", )*) (?<i>loc=0, scale=1|loc=0)\\):\\s*"
              + "return \\(\\k<s>\\), (?<o>loc, scale|loc, 1)\\s*"
              + "def _parse_args_rvs\\(self, \\k<s> \\k<i>, size=None\\):\\s*"
              + "return self\\._argcheck_rvs\\(\\k<s> \\k<o>, size=size\\)\\s*"
              + "def _parse_args_stats\\(self, \\k<s> \\k<i>, moments='mv'\\):\\s*"
              + "return \\(\\k<s>\\), \\k<o>, moments\\s*");

  /**
   * Callables a patsy formula may name: patsy's own stateful transforms and contrasts and numpy's
   * elementwise math. {@code I(...)} is Python evaluated by patsy, so its body is checked too.
   */
  private static final Set<String> FORMULA_CALLS =
      Set.of(
          "C",
          "I",
          "Q",
          "center",
          "standardize",
          "scale",
          "bs",
          "cr",
          "cc",
          "te",
          "Treatment",
          "Sum",
          "Diff",
          "Poly",
          "Helmert",
          "np.log",
          "np.log1p",
          "np.log2",
          "np.log10",
          "np.exp",
          "np.sqrt",
          "np.abs",
          "np.square",
          "numpy.log",
          "numpy.exp",
          "numpy.sqrt",
          "log",
          "exp");

  private static final Pattern FORMULA_TOKEN =
      Pattern.compile(
          "\\s+|(?<name>"
              + ID
              + "(?:\\."
              + ID
              + ")*)(?<call>\\s*\\()?|[0-9][0-9.eE]*|'[A-Za-z0-9_ .-]*'|\"[A-Za-z0-9_ .-]*\""
              + "|\\*\\*|[~+\\-*/:(),^%=]");

  private static final Set<String> PY_WORDS =
      Set.of("lambda", "import", "exec", "eval", "open", "compile", "getattr", "globals");

  /** The code-bearing field of a BUILD state, or null when the state is what the library wrote. */
  static Finding judge(Map<String, PickleValue> state) {
    PickleValue t = state.get("_parse_arg_template");
    if (t != null) {
      // rv_generic.__setstate__ -> _attach_methods -> exec(self._parse_arg_template)
      if (!(t instanceof PickleValue.Str s) || s.truncated())
        return new Finding(
            "_parse_arg_template", String.valueOf(t), "is not a string the scanner can read");
      if (!SCIPY_TEMPLATE.matcher(s.s()).matches())
        return new Finding(
            "_parse_arg_template", s.s(), "is not the argument parser scipy generates from shapes");
    }
    if (state.containsKey("restore_design_info")) {
      // statsmodels ModelData.__setstate__ -> patsy.dmatrices(d['formula']) evaluates the terms
      PickleValue f = state.get("formula");
      if (f == null) return null;
      if (!(f instanceof PickleValue.Str s) || s.truncated())
        return new Finding("formula", String.valueOf(f), "is not a string the scanner can read");
      String why = formulaProblem(s.s());
      if (why != null) return new Finding("formula", s.s(), why);
    }
    return null;
  }

  /** Why a patsy formula may run code, or null when it only names columns and known transforms. */
  static String formulaProblem(String f) {
    if (f.contains("__")) return "holds a dunder name";
    if (f.contains(":=")) return "assigns a name (:=)";
    Matcher m = FORMULA_TOKEN.matcher(f);
    int at = 0;
    while (at < f.length()) {
      m.region(at, f.length());
      if (!m.lookingAt())
        return "has '" + f.charAt(at) + "', which a formula of column terms has not";
      String name = m.group("name");
      if (name != null) {
        if (PY_WORDS.contains(name)) return "names " + name;
        if (m.group("call") != null && !FORMULA_CALLS.contains(name))
          return "calls " + name + ", which is not a patsy transform";
        if (m.group("call") == null && name.contains(".")) return "reaches the attribute " + name;
      }
      at = m.end();
    }
    return null;
  }
}
