package dev.mlsec.analysis;

/**
 * A control that would mitigate a finding and whether the workflow has it.
 *
 * @param control catalog control id
 * @param state implemented, planned or missing
 * @param strength full or partial
 */
public record Mitigation(String control, String state, String strength) {}
