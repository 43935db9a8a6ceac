package dev.mlsec.catalog;

import dev.mlsec.model.ComponentKind;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * The names a condition may read: fields of {@code c} and facts of {@code f}, as documented in
 * docs/catalog-format.md. Attribute names are spelled with {@code _} instead of {@code -}.
 */
public final class Vocabulary {
  private Vocabulary() {}

  public static final List<String> COMPONENT_FIELDS = List.of("id", "kind", "controls", "assets");

  public static final List<String> FLOW_FIELDS =
      List.of("id", "from", "to", "from_kind", "to_kind", "encrypted", "authenticated", "carries");

  public static final List<String> COMPONENT_FACTS =
      List.of(
          "influences",
          "untrusted_influence",
          "queried_by",
          "shaped_by",
          "submitted_by",
          "watched_insiders",
          "baseline_writers",
          "judged_insiders",
          "sensor_deniers",
          "sensor_acts",
          "gaining_writers",
          "unreviewed_stakes",
          "people_decisions",
          "persisted_by",
          "implant_tools",
          "token_readers",
          "file_token_readers",
          "allowed_ai_apis",
          "host_assets",
          "replicable_from",
          "binding_topics",
          "checks_media_from",
          "media_from_outside",
          "changes_unpinned",
          "eval_data",
          "runs_model_output",
          "private_data_upstream",
          "may_hold_private_data",
          "ranks_public_content",
          "reads_stores",
          "vendor_model",
          "exposure",
          "in_training_path",
          "in_inference_path",
          "trains",
          "training_methods",
          "training_frameworks",
          "weights_public",
          "calls_llm",
          "entry_point",
          "loop",
          "artifact_formats",
          "pretrained_sources",
          "unpinned_upstream",
          "llm_content",
          "prompted_by",
          "untrusted_content",
          "tool_effects",
          "unapproved_effects",
          "unapproved_tools",
          "outbound_tools",
          "approved_tools",
          "tool_powers",
          "tool_reach",
          "tool_sources",
          "asset_kinds",
          "credentials",
          "llm_credentials",
          "credential_grants",
          "messaging_credentials",
          "reachable_by_untrusted",
          "zone",
          "upstream_kinds",
          "downstream_kinds",
          "receiver_kinds",
          "renders_llm_output",
          "monitoring",
          "adversarially_tested",
          "signed_upstream",
          "loads_from",
          "code_from",
          "generative",
          "upstream_data",
          "records_reaching",
          "stated_provides",
          "output_records",
          "feeds_training_data",
          "stated_outputs",
          "outputs_unknown",
          "serves_published_weights",
          "personal_data_upstream",
          "tool_stores",
          "tool_workloads",
          "tool_reads",
          "tool_credentials",
          "steered_by",
          "stated",
          "self_registered_callers",
          "low_value_system",
          "risk_class",
          "protected_groups",
          "high_risk",
          "sensor_inputs_internal",
          "feeds_own_training",
          "outside_file",
          "keras_ruled_out",
          "device_in_outside_hands",
          "staff_held_device",
          "caller_scoped",
          "caller_records_only",
          "stakeless_decision",
          "serves_stakeless_only",
          "trains_stakeless_only",
          "learned_data",
          "agent_machine",
          "no_ml_work",
          "prompter_reach",
          "api_callers_only",
          "llm_sends_out",
          "others_steer_output",
          "started_by",
          "billed_per_call",
          "shared_capacity",
          "tool_paid_workloads",
          "job_runner",
          "written_by_people",
          "pipeline_writes_only",
          "feed_writes_only",
          "tool_grants",
          "tool_recipients",
          "disclosed_through");

  public static final List<String> FLOW_FACTS =
      List.of(
          "crosses_zone",
          "training_path",
          "inference_path",
          "carries_kinds",
          "from",
          "to",
          "crosses_boundary",
          "tls_by_nature",
          "network_hop",
          "reverse_encrypted",
          "reverse_authenticated",
          "tls_control",
          "sender_tls",
          "first_party_sender",
          "sender_anyone",
          "sender_signed_in",
          "encryption_stated",
          "sensitive_data",
          "outside_ends",
          "inside_team");

  public static final List<String> STAGES =
      List.of("data", "training", "supply-chain", "deployment", "inference", "platform");

  public static final String FLOW = "flow";

  /** The CEL spelling of a format attribute name: {@code rate-limit} -> {@code rate_limit}. */
  public static String celName(String attribute) {
    return attribute.replace('-', '_');
  }

  /** The format spelling of a CEL attribute name. */
  public static String formatName(String celName) {
    return celName.replace('_', '-');
  }

  /** Every {@code c.} name a condition on these targets may read. */
  public static Set<String> cFields(List<String> appliesTo) {
    Set<String> out = new TreeSet<>();
    if (appliesTo.contains(FLOW)) out.addAll(FLOW_FIELDS);
    for (String kind : appliesTo)
      ComponentKind.byId(kind)
          .ifPresent(
              k -> {
                out.addAll(COMPONENT_FIELDS);
                k.attributes().keySet().forEach(a -> out.add(celName(a)));
              });
    return out;
  }

  /** Every {@code f.} name a condition on these targets may read. */
  public static Set<String> fFacts(List<String> appliesTo) {
    Set<String> out = new TreeSet<>();
    if (appliesTo.contains(FLOW)) out.addAll(FLOW_FACTS);
    if (appliesTo.stream().anyMatch(k -> !k.equals(FLOW))) out.addAll(COMPONENT_FACTS);
    return out;
  }

  static String lower(String s) {
    return s.toLowerCase(Locale.ROOT);
  }
}
