package dev.mlsec.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cel.common.CelOptions;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import org.junit.jupiter.api.Test;

class CatalogSnapshotTest {
  /** The YAML read the way a user catalog is, and every resource it came from. */
  private static final Map<String, byte[]> SOURCES = new LinkedHashMap<>();

  private static final CompiledCatalog PARSED =
      CatalogLoader.loadCompiled(List.of(), CheckedConditions.builtIn(), SOURCES);

  private static final Synonyms SYNONYMS =
      Synonyms.parse(
          Synonyms.RESOURCE,
          new String(CatalogSnapshot.bytes(Synonyms.RESOURCE), StandardCharsets.UTF_8));

  static {
    SOURCES.put(Synonyms.RESOURCE, CatalogSnapshot.bytes(Synonyms.RESOURCE));
  }

  @Test
  void theShippedSnapshotIsFreshAndHoldsWhatTheYamlSays() {
    CatalogSnapshot.Contents shipped = CatalogSnapshot.builtIn().orElseThrow();
    assertThat(shipped.catalog()).isEqualTo(PARSED.catalog());
    assertThat(shipped.references()).isEqualTo(PARSED.references());
    assertThat(shipped.synonyms()).isEqualTo(SYNONYMS);
    assertThat(Synonyms.builtIn()).isEqualTo(SYNONYMS);
  }

  @Test
  void theBuiltInCatalogComesFromTheSnapshotWithTheSameRules() {
    CompiledCatalog c = CatalogLoader.builtInCompiled();
    assertThat(c.catalog()).isEqualTo(PARSED.catalog());
    assertThat(c.rules().keySet()).containsExactlyElementsOf(PARSED.rules().keySet());
    for (Rule r : PARSED.rules().values()) {
      Rule s = c.rule(r.threat()).orElseThrow();
      assertThat(s.readsC()).as(r.threat()).isEqualTo(r.readsC());
      assertThat(s.readsF()).as(r.threat()).isEqualTo(r.readsF());
    }
  }

  @Test
  void writingIsDeterministicAndReadingGivesTheCatalogBack() throws Exception {
    byte[] one = write(SOURCES);
    assertThat(write(new HashMap<>(SOURCES))).isEqualTo(one);
    CatalogSnapshot.Contents back =
        CatalogSnapshot.read(new ByteArrayInputStream(one), SOURCES::get).orElseThrow();
    assertThat(back.catalog()).isEqualTo(PARSED.catalog());
    assertThat(back.synonyms()).isEqualTo(SYNONYMS);
  }

  @Test
  void aSnapshotOfOtherResourcesIsNotUsed() throws Exception {
    byte[] snapshot = write(SOURCES);
    String file = PARSED.catalog().threats().get(0).position().file();
    Map<String, byte[]> edited = new HashMap<>(SOURCES);
    byte[] changed = SOURCES.get(file).clone();
    changed[changed.length - 1] ^= 1;
    edited.put(file, changed);
    assertThat(CatalogSnapshot.read(new ByteArrayInputStream(snapshot), edited::get)).isEmpty();
    Map<String, byte[]> gone = new HashMap<>(SOURCES);
    gone.remove(CatalogLoader.INDEX);
    assertThat(CatalogSnapshot.read(new ByteArrayInputStream(snapshot), gone::get)).isEmpty();
    // another format number: ignored, not misread
    byte[] other = snapshot.clone();
    int format = 2 + "mlsec-catalog-snapshot".length() + 3;
    other[format]++;
    assertThat(CatalogSnapshot.read(new ByteArrayInputStream(other), SOURCES::get)).isEmpty();
  }

