package dev.mlsec.analysis;

import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelVariableResolver;
import dev.mlsec.catalog.Rule;
import dev.mlsec.catalog.Vocabulary;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * Evaluates one rule on one target under every answer to the unknown attributes it reads and under
 * the worst and best facts, and says whether the finding is open, absent or conditional.
 */
final class Evaluation {
  static final int MAX_COMBINATIONS = 4096;

  /** An unknown {@code c.} attribute the rule reads and the values to try. */
  record Unknown(String celName, List<Object> values) {}

  /** Open, conditional (with what decides it) or absent. */
  record Outcome(boolean fires, boolean conditional, List<String> dependsOn) {
    static final Outcome NONE = new Outcome(false, false, List.of());
    static final Outcome OPEN = new Outcome(true, false, List.of());
  }

  private Evaluation() {}

  /**
   * @param target the id used in depends-on ({@code component} or {@code a->b})
   * @param factUnknowns the unknowns behind the facts, asked only when the modes disagree
   */
  static Outcome evaluate(
      Rule rule,
      String target,
      Map<String, Object> c,
      List<Unknown> unknowns,
      Map<String, Object> worst,
      Map<String, Object> best,
      Supplier<List<String>> factUnknowns) {
    boolean twoModes = best != worst;
    if (unknowns.isEmpty()) {
      boolean w = eval(rule, c, worst);
      if (!twoModes) return w ? Outcome.OPEN : Outcome.NONE;
      boolean b = eval(rule, c, best);
      if (w == b) return w ? Outcome.OPEN : Outcome.NONE;
      return conditional(factUnknowns.get(), w);
    }
    // attributes beyond the combination limit stay at their first value
    List<Unknown> varied = new ArrayList<>();
    Map<String, Object> base = new HashMap<>(c);
    long combos = 1;
    for (Unknown u : unknowns) {
      if (combos * u.values().size() <= MAX_COMBINATIONS) {
        varied.add(u);
        combos *= u.values().size();
      } else base.put(u.celName(), u.values().get(0));
    }
    int n = (int) combos;
    boolean[][] results = new boolean[twoModes ? 2 : 1][n];
    int[] digits = new int[varied.size()];
    boolean any = false;
    boolean all = true;
    // one activation map for all combinations: each one sets every varied attribute
    Map<String, Object> ci = new HashMap<>(base);
    for (int i = 0; i < n; i++) {
      decode(i, varied, digits);
      for (int k = 0; k < varied.size(); k++)
        ci.put(varied.get(k).celName(), varied.get(k).values().get(digits[k]));
      results[0][i] = eval(rule, ci, worst);
      if (twoModes) results[1][i] = eval(rule, ci, best);
      for (boolean[] r : results) {
        any |= r[i];
        all &= r[i];
      }
    }
    if (all) return Outcome.OPEN;
    if (!any) return Outcome.NONE;
    TreeSet<String> depends = new TreeSet<>();
    for (int k = 0, stride = 1; k < varied.size(); stride *= varied.get(k).values().size(), k++) {
      int size = varied.get(k).values().size();
      boolean decisive = false;
      for (int i = 0; i < n && !decisive; i++) {
        int digit = (i / stride) % size;
        for (int d = digit + 1; d < size && !decisive; d++) {
          int j = i + (d - digit) * stride;
          for (boolean[] r : results) decisive |= r[i] != r[j];
        }
      }
      if (decisive) depends.add(target + "." + Vocabulary.formatName(varied.get(k).celName()));
    }
    if (twoModes) {
      boolean modeDecides = false;
      for (int i = 0; i < n; i++) modeDecides |= results[0][i] != results[1][i];
      if (modeDecides) depends.addAll(factUnknowns.get());
    }
    if (depends.isEmpty()) {
      // only the fact modes differed but no unknown behind them was found: use the worst answer
      boolean w = true;
      for (boolean r : results[0]) w &= r;
      return w ? Outcome.OPEN : Outcome.NONE;
    }
    return new Outcome(true, true, List.copyOf(depends));
  }

  private static Outcome conditional(List<String> depends, boolean worst) {
    if (depends.isEmpty()) return worst ? Outcome.OPEN : Outcome.NONE;
    return new Outcome(true, true, depends);
  }

  private static void decode(int i, List<Unknown> varied, int[] digits) {
    for (int k = 0; k < varied.size(); k++) {
      int size = varied.get(k).values().size();
      digits[k] = i % size;
      i /= size;
    }
  }

  static boolean eval(Rule rule, Map<String, Object> c, Map<String, Object> f) {
    try {
      // a resolver avoids the copy CEL makes of a map activation on every call
      // CEL asks for qualified candidates such as "c.kind", built anew on every call: compare
      // characters instead of hashing them
      Optional<Object> oc = Optional.of(c);
      Optional<Object> of = Optional.of(f);
      CelVariableResolver vars =
          name -> {
            if (name.length() != 1) return Optional.empty();
            char ch = name.charAt(0);
            return ch == 'c' ? oc : ch == 'f' ? of : Optional.empty();
          };
      return Boolean.TRUE.equals(rule.program().eval(vars));
    } catch (CelEvaluationException | RuntimeException e) {
      // an attribute absent on this kind, or a type mismatch: the rule does not apply
      return false;
    }
  }
}
