package dev.mlsec.server;

import com.fasterxml.jackson.core.JsonProcessingException;

/**
 * Workflows that share a public base model: the same {@code pretrained-model} under its own id in
 * each file, named alike (case and spacing differ), so the portfolio graph must join them by name.
 * Names may be hostile; they are written as YAML double-quoted scalars.
 */
public final class SharedWorkflows {
  private SharedWorkflows() {}

  public static String source(String system, String baseId, String baseName, String variant) {
    return """
        mlsec: 1
        system: %s
        components:
          users: {kind: actor, trust: anonymous}
          %s: {kind: pretrained-model, name: %s, source: public-hub, artifact-format: pickle}
          tuning: {kind: training, method: fine-tune}
          registry: {kind: model-registry, artifact-format: safetensors, signed: true}
          api: {kind: serving, exposure: public, authentication: none, rate-limit: none, outputs: label}
        flows:
          - %s -> tuning
          - tuning -> registry
          - registry -> api
          - users <-> api
        # %s
        """
        .formatted(quote(system), baseId, quote(baseName), baseId, variant);
  }

  /** The upload body of {@link #source}. */
  public static String upload(String system, String baseId, String baseName, String variant) {
    return Uploads.of(source(system, baseId, baseName, variant), "shared.yaml", null);
  }

  /** A JSON string is a YAML double-quoted scalar. */
  static String quote(String s) {
    try {
      return TestServer.JSON.writeValueAsString(s);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
