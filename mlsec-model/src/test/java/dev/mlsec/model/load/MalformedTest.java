package dev.mlsec.model.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.mlsec.model.InputException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every fixture in resources/malformed fails with the line, column and message its header names.
 */
class MalformedTest {

  static List<Malformed> fixtures() {
    return Malformed.all();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fixtures")
  void failsAtTheNamedPlaceWithTheNamedMessage(Malformed m) {
    // the time bound is only a safety net for the limits; the assertion is the error itself
    InputException e =
        assertTimeoutPreemptively(
            Duration.ofSeconds(5),
            () -> assertThrows(InputException.class, () -> WorkflowLoader.load(m.file())));
    String line = e.oneLine();
    assertThat(line)
        .as("one line")
        .doesNotContain("\n")
        .startsWith(m.file() + ":" + m.line() + ":" + m.column() + ": ")
        .contains(m.expected());
    // a fixture with one mistake gives one line; one with several gives one line per mistake
    assertThat(e.lines()).as("lines").hasSameSizeAs(m.errors());
    for (int i = 0; i < m.errors().size(); i++) {
      String expected = m.errors().get(i);
      int colon = expected.indexOf(": ");
      assertThat(e.lines().get(i))
          .startsWith(m.file() + ":" + expected.substring(0, colon) + ": ")
          .contains(expected.substring(colon + 2));
    }
  }

  @Test
  void thereAreEnoughFixtures() {
    assertThat(fixtures()).hasSizeGreaterThanOrEqualTo(14);
  }
}
