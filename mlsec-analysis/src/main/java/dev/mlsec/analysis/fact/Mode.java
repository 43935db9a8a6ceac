package dev.mlsec.analysis.fact;

/**
 * Which answer to assume for unknown attributes of other components: facts are derived under both,
 * and a rule whose outcome differs between them is conditional.
 */
public enum Mode {
  WORST,
  BEST
}
