package dev.mlsec.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlsec.model.load.WorkflowLoader;
import dev.mlsec.server.SharedWorkflows;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** The join rule of the portfolio graph, and what a shared component reaches in one workflow. */
class SharedComponentsTest {
  static final List<String> KINDS = List.of("data-store", "pretrained-model");
  static final List<String> IDS = List.of("lake", "base", "features", "hub-model");
  static final List<String> NAMES = List.of("Lake", " lake ", "BERT  base", "bert base", "Other");

  record Generated(
      List<SharedComponents.Member> members, Map<SharedComponents.Member, String> kinds) {}

  static Generated generate(long seed, int size) {
    Random r = new Random(seed);
    List<SharedComponents.Member> members = new ArrayList<>();
    Map<SharedComponents.Member, String> kinds = new HashMap<>();
    for (int i = 0; i < size; i++) {
      String project = "p" + r.nextInt(5);
      String id = IDS.get(r.nextInt(IDS.size())) + (r.nextInt(3) == 0 ? "-" + i : "");
      String name = r.nextBoolean() ? null : NAMES.get(r.nextInt(NAMES.size()));
      SharedComponents.Member m = new SharedComponents.Member(project, 1, id, name, List.of());
      if (kinds.containsKey(m)
          || members.stream()
              .anyMatch(x -> x.project().equals(project) && x.component().equals(id)))
        continue; // one component per id in one workflow
      members.add(m);
      kinds.put(m, KINDS.get(r.nextInt(KINDS.size())));
    }
    return new Generated(members, kinds);
  }

  @Property(tries = 200)
  void theJoinIsTheSameWhateverTheOrderAndFollowsTheRule(
      @ForAll long seed, @ForAll @IntRange(min = 0, max = 30) int size) {
    Generated g = generate(seed, size);
    List<SharedComponents.Shared> joined = SharedComponents.join(g.members(), g.kinds());
    List<SharedComponents.Member> shuffled = new ArrayList<>(g.members());
    Collections.shuffle(shuffled, new Random(seed ^ 0x5DEECE66DL));
    assertThat(SharedComponents.join(shuffled, g.kinds())).isEqualTo(joined);

    Map<SharedComponents.Member, Integer> groupOf = new HashMap<>();
    for (int i = 0; i < joined.size(); i++) {
      SharedComponents.Shared s = joined.get(i);
      assertThat(s.projects())
          .as("a shared component is in two projects or more")
          .isGreaterThanOrEqualTo(2);
      for (SharedComponents.Member m : s.members()) {
        assertThat(g.kinds().get(m)).isEqualTo(s.kind());
        assertThat(groupOf.put(m, i)).as("in one group only").isNull();
      }
    }
    // same kind and same id, or same kind and same name (case, spacing ignored): same group
    for (SharedComponents.Member a : g.members())
      for (SharedComponents.Member b : g.members()) {
        boolean same =
            g.kinds().get(a).equals(g.kinds().get(b))
                && (a.component().equals(b.component())
                    || (a.name() != null
                        && b.name() != null
                        && SharedComponents.normalized(a.name())
                            .equals(SharedComponents.normalized(b.name()))));
        if (same && !a.project().equals(b.project()))
          assertThat(groupOf.get(a)).as(a + " and " + b).isNotNull().isEqualTo(groupOf.get(b));
      }
  }

  @Test
  void aSharedSourceReachesEveryModelDownstreamAndNothingUpstream() {
    List<SharedComponents.Node> nodes =
        SharedComponents.nodes(
            WorkflowLoader.parse(
                SharedWorkflows.source("s", "base", "Base <b>7B</b>", "x"), "s.yaml", null));
    assertThat(nodes)
        .containsExactly(
            new SharedComponents.Node(
                "base",
                "pretrained-model",
                "Base <b>7B</b>",
                List.of("api serving", "registry model-registry", "tuning training")),
            new SharedComponents.Node("registry", "model-registry", null, List.of("api serving")));
  }
}
