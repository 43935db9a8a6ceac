package dev.mlsec.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The component kinds of workflow format 1 and the attributes each may carry. */
public enum ComponentKind {
  ACTOR(
      "actor",
      false,
      false,
      AttributeSpec.oneOf("trust", "anonymous", "authenticated", "partner", "internal"),
      AttributeSpec.bool("self-registration")),
  DATA_SOURCE(
      "data-source",
      false,
      false,
      AttributeSpec.listOf(
          "provenance",
          "first-party",
          "third-party",
          "public-web",
          "user-generated",
          "crowdsourced",
          "sensor")),
  LABELING(
      "labeling",
      false,
      false,
      AttributeSpec.oneOf(
          "workforce", "in-house", "vendor", "crowd", "automatic", "user-feedback")),
  DATA_STORE(
      "data-store",
      true,
      false,
      AttributeSpec.listOf(
          "stores",
          "raw",
          "training-set",
          "features",
          "embeddings",
          "logs",
          "secrets",
          "synthetic",
          "aggregates"),
      AttributeSpec.oneOf("access", "restricted", "broad", "public"),
      AttributeSpec.bool("encrypted-at-rest"),
      AttributeSpec.bool("versioned"),
      ComponentKind.tenancy(),
      ComponentKind.operatedBy()),
  PREPROCESSING(
      "preprocessing",
      false,
      false,
      AttributeSpec.bool("validates-input"),
      ComponentKind.inputs(),
      ComponentKind.operatedBy()),
  FEATURE_STORE(
      "feature-store",
      true,
      false,
      AttributeSpec.oneOf("access", "restricted", "broad", "public"),
      AttributeSpec.bool("versioned"),
      ComponentKind.tenancy()),
  PRETRAINED_MODEL(
      "pretrained-model",
      false,
      true,
      AttributeSpec.oneOf("source", "public-hub", "vendor", "internal"),
      ComponentKind.artifactFormat(),
      AttributeSpec.text("artifacts")),
  TRAINING(
      "training",
      false,
      false,
      AttributeSpec.oneOf("method", "from-scratch", "fine-tune", "continual", "federated"),
      AttributeSpec.text("framework"),
      ComponentKind.operatedBy()),
  EVALUATION(
      "evaluation",
      false,
      false,
      AttributeSpec.bool("adversarial-testing"),
      ComponentKind.operatedBy()),
  MODEL_REGISTRY(
      "model-registry",
      true,
      false,
      ComponentKind.artifactFormat(),
      AttributeSpec.bool("signed"),
      AttributeSpec.oneOf("access", "restricted", "broad", "public"),
      AttributeSpec.text("artifacts")),
  SERVING(
      "serving",
      true,
      false,
      AttributeSpec.rate("rate-limit"),
      AttributeSpec.listOf(
          "outputs",
          "label",
          "score",
          "probabilities",
          "embeddings",
          "text",
          "records",
          "actions",
          "explanations"),
      AttributeSpec.optIn("hosting", "self-hosted", "self-hosted", "third-party-api"),
      ComponentKind.inputs(),
      ComponentKind.humanReview(),
      ComponentKind.experiment(),
      ComponentKind.tenancy()),
  LLM(
      "llm",
      true,
      false,
      AttributeSpec.oneOf("hosting", "third-party-api", "self-hosted"),
      AttributeSpec.bool("system-prompt-secret"),
      AttributeSpec.bool("memory"),
      ComponentKind.humanReview(),
      ComponentKind.tenancy()),
  RETRIEVAL(
      "retrieval",
      true,
      false,
      AttributeSpec.listOf(
          "content",
          "first-party",
          "user-generated",
          "public-web",
          "third-party",
          "external-email"),
      AttributeSpec.bool("shared-across-users"),
      ComponentKind.tenancy()),
  AGENT_TOOL(
      "agent-tool",
      false,
      true,
      AttributeSpec.listOf(
          "effects", "read-only", "writes", "external-communication", "code-execution"),
      AttributeSpec.bool("requires-approval"),
      AttributeSpec.oneOf("source", "first-party", "third-party", "remote-server")),
  APPLICATION(
      "application",
      true,
      false,
      AttributeSpec.listOf("renders", "plain-text", "markdown", "html", "links", "images"),
      ComponentKind.humanReview(),
      ComponentKind.experiment(),
      ComponentKind.tenancy()),
  MONITORING(
      "monitoring",
      false,
      false,
      AttributeSpec.listOf("watches", "drift", "performance", "abuse", "cost")),
  FEEDBACK("feedback", false, false),
  COMPUTE("compute", true, false, ComponentKind.tenancy(), ComponentKind.operatedBy()),
  CODE_REPOSITORY(
      "code-repository", true, false, AttributeSpec.oneOf("visibility", "public", "private")),
  DEPENDENCY("dependency", false, true, AttributeSpec.oneOf("index", "public", "internal-mirror")),
  THIRD_PARTY_SERVICE(
      "third-party-service",
      true,
      false,
      AttributeSpec.listOf("provides", "model-api", "saas", "storage", "messaging", "other"));

