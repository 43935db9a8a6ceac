package dev.mlsec.model;

/** What kind of thing an asset is. */
public enum AssetKind {
  DATA("data"),
  MODEL("model"),
  CREDENTIAL("credential");

  private final String id;

  AssetKind(String id) {
    this.id = id;
  }

  public String id() {
    return id;
  }
}
