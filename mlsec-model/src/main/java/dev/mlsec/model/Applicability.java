package dev.mlsec.model;

import java.util.List;
import java.util.Optional;

/**
 * Attributes a file may write where they mean nothing. Format 1 accepted them once, so they still
 * load, but the loader sets them aside with a warning instead of letting them decide a finding or
 * raise a question: an attribute whose answer follows from the rest (nothing limits queries to a
 * model on the user's own device) takes that answer, written or not; one that has no answer is
 * dropped. Everything else that is not an attribute of a kind is an error with a hint.
 */
public final class Applicability {
  private Applicability() {}

  /**
   * {@code attribute} means nothing on a {@code kind}, or only when {@code whenAttribute} has
   * {@code whenValue} (both empty: always). {@code implied} is the value it then takes whatever the
   * file says, or empty when it is dropped.
   */
  public record Meaningless(
      ComponentKind kind,
      String attribute,
      String whenAttribute,
      String whenValue,
      String implied,
      String why) {}

  public static final List<Meaningless> RULES =
      List.of(
          new Meaningless(
              ComponentKind.DATA_SOURCE,
              "pinned",
              "",
              "",
              "",
              "a data source is read as it changes; pin the artifacts fetched from outside"
                  + " (pretrained-model, dependency, agent-tool)"),
          new Meaningless(
              ComponentKind.SERVING,
              "rate-limit",
              "exposure",
              "on-device",
              "none",
              "an on-device model runs on the user's hardware, where no server counts its queries"),
          new Meaningless(
              ComponentKind.SERVING,
              "tenancy",
              "exposure",
              "on-device",
              "single-tenant",
              "an on-device model runs on one user's hardware"));

  /**
   * The rule that makes {@code attribute} meaningless on a component of {@code kind} whose written
   * attributes are {@code written}, if any.
   */
  public static Optional<Meaningless> meaningless(
      ComponentKind kind, String attribute, java.util.Map<String, Value> written) {
    for (Meaningless m : RULES) {
      if (m.kind() != kind || !m.attribute().equals(attribute)) continue;
      if (m.whenAttribute().isEmpty()) return Optional.of(m);
      Value v = written.get(m.whenAttribute());
      if (v instanceof Value.Text t && t.value().equals(m.whenValue())) return Optional.of(m);
    }
    return Optional.empty();
  }
}
