package dev.mlsec.report.baseline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlsec.model.InputException;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** A baseline is user input: any text either parses or is one InputException, never a crash. */
class BaselinePropertiesTest {

  @Property(tries = 500)
  void anyTextParsesOrIsAUserError(@ForAll("jsonish") String text) {
    try {
      Baseline b = Baseline.parse(text, "b.json");
      assertThat(b.findings()).allSatisfy(e -> assertThat(e.id()).isNotEmpty());
    } catch (InputException e) {
      assertThat(e.oneLine()).startsWith("b.json:");
    }
  }

  @Provide
  Arbitrary<String> jsonish() {
    Arbitrary<String> pieces =
        Arbitraries.of(
            "{",
            "}",
            "[",
            "]",
            ",",
            ":",
            "\"findings\"",
            "\"id\"",
            "\"x@y\"",
            "null",
            "1",
            "true",
            "\"flow\"",
            "\"component\"",
            " ",
            "\"");
    return pieces.list().ofMaxSize(30).map(l -> String.join("", l));
  }
}
