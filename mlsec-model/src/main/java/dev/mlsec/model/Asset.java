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
    Position position) {}
