package dev.mlsec.analysis;

import dev.mlsec.catalog.Catalog;
import dev.mlsec.catalog.ControlDef;
import dev.mlsec.catalog.Family;
import dev.mlsec.catalog.Synonyms;
import dev.mlsec.catalog.Threat;
import dev.mlsec.model.Control;
import dev.mlsec.model.Decision;
import dev.mlsec.model.DidYouMean;
import dev.mlsec.model.InputException;
import dev.mlsec.model.Workflow;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The checks of a workflow that need the catalog: control ids, claimed threats and decided findings
 * must name things the catalog knows. Every mistake is reported, in file order; a hint suggests an
 * id the catalog lists as another spelling of the word ({@code model-stealing}) before the nearest
 * spelling.
 */
public final class WorkflowCheck {
  private WorkflowCheck() {}

  public static void check(Workflow w, Catalog catalog) {
    List<InputException> errors = new ArrayList<>();
    Set<String> controls = new LinkedHashSet<>();
    for (ControlDef c : catalog.controls()) controls.add(c.id());
    Set<String> threats = new LinkedHashSet<>();
    for (Threat t : catalog.threats()) threats.add(t.id());
    Set<String> targets = new LinkedHashSet<>(threats);
    for (Family f : catalog.families()) targets.add(f.id());
    for (Control c : w.controls()) {
      if (!c.custom() && !controls.contains(c.id()))
        errors.add(
            new InputException(
                c.idPosition(),
                "unknown control '" + c.id() + "'",
                hint(
                    c.id(),
                    controls,
                    "or write custom:" + c.id() + " for a control the catalog lacks")));
      for (int i = 0; i < c.believedToStop().size(); i++) {
        String b = c.believedToStop().get(i);
        if (!targets.contains(b))
          errors.add(
              new InputException(
                  c.believedToStopPosition(i),
                  "control '"
                      + c.id()
                      + "' is believed to stop '"
                      + b
                      + "', which is no threat or family",
                  hint(b, targets, "see mlsec catalog list")));
      }
    }
    for (Decision d : w.decisions()) {
      int at = d.finding().indexOf('@');
      if (at <= 0 || at == d.finding().length() - 1) {
        errors.add(
            new InputException(
                d.position(),
                "decision names '" + d.finding() + "', which is not a finding id",
                "finding ids look like <threat>@<component> or <threat>@<from>-><to>"));
        continue;
      }
      String threat = d.finding().substring(0, at);
      if (!threats.contains(threat))
        errors.add(
            new InputException(
                d.findingPosition(),
                "decision names unknown threat '" + threat + "'",
                hint(threat, threats, "see mlsec catalog list")));
      String target = d.finding().substring(at + 1);
      List<String> ids = new ArrayList<>(w.components().keySet());
      w.flows().forEach(f -> ids.add(f.id()));
      if (!ids.contains(target))
        errors.add(
            new InputException(
                d.position(),
                "decision names unknown component or flow '" + target + "'",
                hint(target, new LinkedHashSet<>(ids), "")));
    }
    if (!errors.isEmpty())
      throw InputException.several(errors, dev.mlsec.model.load.LoadLimits.DEFAULT_MAX_ERRORS);
  }

  private static String hint(String word, Set<String> known, String otherwise) {
    return Synonyms.builtIn()
        .idFor(word)
        .filter(known::contains)
        .or(() -> DidYouMean.closest(word, known))
        .map(c -> "did you mean '" + c + "'?")
        .orElse(otherwise);
  }
}
