package dev.mlsec.model.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlsec.model.AttributeSpec;
import dev.mlsec.model.ComponentKind;
import dev.mlsec.model.InputException;
import dev.mlsec.model.Workflow;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.StringLength;
import net.jqwik.api.statistics.Statistics;

/** Invariants of the loader over inputs nobody wrote by hand. */
class LoaderPropertiesTest {

  private static final List<byte[]> EXAMPLES =
      Fixtures.examples().stream()
          .map(
              p -> {
                try {
                  return Files.readAllBytes(p);
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              })
          .toList();

  /** Loading returns a workflow or throws an InputException with one line; nothing else. */
  private static void loadsOrRejectsCleanly(byte[] bytes) {
    try {
      Workflow w = WorkflowLoader.parse(bytes, "input.yaml", null, LoadLimits.DEFAULT);
      assertThat(w.formatVersion()).isEqualTo(1);
    } catch (InputException e) {
      assertThat(e.oneLine()).startsWith("input.yaml").doesNotContain("\n");
      assertThat(e.position().line()).isGreaterThanOrEqualTo(0);
    }
  }

  @Property(tries = 300)
  void arbitraryTextLoadsOrFailsCleanly(@ForAll @StringLength(max = 300) String text) {
    loadsOrRejectsCleanly(text.getBytes(StandardCharsets.UTF_8));
  }

  @Property(tries = 300)
  void yamlishTextLoadsOrFailsCleanly(@ForAll("yamlish") String text) {
    loadsOrRejectsCleanly(text.getBytes(StandardCharsets.UTF_8));
  }

  @Property(tries = 600)
  void mutatedExamplesLoadOrFailCleanly(@ForAll("mutatedExamples") byte[] bytes) {
    loadsOrRejectsCleanly(bytes);
  }

  /** Loader and JSON Schema give the same verdict on documents whose ids all resolve. */
  @Property(tries = 250)
  void loaderAndSchemaAgree(@ForAll("documents") String yaml) {
    boolean loads;
    try {
      WorkflowLoader.parse(yaml, "doc.yaml", null);
      loads = true;
    } catch (InputException e) {
      loads = false;
    }
    Statistics.collect(loads ? "valid" : "invalid");
    Statistics.coverage(
        c -> {
          c.check("valid").percentage(p -> p > 10);
          c.check("invalid").percentage(p -> p > 20);
        });
    var errors = SchemaTest.validate(yaml);
    assertThat(errors.isEmpty()).as("schema errors %s for\n%s", errors, yaml).isEqualTo(loads);
  }

  @Provide
  Arbitrary<String> yamlish() {
    Arbitrary<String> token =
        Arbitraries.of(
            "mlsec: 1\n",
            "system: x\n",
            "components:\n",
            "flows:\n",
            "  a:\n",
            "    kind: actor\n",
            "  - a -> b\n",
            "- ",
            ": ",
            "[",
            "]",
            "{",
            "}",
            "&x ",
            "*x",
            "!!str ",
            "? ",
            "|\n",
            "'",
            "\"",
            "#",
            "\n",
            "  ",
            "unknown",
            "true",
            "yes",
            "~",
            "0x1F",
            "<<: *x\n",
            "%YAML 1.2\n---\n",
            "\t",
            "\\u0000");
    return token.list().ofMaxSize(40).map(l -> String.join("", l));
  }

  @Provide
  Arbitrary<byte[]> mutatedExamples() {
    return Combinators.combine(
            Arbitraries.integers().between(0, EXAMPLES.size() - 1),
            Arbitraries.longs(),
            Arbitraries.integers().between(1, 8))
        .as((i, seed, n) -> mutate(EXAMPLES.get(i), new Random(seed), n));
  }

  private static final String[] SPLICES = {
    "*a",
    "&a ",
    ": ",
    "- ",
    "[",
    "]",
    "{",
    "}",
    "\n",
    "  ",
    "unknown",
    "->",
    "<->",
    "@",
    "'",
    "\"",
    "kind: llm",
    "yes",
    "null",
    "1e9",
    "\u00e9",
    "\t",
    "<<: *a"
  };

  private static byte[] mutate(byte[] original, Random r, int n) {
    List<Byte> b = new ArrayList<>(original.length + 64);
    for (byte x : original) b.add(x);
    for (int k = 0; k < n && !b.isEmpty(); k++) {
      int at = r.nextInt(b.size());
      switch (r.nextInt(5)) {
        case 0 -> b.set(at, (byte) r.nextInt(256));
        case 1 -> {
          int len = Math.min(b.size() - at, 1 + r.nextInt(20));
          b.subList(at, at + len).clear();
        }
        case 2 -> {
          int len = Math.min(b.size() - at, 1 + r.nextInt(40));
          List<Byte> copy = new ArrayList<>(b.subList(at, at + len));
          b.addAll(r.nextInt(b.size() + 1), copy);
        }
        case 3 -> {
          byte[] s = SPLICES[r.nextInt(SPLICES.length)].getBytes(StandardCharsets.UTF_8);
          for (int j = 0; j < s.length; j++) b.add(at + j, s[j]);
        }
        default -> {
          int other = r.nextInt(b.size());
          Byte t = b.get(at);
          b.set(at, b.get(other));
          b.set(other, t);
        }
      }
    }
    byte[] out = new byte[b.size()];
    for (int i = 0; i < out.length; i++) out[i] = b.get(i);
    return out;
  }

  /**
   * Small documents whose structure is right but whose keys and values are drawn partly from the
   * component's own kind and partly from every kind's vocabulary, so about half are wrong in ways a
   * schema can express.
   */
  @Provide
  Arbitrary<String> documents() {
    Set<String> allKeys = new LinkedHashSet<>(List.of("name", "kindd"));
    Set<String> allWords = new LinkedHashSet<>(List.of("unknown", "none", "10/min", "3/hours"));
    for (ComponentKind k : ComponentKind.values()) {
      for (AttributeSpec a : k.attributes().values()) {
        allKeys.add(a.name());
        allWords.addAll(a.values());
      }
    }
    List<String> noise =
        List.of(
            "true",
            "false",
            "yes",
            "3",
            "[drift, cost]",
            "[drift, drift]",
            "[]",
            "\"true\"",
            "~",
            "{a: b}",
            "[unknown]",
            "x y",
            "unknown");
    Arbitrary<String> anyAttribute =
        Combinators.combine(
                Arbitraries.of(List.copyOf(allKeys)),
                Arbitraries.oneOf(Arbitraries.of(List.copyOf(allWords)), Arbitraries.of(noise)))
            .as((k, v) -> k + ": " + v);
    Arbitrary<String> component =
        Arbitraries.of(ComponentKind.values())
            .flatMap(
                kind -> {
                  List<AttributeSpec> own = List.copyOf(kind.attributes().values());
                  Arbitrary<String> ownAttribute =
                      own.isEmpty()
                          ? anyAttribute
                          : Arbitraries.of(own)
                              .flatMap(
                                  a ->
                                      Arbitraries.frequencyOf(
                                              net.jqwik.api.Tuple.of(6, validValue(a)),
                                              net.jqwik.api.Tuple.of(1, Arbitraries.of(noise)))
                                          .map(v -> a.name() + ": " + v));
                  Arbitrary<String> attribute =
                      Arbitraries.frequencyOf(
                          net.jqwik.api.Tuple.of(6, ownAttribute),
                          net.jqwik.api.Tuple.of(1, anyAttribute));
                  Arbitrary<String> kindWord =
                      Arbitraries.frequencyOf(
                          net.jqwik.api.Tuple.of(12, Arbitraries.just(kind.id())),
                          net.jqwik.api.Tuple.of(
                              1, Arbitraries.of("data-sorce", "LLM", "[actor]")));
                  return Combinators.combine(
                          kindWord,
                          attribute.list().ofMaxSize(3).uniqueElements(x -> x.split(":", 2)[0]))
                      .as(
                          (k, attrs) -> {
                            StringBuilder c = new StringBuilder("    kind: " + k + "\n");
                            for (String a : attrs) c.append("    ").append(a).append('\n');
                            return c.toString();
                          });
                });
    return component
        .list()
        .ofMinSize(1)
        .ofMaxSize(4)
        .map(
            comps -> {
              StringBuilder y = new StringBuilder("mlsec: 1\nsystem: generated\ncomponents:\n");
              for (int i = 0; i < comps.size(); i++) {
                y.append("  c").append(i).append(":\n").append(comps.get(i));
              }
              y.append("flows:\n");
              for (int i = 1; i < comps.size(); i++) {
                y.append("  - c0 -> c").append(i).append('\n');
              }
              if (comps.size() == 1) y.append("  []\n");
              return y.toString();
            });
  }

  private static Arbitrary<String> validValue(AttributeSpec a) {
    return switch (a.type()) {
      case BOOL -> Arbitraries.of("true", "false", "unknown");
      case ENUM -> Arbitraries.of(a.values());
      case ENUM_LIST ->
          Arbitraries.of(a.values())
              .list()
              .ofMaxSize(3)
              .uniqueElements()
              .map(l -> l.size() == 1 ? l.get(0) : "[" + String.join(", ", l) + "]");
      case TEXT -> Arbitraries.of("pytorch", "models/*.onnx", "'quoted text'");
      case RATE -> Arbitraries.of("none", "100/min", "7/second", "1/day");
    };
  }
}
