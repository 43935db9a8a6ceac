package dev.mlsec.model.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlsec.model.InputException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * However many components of a file are broken, and wherever: one line per broken component, in
 * file order, at its line, up to the limit and then one line counting the rest; the flows that name
 * broken components add nothing.
 */
class SeveralErrorsProperties {

  @Provide
  Arbitrary<Set<Integer>> broken() {
    return Arbitraries.integers().between(0, 29).set().ofMinSize(1).ofMaxSize(30);
  }

  @Property(tries = 60)
  void oneLinePerBrokenComponentInFileOrder(@ForAll("broken") Set<Integer> broken) {
    StringBuilder yaml = new StringBuilder("mlsec: 1\nsystem: s\ncomponents:\n");
    for (int i = 0; i < 30; i++)
      yaml.append("  c")
          .append(i)
          .append(": {kind: ")
          .append(broken.contains(i) ? "actr" : "actor")
          .append("}\n");
    yaml.append("flows:\n");
    for (int i = 0; i < 29; i++)
      yaml.append("  - c").append(i).append(" -> c").append(i + 1).append('\n');
    InputException e = null;
    try {
      WorkflowLoader.parse(yaml.toString(), "w.yaml", null);
    } catch (InputException x) {
      e = x;
    }
    assertThat(e).isNotNull();
    List<String> expected = new ArrayList<>();
    for (int i : new TreeSet<>(broken)) expected.add("w.yaml:" + (4 + i) + ":");
    int limit = LoadLimits.DEFAULT_MAX_ERRORS;
    List<String> lines = e.lines();
    if (expected.size() <= limit) {
      assertThat(lines).hasSameSizeAs(expected);
    } else {
      assertThat(lines).hasSize(limit + 1);
      assertThat(lines.get(limit))
          .isEqualTo(
              "w.yaml: "
                  + (expected.size() - limit)
                  + (expected.size() - limit == 1 ? " more error" : " more errors")
                  + " not shown (fix these first)");
    }
    for (int i = 0; i < Math.min(limit, expected.size()); i++)
      assertThat(lines.get(i))
          .startsWith(expected.get(i))
          .contains("'actr' is not a valid component kind");
  }
}