  /** Formats a model artifact may be stored in. */
  public static final List<String> ARTIFACT_FORMATS = Formats.ALL;

  /** Holds the formats apart so they exist before the enum constants that use them. */
  private static final class Formats {
    static final List<String> ALL =
        List.of(
            "pickle",
            "joblib",
            "pytorch",
            "torchscript",
            "safetensors",
            "onnx",
            "keras",
            "savedmodel",
            "tflite",
            "gguf");
  }

  private final String id;
  private final boolean networked;
  private final boolean external;

  @SuppressWarnings("ImmutableEnumChecker") // an unmodifiable map of immutable records
  private final Map<String, AttributeSpec> attributes;

  ComponentKind(String id, boolean networked, boolean external, AttributeSpec... own) {
    this.id = id;
    this.networked = networked;
    this.external = external;
    Map<String, AttributeSpec> all = new LinkedHashMap<>();
    for (AttributeSpec a : own) all.put(a.name(), a);
    if (networked) {
      all.put(
          "exposure",
          AttributeSpec.oneOf("exposure", "public", "partner", "internal", "on-device"));
      all.put(
          "authentication",
          AttributeSpec.oneOf(
              "authentication", "none", "password", "api-key", "oauth", "sso", "mtls"));
      all.put("egress", AttributeSpec.oneOf("egress", "open", "restricted"));
    }
    if (external) all.put("pinned", AttributeSpec.bool("pinned"));
    this.attributes = Collections.unmodifiableMap(all);
  }

  /** Media a component decodes; left out, none is assumed (records and text only). */
  private static AttributeSpec inputs() {
    return AttributeSpec.optInList("inputs", "image", "audio", "video", "document");
  }

  /** Who looks at outputs before they take effect: nobody, a sample, or every output. */
  private static AttributeSpec humanReview() {
    return AttributeSpec.oneOf("human-review", "none", "sampled", "all");
  }

  /** An online experiment that splits traffic between model variants. */
  private static AttributeSpec experiment() {
    return AttributeSpec.optIn("experiment", "none", "none", "a-b", "interleaving", "bandit");
  }

  /** Whether one instance serves several customer organisations. */
  private static AttributeSpec tenancy() {
    return AttributeSpec.optIn("tenancy", "single-tenant", "single-tenant", "multi-tenant");
  }

  /** Who runs the component: the team itself, a partner organisation, or a vendor. */
  private static AttributeSpec operatedBy() {
    return AttributeSpec.optIn("operated-by", "team", "team", "partner", "vendor");
  }

  private static AttributeSpec artifactFormat() {
    return new AttributeSpec("artifact-format", AttributeType.ENUM, Formats.ALL);
  }

  /** The spelling used in workflow files, e.g. {@code data-source}. */
  public String id() {
    return id;
  }

  /** Reachable over a network: carries exposure, authentication and egress. */
  public boolean networked() {
    return networked;
  }

  /**
   * An artifact fetched from outside the team (a model, a package, a tool): carries {@code pinned}.
   * A data source is read as it changes, so pinning means nothing for it.
   */
  public boolean external() {
    return external;
  }

  /** Attribute name to spec, in the order the format lists them. */
  public Map<String, AttributeSpec> attributes() {
    return attributes;
  }

  public static Optional<ComponentKind> byId(String id) {
    return Arrays.stream(values()).filter(k -> k.id.equals(id)).findFirst();
  }

  public static List<String> ids() {
    List<String> ids = new ArrayList<>();
    for (ComponentKind k : values()) ids.add(k.id);
    return ids;
  }
}
