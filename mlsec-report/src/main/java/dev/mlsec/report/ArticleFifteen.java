package dev.mlsec.report;

import dev.mlsec.analysis.Analysis;
import dev.mlsec.analysis.Finding;
import dev.mlsec.catalog.Severity;
import dev.mlsec.model.Component;
import dev.mlsec.model.ComponentKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What Article 15 of the EU AI Act (accuracy, robustness, cybersecurity) asks of this system, point
 * by point, for a workflow whose {@code risk-class} is {@code high}; with Art. 14 (human oversight)
 * beside it, since a high-risk system must let people oversee and override it. Each point says what
 * this workflow shows about it and which open findings stand against it. Other risk classes get one
 * sentence on what applies instead.
 */
public final class ArticleFifteen {
  private ArticleFifteen() {}

  /**
   * One point of the article.
   *
   * @param paragraph e.g. {@code Art. 15(5)}
   * @param asks what the paragraph asks, in short
   * @param here what this workflow shows about it
   * @param findings open findings that cite the paragraph, in analysis order
   * @param worst the worst severity among them, if any
   */
  public record Point(
      String paragraph, String asks, String here, List<String> findings, Optional<Severity> worst) {
    public Point {
      findings = List.copyOf(findings);
    }
  }

  /** Whether the workflow states that the system is high-risk: then {@link #points} apply. */
  public static boolean applies(Analysis a) {
    return a.workflow().riskClass().equals("high");
  }

  /** For a risk class other than high: what applies instead, or empty when none is stated. */
  public static String otherClass(Analysis a) {
    return switch (a.workflow().riskClass()) {
      case "unacceptable" ->
          "Risk class unacceptable: a prohibited practice under Art. 5; it may not be placed on"
              + " the EU market, whatever its security.";
      case "limited" ->
          "Risk class limited: Art. 50 transparency duties apply (tell people they deal with an"
              + " AI system, mark generated content); Art. 15 applies to high-risk systems only.";
      case "minimal" ->
          "Risk class minimal: no Art. 15 obligations, which apply to high-risk systems only.";
      default -> "";
    };
  }

  /** The points of Art. 15, and Art. 14, for this system. */
  public static List<Point> points(Analysis a) {
    List<Point> out = new ArrayList<>();
    out.add(
        point(
            a,
            "Art. 15(1)",
            "an appropriate level of accuracy, robustness and cybersecurity, kept throughout the"
                + " lifecycle",
            openCount(a) + " open findings in this workflow stand against it"));
    out.add(
        point(
            a,
            "Art. 15(2)",
            "benchmarks and measurement methods for accuracy and robustness",
            adversarialTesting(a)));
    out.add(
        point(
            a,
            "Art. 15(3)",
            "accuracy levels and metrics declared in the instructions for use",
            "not visible in a workflow file: declare them in the instructions for use"));
    out.add(
        point(
            a,
            "Art. 15(4)",
            "resilience to errors, faults and inconsistencies (redundancy, fail-safe plans);"
                + " for a system that keeps learning, no biased outputs feeding back into training",
            keepsLearning(a)
                ? "the system keeps learning after release (continual training or a feedback loop)"
                : "no continual training or feedback loop is described"));
    // a loop the analysis found counts even when no feedback component names it
    Point errors = out.get(3);
    if (!errors.findings().isEmpty() && !keepsLearning(a))
      out.set(
          3,
          new Point(
              errors.paragraph(),
              errors.asks(),
              "outputs or outcomes of the model flow back into its training",
              errors.findings(),
              errors.worst()));
    out.add(
        point(
            a,
            "Art. 15(5)",
            "resilience against attackers: prevent, detect, respond to and control data"
                + " poisoning, model poisoning, adversarial examples, confidentiality attacks and"
                + " model flaws",
            "the findings below are the attacks this workflow is open to"));
    out.add(
        point(
            a,
            "Art. 14",
            "human oversight: people can understand, override and stop the system",
            humanReview(a)));
    return out;
  }

  private static Point point(Analysis a, String paragraph, String asks, String here) {
    List<String> ids = new ArrayList<>();
    Severity worst = null;
    for (Finding f : a.findings()) {
      if (!f.status().actionable()) continue;
      boolean cites =
          paragraph.equals("Art. 15(1)")
              || f.refs().euAiAct().stream().anyMatch(r -> r.equals(paragraph));
      if (!cites) continue;
      ids.add(f.id());
      if (worst == null || f.severity().atLeast(worst)) worst = f.severity();
    }
    // 15(1) is the whole of the article: it lists no findings of its own, only their number
    if (paragraph.equals("Art. 15(1)")) ids = List.of();
    return new Point(paragraph, asks, here, ids, Optional.ofNullable(worst));
  }

  private static long openCount(Analysis a) {
    return a.findings().stream().filter(f -> f.status().actionable()).count();
  }

  private static String adversarialTesting(Analysis a) {
    List<Component> gates = components(a, ComponentKind.EVALUATION);
    if (gates.isEmpty()) return "no evaluation or release gate is described";
    boolean tested = gates.stream().anyMatch(c -> c.bool("adversarial-testing").orElse(false));
    boolean unknown = gates.stream().anyMatch(c -> c.bool("adversarial-testing").isEmpty());
    if (tested) return "release gates include adversarial tests";
    return unknown
        ? "whether release gates include adversarial tests is not stated"
        : "release gates do not include adversarial tests";
  }

  private static boolean keepsLearning(Analysis a) {
    boolean continual =
        components(a, ComponentKind.TRAINING).stream()
            .anyMatch(c -> c.text("method").filter("continual"::equals).isPresent());
    return continual || !components(a, ComponentKind.FEEDBACK).isEmpty();
  }

  private static String humanReview(Analysis a) {
    List<String> none = new ArrayList<>();
    for (Component c : a.workflow().components().values())
      if (c.text("human-review").filter(v -> !v.equals("all")).isPresent())
        none.add(c.id() + " (" + c.text("human-review").get() + ")");
    return none.isEmpty()
        ? "no output is described as taking effect without review"
        : "outputs take effect without a person reviewing each one: " + String.join(", ", none);
  }

  private static List<Component> components(Analysis a, ComponentKind kind) {
    return a.workflow().components().values().stream().filter(c -> c.kind() == kind).toList();
  }
}
