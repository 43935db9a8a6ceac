package dev.mlsec.cli;

import dev.mlsec.catalog.Catalog;
import dev.mlsec.catalog.ControlDef;
import dev.mlsec.catalog.Family;
import dev.mlsec.catalog.References;
import dev.mlsec.catalog.Synonyms;
import dev.mlsec.catalog.Threat;
import dev.mlsec.model.DidYouMean;
import dev.mlsec.model.DisplayText;
import dev.mlsec.model.InputException;
import dev.mlsec.model.Position;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Lists and explains the threats and controls the analysis knows. */
@Command(
    name = "catalog",
    mixinStandardHelpOptions = true,
    description = "Lists and explains the catalog's threats, controls and families.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:printed", "2:an unknown id or a bad catalog file (with a did-you-mean)"},
    subcommands = {CatalogCommand.ListCommand.class, CatalogCommand.ShowCommand.class})
final class CatalogCommand implements Runnable {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /**
   * Runs {@code body} and prints what it wrote line by line: a user's catalog is text from a file,
   * so it reaches the terminal without control characters.
   */
  static void printClean(
      picocli.CommandLine.Model.CommandSpec spec, java.util.function.Consumer<PrintWriter> body) {
    StringWriter buffer = new StringWriter();
    try (PrintWriter w = new PrintWriter(buffer)) {
      body.accept(w);
    }
    PrintWriter out = spec.commandLine().getOut();
    String text = buffer.toString();
    if (text.endsWith("\n")) text = text.substring(0, text.length() - 1);
    for (String line : text.split("\n", -1)) out.println(DisplayText.clean(line));
    out.flush();
  }

  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = "Lists threats (default), controls or families.")
  static final class ListCommand implements Callable<Integer> {
    @Option(names = "--controls", description = "List the controls instead of the threats.")
    boolean controls;

    @Option(names = "--families", description = "List the threat families.")
    boolean families;

    @Option(
        names = "--class",
        paramLabel = "CLASS",
        description = "Only threats of this class: ml-specific, ml-amplified, conventional.")
    String threatClass;

    @Mixin CatalogOption catalog;
    @Mixin DebugOption debug;
    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      Catalog c = catalog.load().catalog();
      printClean(spec, out -> list(out, c));
      return 0;
    }

    private void list(PrintWriter out, Catalog c) {
      if (controls) {
        for (ControlDef d : c.controls()) out.printf("%-28s %s%n", d.id(), d.title());
      } else if (families) {
        for (Family f : c.families()) out.printf("%-22s %s%n", f.id(), f.title());
      } else {
        for (Threat t : c.threats()) {
          if (threatClass != null && !t.threatClass().id().equals(threatClass)) continue;
          out.printf("%-40s %-13s %-18s %s%n", t.id(), t.threatClass().id(), t.family(), t.title());
        }
      }
    }
  }

  @Command(
      name = "show",
      mixinStandardHelpOptions = true,
      description = "Explains one threat, control or family.")
  static final class ShowCommand implements Callable<Integer> {
    @Parameters(
        paramLabel = "ID",
        description =
            "A threat, control or family id, or a framework id (AML.T0051, LLM01, ML02,"
                + " NISTAML.022, Art. 15(5)): then the threats that reference it.")
    String id;

    @Mixin CatalogOption catalog;
    @Mixin DebugOption debug;
    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      Catalog c = catalog.load().catalog();
      Optional<Threat> threat = c.threat(id);
      Optional<ControlDef> control = c.control(id);
      Optional<Family> family = c.family(id);
      if (threat.isPresent()) printClean(spec, out -> show(out, threat.get()));
      else if (control.isPresent()) printClean(spec, out -> show(out, control.get()));
      else if (family.isPresent()) printClean(spec, out -> show(out, c, family.get()));
      else if (!referenced(c, id).isEmpty()) printClean(spec, out -> showReference(out, c, id));
      else {
        List<String> known = new ArrayList<>();
        c.threats().forEach(t -> known.add(t.id()));
        c.controls().forEach(d -> known.add(d.id()));
        c.families().forEach(f -> known.add(f.id()));
        // another spelling the catalog knows (model-stealing) before the nearest spelling
        String hint =
            Synonyms.builtIn()
                .idFor(id.toLowerCase(java.util.Locale.ROOT))
                .filter(known::contains)
                .or(() -> DidYouMean.closest(id, known))
                .map(s -> "did you mean '" + s + "'?")
                .orElse("'mlsec catalog list' shows them all");
        throw new InputException(
            Position.NONE,
            "'" + id + "' is not a threat, control, family or framework id of the catalog",
            hint);
      }
      return 0;
    }

    /** Frameworks in the order reports list them, with the names shown to people. */
    private static final List<String[]> FRAMEWORKS =
        List.of(
            new String[] {"atlas", "MITRE ATLAS"},
            new String[] {"owasp-ml", "OWASP ML Top 10"},
            new String[] {"owasp-llm", "OWASP LLM Top 10"},
            new String[] {"nist-aml", "NIST AI 100-2"},
            new String[] {"eu-ai-act", "EU AI Act"});

    private static List<String> refs(References r, String framework) {
      return switch (framework) {
        case "atlas" -> r.atlas();
        case "owasp-ml" -> r.owaspMl();
        case "owasp-llm" -> r.owaspLlm();
        case "nist-aml" -> r.nistAml();
        default -> r.euAiAct();
      };
    }

    /**
     * Whether reference {@code ref} of a threat is what the user named: the same id ignoring case,
     * the id without its year (LLM01 for LLM01:2025), or a sub-technique or sub-paragraph of it
     * (AML.T0051.001 for AML.T0051, Art. 15(5) for Art. 15).
     */
    static boolean names(String query, String ref) {
      String q = query.strip().toLowerCase(java.util.Locale.ROOT);
      String r = ref.toLowerCase(java.util.Locale.ROOT);
      if (q.isEmpty()) return false;
      if (r.equals(q) || r.startsWith(q + ":")) return true;
      return r.startsWith(q + ".") || r.startsWith(q + "(");
    }

    /** Framework and reference id pairs, of every threat's refs, that the query names. */
    static List<String[]> referenced(Catalog c, String query) {
      List<String[]> out = new ArrayList<>();
      for (String[] fw : FRAMEWORKS) {
        java.util.Set<String> ids = new java.util.TreeSet<>();
        for (Threat t : c.threats())
          for (String r : refs(t.refs(), fw[0])) if (names(query, r)) ids.add(r);
        c.referenceTitles().getOrDefault(fw[0], java.util.Map.of()).keySet().stream()
            .filter(r -> names(query, r))
            .forEach(ids::add);
        for (String id : ids) out.add(new String[] {fw[0], fw[1], id});
      }
      return out;
    }

    private static void showReference(PrintWriter out, Catalog c, String query) {
      boolean first = true;
      for (String[] ref : referenced(c, query)) {
        String title = c.referenceTitle(ref[0], ref[2]).map(t -> " — " + t).orElse("");
        if (!first) out.println();
        first = false;
        out.printf("%s%s (%s)%n", ref[2], title, ref[1]);
        List<Threat> citing =
            c.threats().stream().filter(t -> refs(t.refs(), ref[0]).contains(ref[2])).toList();
        if (citing.isEmpty()) out.println("  no threat of the catalog references it");
        for (Threat t : citing) out.printf("  %-40s %s%n", t.id(), t.title());
      }
    }

    private static void show(PrintWriter out, Threat t) {
      out.printf("%s — %s%n", t.id(), t.title());
      out.printf(
          "class: %s   family: %s   stage: %s   impact: %s%n",
          t.threatClass().id(), t.family(), t.stage(), t.impact().id());
      out.printf("applies to: %s%n%n", String.join(", ", t.appliesTo()));
      out.println(t.summary());
      out.println();
      out.println(t.detail().strip());
      out.println();
      field(out, "attacker needs", t.attackerNeeds());
      field(out, "business impact", t.businessImpact());
      field(out, "first step", t.firstStep());
      field(out, "false positive when", t.falsePositive());
      field(out, "condition", t.condition().strip());
      refs(out, t.refs());
    }

    private static void show(PrintWriter out, ControlDef d) {
      out.printf("%s — %s%n%n", d.id(), d.title());
      out.println(d.description().strip());
      out.println();
      field(out, "stops", String.join(", ", d.full()));
      field(out, "partly stops", String.join(", ", d.partial()));
      if (!d.notStopped().isEmpty()) {
        out.println("does not stop, though often believed to:");
        for (ControlDef.Misbelief m : d.notStopped())
          out.printf("  %-24s %s%n", m.threat(), m.reason());
      }
    }

    private static void show(PrintWriter out, Catalog c, Family f) {
      out.printf("%s — %s%n%n", f.id(), f.title());
      out.println(f.description().strip());
      out.println();
      out.println("threats:");
      for (Threat t : c.threats())
        if (t.family().equals(f.id())) out.printf("  %-40s %s%n", t.id(), t.title());
    }

    private static void field(PrintWriter out, String name, String value) {
      if (value != null && !value.isBlank()) out.printf("%s: %s%n", name, value.strip());
    }

    private static void refs(PrintWriter out, References r) {
      field(out, "MITRE ATLAS", String.join(", ", r.atlas()));
      field(out, "OWASP ML Top 10", String.join(", ", r.owaspMl()));
      field(out, "OWASP LLM Top 10", String.join(", ", r.owaspLlm()));
      field(out, "NIST AI 100-2", String.join(", ", r.nistAml()));
      field(out, "EU AI Act", String.join(", ", r.euAiAct()));
    }
  }
}
