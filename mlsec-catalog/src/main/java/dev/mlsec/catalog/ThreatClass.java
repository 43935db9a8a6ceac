package dev.mlsec.catalog;

import java.util.Arrays;
import java.util.Optional;

/** How a threat relates to machine learning; findings are grouped by it. */
public enum ThreatClass {
  /** Exists only because the system learns from data: evasion, poisoning, extraction, ... */
  ML_SPECIFIC("ml-specific", "ML-specific"),
  /** A conventional weakness that ML makes worse or new: pickled models, exposed clusters, ... */
  ML_AMPLIFIED("ml-amplified", "ML-amplified"),
  /** Any software has it: transport, authentication, access, denial of service. */
  CONVENTIONAL("conventional", "Conventional");

  private final String id;
  private final String label;

  ThreatClass(String id, String label) {
    this.id = id;
    this.label = label;
  }

  public String id() {
    return id;
  }

  public String label() {
    return label;
  }

  public static Optional<ThreatClass> byId(String id) {
    return Arrays.stream(values()).filter(c -> c.id.equals(id)).findFirst();
  }
}
