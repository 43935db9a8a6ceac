package dev.mlsec.server.store;

import dev.mlsec.model.Component;
import dev.mlsec.model.ComponentKind;
import dev.mlsec.model.Flow;
import dev.mlsec.model.InputException;
import dev.mlsec.model.Workflow;
import dev.mlsec.model.load.WorkflowLoader;
import dev.mlsec.server.auth.Principal;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * The portfolio graph: components that several projects' latest workflows share, joined, with the
 * models each one reaches in each project. The join rule: two components of the same {@link
 * #SHAREABLE} kind are the same component when they have the same id, or the same name (compared
 * without case and with runs of spaces as one). Joins are transitive. Only the projects the viewer
 * may see take part, so a join never reveals another team's workflow.
 */
public final class SharedComponents {
  /** Kinds that stand for something outside one workflow: a source, a store, a model, a tool. */
  public static final Set<ComponentKind> SHAREABLE =
      Set.of(
          ComponentKind.DATA_SOURCE,
          ComponentKind.LABELING,
          ComponentKind.DATA_STORE,
          ComponentKind.FEATURE_STORE,
          ComponentKind.PRETRAINED_MODEL,
          ComponentKind.MODEL_REGISTRY,
          ComponentKind.RETRIEVAL,
          ComponentKind.LLM,
          ComponentKind.AGENT_TOOL,
          ComponentKind.CODE_REPOSITORY,
          ComponentKind.DEPENDENCY,
          ComponentKind.COMPUTE,
          ComponentKind.THIRD_PARTY_SERVICE);

  /** Kinds that make, hold or run a model: what a poisoned source reaches that matters. */
  public static final Set<ComponentKind> MODELS =
      Set.of(
          ComponentKind.TRAINING,
          ComponentKind.MODEL_REGISTRY,
          ComponentKind.PRETRAINED_MODEL,
          ComponentKind.SERVING,
          ComponentKind.LLM);

  /** A model-bearing component downstream of a shared one. */
  public record Reached(String component, String kind) {}

  /** The shared component as one project has it. */
  public record Member(
      String project, int version, String component, String name, List<Reached> reaches) {}

  /** One joined component: its kind, what it is called, why its members were joined. */
  public record Shared(String kind, String identity, List<String> joinedBy, List<Member> members) {
    public long projects() {
      return members.stream().map(Member::project).distinct().count();
    }
  }

  private final Jdbi jdbi;

