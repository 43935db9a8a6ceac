package dev.mlsec.catalog;

import dev.cel.runtime.CelRuntime;
import java.util.Set;

/**
 * A threat's condition, compiled and type-checked once when the catalog loads.
 *
 * @param readsC the {@code c.} fields the expression reads (CEL spelling), so the engine knows
 *     which unknown attributes decide it
 * @param readsF the {@code f.} facts it reads
 */
public record Rule(
    String threat, CelRuntime.Program program, Set<String> readsC, Set<String> readsF) {
  public Rule {
    readsC = Set.copyOf(readsC);
    readsF = Set.copyOf(readsF);
  }
}
