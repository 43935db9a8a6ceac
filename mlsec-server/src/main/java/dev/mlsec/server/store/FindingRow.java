package dev.mlsec.server.store;

/** One finding of one version, as the analysis JSON gave it; {@code fingerprint} is its id. */
public record FindingRow(
    String fingerprint,
    String threat,
    String title,
    String klass,
    String component,
    String severity,
    String status) {}
