package dev.mlsec.analysis;

import dev.mlsec.catalog.Catalog;
import dev.mlsec.catalog.ControlDef;
import dev.mlsec.catalog.Threat;
import dev.mlsec.model.Control;
import dev.mlsec.model.Workflow;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Checks each {@code believed-to-stop} claim against what the catalog says the control does. */
final class ClaimCheck {
  private final Catalog catalog;

  ClaimCheck(Catalog catalog) {
    this.catalog = catalog;
  }

  List<Claim> check(Workflow w) {
    List<Claim> out = new ArrayList<>();
    for (Control c : w.controls())
      for (String belief : c.believedToStop()) {
        Verdict v = verdict(c, belief);
        List<String> where = c.appliesTo().isEmpty() ? List.of("") : c.appliesTo();
        for (String component : where)
          out.add(
              new Claim(
                  c.id(),
                  component,
                  belief,
                  v.verdict().equals("holds"),
                  v.verdict(),
                  v.reason(),
                  c.position()));
      }
    return out;
  }

  record Verdict(String verdict, String reason) {}

  Verdict verdict(Control c, String belief) {
    if (c.custom())
      return new Verdict(
          "unverified",
          c.id() + " is not in the catalog, so mlsec cannot check that it stops " + belief + ".");
    ControlDef def = catalog.control(c.id()).orElseThrow();
    String planned = c.implemented() ? "" : " It is also only planned, not in place.";
    Optional<Threat> threat = catalog.threat(belief);
    String family = threat.map(Threat::family).orElse(belief);
    boolean isFamily = catalog.family(belief).isPresent();
    if (def.full().contains(belief) || def.full().contains(family))
      return new Verdict("holds", def.title() + " stops " + belief + "." + planned);
    Optional<ControlDef.Misbelief> miss =
        def.notStopped().stream()
            .filter(m -> m.threat().equals(belief) || m.threat().equals(family))
            .findFirst();
    if (def.partial().contains(belief) || def.partial().contains(family))
      return new Verdict(
          "partly",
          def.title()
              + " only partly mitigates "
              + belief
              + "."
              + miss.map(m -> " " + m.reason()).orElse("")
              + planned);
    if (isFamily) {
      // a family claim holds partly when the control covers some of the family's threats
      List<String> full = new ArrayList<>();
      List<String> partial = new ArrayList<>();
      List<String> members = new ArrayList<>();
      for (Threat t : catalog.threats())
        if (t.family().equals(belief)) {
          members.add(t.id());
          if (def.full().contains(t.id())) full.add(t.id());
          else if (def.partial().contains(t.id())) partial.add(t.id());
        }
      if (!members.isEmpty() && full.size() == members.size())
        return new Verdict("holds", def.title() + " stops every " + belief + " threat." + planned);
      if (!full.isEmpty() || !partial.isEmpty()) {
        List<String> rest = new ArrayList<>(members);
        rest.removeAll(full);
        rest.removeAll(partial);
        StringBuilder reason = new StringBuilder(def.title());
        if (!full.isEmpty()) reason.append(" stops ").append(String.join(", ", full));
        if (!partial.isEmpty())
          reason
              .append(full.isEmpty() ? " only partly mitigates " : " and only partly mitigates ")
              .append(String.join(", ", partial));
        reason.append(" of the ").append(belief).append(" family");
        if (!rest.isEmpty()) reason.append("; it does not stop ").append(String.join(", ", rest));
        reason.append('.');
        for (String r : rest)
          def.notStopped().stream()
              .filter(m -> m.threat().equals(r))
              .findFirst()
              .ifPresent(m -> reason.append(' ').append(m.reason()));
        miss.ifPresent(m -> reason.append(' ').append(m.reason()));
        return new Verdict("partly", reason + planned);
      }
    }
    if (miss.isPresent()) return new Verdict("does-not-hold", miss.get().reason() + planned);
    List<String> stops = new ArrayList<>(def.full());
    stops.addAll(def.partial());
    String what = stops.isEmpty() ? "nothing in the catalog" : String.join(", ", stops);
    return new Verdict(
        "does-not-hold",
        def.title()
            + " is not known to stop "
            + belief
            + "; the catalog lists it against "
            + what
            + "."
            + planned);
  }
}