  public SharedComponents(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /** The components shared by at least two of the projects {@code who} may see. */
  public List<Shared> of(Principal who) {
    index(who);
    List<Member> members = new ArrayList<>();
    Map<Member, String> kinds = new HashMap<>();
    jdbi.useHandle(
        h ->
            h.createQuery(
                    "select p.name as project, v.number, n.component, n.kind, n.name, n.reaches"
                        + " from project p join version v on v.id = p.latest_version"
                        + " join graph_node n on n.version_id = v.id"
                        + " where (:all or p.name = any(:names))"
                        + " order by p.name, n.component")
                .bind("all", who.admin())
                .bindArray("names", String.class, new ArrayList<>(who.projects().keySet()))
                .map(
                    (rs, ctx) -> {
                      List<Reached> reaches = new ArrayList<>();
                      for (Object o : (Object[]) rs.getArray("reaches").getArray()) {
                        String[] parts = ((String) o).split(" ", 2);
                        reaches.add(new Reached(parts[0], parts[1]));
                      }
                      Member m =
                          new Member(
                              rs.getString("project"),
                              rs.getInt("number"),
                              rs.getString("component"),
                              rs.getString("name"),
                              List.copyOf(reaches));
                      members.add(m);
                      kinds.put(m, rs.getString("kind"));
                      return 0;
                    })
                .list());
    return join(members, kinds);
  }

  /** Union-find over the join keys (kind + id, kind + name) of every member. */
  static List<Shared> join(List<Member> members, Map<Member, String> kinds) {
    Map<String, String> parent = new HashMap<>();
    Map<Member, List<String>> keysOf = new HashMap<>();
    for (Member m : members) {
      List<String> keys = new ArrayList<>();
      keys.add(kinds.get(m) + "\u0000id\u0000" + m.component());
      if (m.name() != null) keys.add(kinds.get(m) + "\u0000name\u0000" + normalized(m.name()));
      keysOf.put(m, keys);
      for (String k : keys) parent.putIfAbsent(k, k);
      for (int i = 1; i < keys.size(); i++) union(parent, keys.get(0), keys.get(i));
    }
    Map<String, List<Member>> groups = new TreeMap<>();
    for (Member m : members)
      groups.computeIfAbsent(find(parent, keysOf.get(m).get(0)), k -> new ArrayList<>()).add(m);
    List<Shared> out = new ArrayList<>();
    for (List<Member> g : groups.values()) {
      if (g.stream().map(Member::project).distinct().count() < 2) continue;
      String kind = kinds.get(g.get(0));
      Set<String> ids = new TreeSet<>();
      Set<String> names = new TreeSet<>();
      Map<String, Integer> idCount = new HashMap<>();
      Map<String, Integer> nameCount = new HashMap<>();
      for (Member m : g) {
        ids.add(m.component());
        idCount.merge(m.component(), 1, Integer::sum);
        if (m.name() != null) {
          names.add(m.name());
          nameCount.merge(normalized(m.name()), 1, Integer::sum);
        }
      }
      List<String> joinedBy = new ArrayList<>();
      idCount.entrySet().stream()
          .filter(e -> e.getValue() > 1)
          .map(e -> "id " + e.getKey())
          .sorted()
          .forEach(joinedBy::add);
      nameCount.entrySet().stream()
          .filter(e -> e.getValue() > 1)
          .map(e -> "name " + e.getKey())
          .sorted()
          .forEach(joinedBy::add);
      String identity = names.isEmpty() ? String.join(" / ", ids) : names.iterator().next();
      List<Member> sorted = new ArrayList<>(g);
      sorted.sort(Comparator.comparing(Member::project).thenComparing(Member::component));
      out.add(new Shared(kind, identity, List.copyOf(joinedBy), List.copyOf(sorted)));
    }
    out.sort(
        Comparator.comparingLong(Shared::projects)
            .reversed()
            .thenComparing(Shared::kind)
            .thenComparing(Shared::identity));
    return List.copyOf(out);
  }

  static String normalized(String name) {
    return name.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
  }

  private static String find(Map<String, String> parent, String k) {
    String root = k;
    while (!parent.get(root).equals(root)) root = parent.get(root);
    parent.put(k, root);
    return root;
  }

  private static void union(Map<String, String> parent, String a, String b) {
    String ra = find(parent, a);
    String rb = find(parent, b);
    // the smaller key is the root: the same groups in the same order on every run
    if (!ra.equals(rb)) {
      if (ra.compareTo(rb) < 0) parent.put(rb, ra);
      else parent.put(ra, rb);
    }
  }

  /** Reads the shareable components of every visible latest version not read yet. */
  private void index(Principal who) {
    record Pending(long id, String workflow, String fileName) {}
    List<Pending> pending =
        jdbi.withHandle(
            h ->
                h.createQuery(
                        "select v.id, v.workflow, v.file_name from project p"
                            + " join version v on v.id = p.latest_version"
                            + " left join graph_version g on g.version_id = v.id"
                            + " where g.version_id is null and (:all or p.name = any(:names))")
                    .bind("all", who.admin())
                    .bindArray("names", String.class, new ArrayList<>(who.projects().keySet()))
                    .map(
                        (rs, ctx) ->
                            new Pending(
                                rs.getLong("id"),
                                rs.getString("workflow"),
                                rs.getString("file_name")))
                    .list());
    for (Pending p : pending) {
      List<Node> nodes;
      try {
        nodes = nodes(WorkflowLoader.parse(p.workflow(), p.fileName(), null));
      } catch (InputException e) {
        nodes = List.of(); // it loaded when uploaded; a later loader's refusal leaves it out
      }
      List<Node> found = nodes;
      jdbi.useTransaction(h -> store(h, p.id(), found));
    }
  }

  private static void store(Handle h, long versionId, List<Node> nodes) {
    int claimed =
        h.createUpdate("insert into graph_version(version_id) values (:v) on conflict do nothing")
            .bind("v", versionId)
            .execute();
    if (claimed == 0 || nodes.isEmpty()) return; // another request indexed it meanwhile
    PreparedBatch b =
        h.prepareBatch(
            "insert into graph_node(version_id, component, kind, name, reaches)"
                + " values (:v, :c, :k, :n, :r)");
    for (Node n : nodes) {
      b.bind("v", versionId)
          .bind("c", n.id())
          .bind("k", n.kind())
          .bind("n", n.name())
          .bindArray("r", String.class, n.reaches())
          .add();
    }
    b.execute();
  }

  record Node(String id, String kind, String name, List<String> reaches) {}

  /** The shareable components of a workflow and the model-bearing components each reaches. */
  static List<Node> nodes(Workflow w) {
    Map<String, List<String>> next = new HashMap<>();
    for (Flow f : w.flows()) {
      next.computeIfAbsent(f.from(), k -> new ArrayList<>()).add(f.to());
      if (f.bidirectional()) next.computeIfAbsent(f.to(), k -> new ArrayList<>()).add(f.from());
    }
    List<Node> out = new ArrayList<>();
    for (Component c : new TreeMap<>(w.components()).values()) {
      if (!SHAREABLE.contains(c.kind())) continue;
      Set<String> seen = new LinkedHashSet<>();
      Deque<String> todo = new ArrayDeque<>(next.getOrDefault(c.id(), List.of()));
      while (!todo.isEmpty()) {
        String id = todo.pop();
        if (id.equals(c.id()) || !seen.add(id)) continue;
        todo.addAll(next.getOrDefault(id, List.of()));
      }
      Set<String> reaches = new TreeSet<>();
      for (String id : seen) {
        Component r = w.components().get(id);
        if (r != null && MODELS.contains(r.kind())) reaches.add(id + " " + r.kind().id());
      }
      String name = c.name() == null || c.name().isBlank() ? null : c.name();
      out.add(new Node(c.id(), c.kind().id(), name, List.copyOf(reaches)));
    }
    return out;
  }
}
