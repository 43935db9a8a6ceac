package dev.mlsec.model;

/**
 * Something worth protecting. {@code sensitivity} (personal, confidential, public) is for data,
 * {@code value} (low, medium, high) for models, {@code grants} describes what a credential opens;
 * each is empty when not given.
 */
public record Asset(
    String id,
    AssetKind kind,
    String sensitivity,
    String value,
    String grants,
    String description,
    Position position) {

  /** Allowed {@code sensitivity} words of a data asset. */
  public static final java.util.List<String> SENSITIVITIES =
      java.util.List.of("personal", "confidential", "public");

  /** Allowed {@code value} words of a model asset. */
  public static final java.util.List<String> VALUES = java.util.List.of("low", "medium", "high");
}
