package dev.mlsec.catalog;

import java.util.Map;
import java.util.Optional;

/**
 * A catalog with the compiled condition of every threat, ready for the analysis.
 *
 * @param references the allowed reference ids per framework (framework -> id -> title)
 */
public record CompiledCatalog(
    Catalog catalog, Map<String, Rule> rules, Map<String, Map<String, String>> references) {

  public CompiledCatalog {
    rules = Map.copyOf(rules);
    references = Map.copyOf(references);
  }

  public Optional<Rule> rule(String threatId) {
    return Optional.ofNullable(rules.get(threatId));
  }

  /**
   * Initialises on the calling thread what the first evaluation of any condition would: protobuf's
   * {@code NullValue}, which CEL's runtime adapts values with, and whose class initialisation runs
   * protobuf's version check and so starts {@code java.util.logging} (about 10 ms of a cold start).
   * The command line calls it on the thread that plans the built-in conditions, off the main one.
   */
  public static void prepareEvaluation() {
    com.google.protobuf.NullValue.forNumber(0);
  }

  /** Compiles the conditions of a catalog built in code (tests, tools); errors as at load. */
  public static CompiledCatalog of(Catalog catalog) {
    return new CompiledCatalog(catalog, Conditions.compileAll(catalog), Map.of());
  }
}
