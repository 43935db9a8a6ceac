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

  /** Compiles the conditions of a catalog built in code (tests, tools); errors as at load. */
  public static CompiledCatalog of(Catalog catalog) {
    return new CompiledCatalog(catalog, Conditions.compileAll(catalog), Map.of());
  }
}