  @Test
  void aTruncatedSnapshotFailsToReadInsteadOfGivingPartOfACatalog() throws Exception {
    byte[] snapshot = write(SOURCES);
    byte[] cut = Arrays.copyOf(snapshot, snapshot.length / 2);
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> CatalogSnapshot.read(new ByteArrayInputStream(cut), SOURCES::get))
        .isInstanceOf(java.io.IOException.class);
  }

  private static byte[] write(Map<String, byte[]> sources) throws Exception {
    return CatalogSnapshot.write(PARSED.catalog(), PARSED.references(), SYNONYMS, sources);
  }

  // --- the runtime limited to the overloads the conditions reference ---

  private static final CelRuntime FULL =
      CelRuntimeFactory.standardCelRuntimeBuilder()
          .setOptions(
              CelOptions.current()
                  .maxExpressionCodePointSize(Conditions.MAX_EXPRESSION_CHARS)
                  .comprehensionMaxIterations(10_000)
                  .build())
          .build();

  private static final List<Conditions.Checked> CHECKED = checked();

  private static List<Conditions.Checked> checked() {
    List<Conditions.Checked> out = new ArrayList<>();
    CheckedConditions store = CheckedConditions.builtIn();
    for (Threat t : PARSED.catalog().threats())
      out.add(Conditions.check(t, new Conditions.Origin(t.position()), store));
    return out;
  }

  @Test
  void theBuiltInConditionsNeedOnlyOverloadsTheLimitedRuntimeBinds() {
    Map<String, String> used = Conditions.overloads(CHECKED);
    assertThat(used).containsKey("logical_and").containsKey("equals");
    assertThat(Conditions.standardBindings(used))
        .as("an overload of %s is missing from Conditions.STANDARD", used)
        .isPresent();
    // one the table does not know: CEL's whole standard library instead
    assertThat(Conditions.standardBindings(Map.of("timestamp_to_year", "getFullYear"))).isEmpty();
  }

  /**
   * Every condition gives the same answer (or fails the same way) on the limited runtime as on
   * CEL's full standard library, for attributes and facts of every shape a workflow gives.
   */
  @Property(tries = 300)
  void theLimitedRuntimeAnswersAsTheFullOne(
      @ForAll("values") List<Object> values, @ForAll("values") List<Object> facts)
      throws Exception {
    Map<String, Rule> limited = CatalogLoader.builtInCompiled().rules();
    boolean fired = false;
    for (Conditions.Checked c : CHECKED) {
      Map<String, Object> cv = new HashMap<>();
      int i = 0;
      for (String name : c.readsC()) cv.put(name, values.get(i++ % values.size()));
      Map<String, Object> fv = new HashMap<>();
      int j = 0;
      for (String name : c.readsF()) fv.put(name, facts.get(j++ % facts.size()));
      Map<String, Object> vars = Map.of("c", cv, "f", fv);
      String full = outcome(FULL.createProgram(c.ast()), vars);
      assertThat(outcome(limited.get(c.threat().id()).program(), vars))
          .as("%s with c=%s f=%s", c.threat().id(), cv, fv)
          .isEqualTo(full);
      fired |= full.equals("true");
    }
    // the generated values must make some conditions true, or the comparison proves little
    Statistics.label("a condition fired").collect(fired);
    Statistics.label("a condition fired")
        .coverage(check -> check.check(true).percentage(p -> p > 5));
  }

  private static String outcome(CelRuntime.Program p, Map<String, Object> vars) {
    try {
      return String.valueOf(p.eval(vars));
    } catch (Exception e) {
      return "error";
    }
  }

  @Provide
  Arbitrary<List<Object>> values() {
    Arbitrary<Object> one =
        Arbitraries.oneOf(
            Arbitraries.of(
                "none", "public", "anonymous", "partner", "internal", "yes", "", "api-key"),
            Arbitraries.of(true, false),
            Arbitraries.longs().between(-2, 5).map(Object.class::cast),
            Arbitraries.of("anonymous", "partner", "internal", "pii", "score", "tools")
                .list()
                .ofMaxSize(3)
                .map(Object.class::cast),
            Arbitraries.of(Map.of(), Map.of("kind", "llm"), Map.of("x", true)));
    return one.list().ofMinSize(1).ofMaxSize(6);
  }
}
