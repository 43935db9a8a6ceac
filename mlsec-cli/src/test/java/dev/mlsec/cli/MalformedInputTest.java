package dev.mlsec.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every malformed workflow of the loader's fixtures, through the real command: exit code 2 and one
 * line on stderr per {@code # error:} header of the fixture (exactly one for most), {@code
 * file:line:column: message}, at the positions the headers name, and never a stack trace.
 */
class MalformedInputTest {
  static final Path FIXTURES =
      Path.of("..", "mlsec-model", "src", "test", "resources", "malformed");
  static final Pattern HEADER = Pattern.compile("^# error: (\\d+):(\\d+): (.*)$");

  static Stream<Path> fixtures() throws IOException {
    try (Stream<Path> s = Files.list(FIXTURES)) {
      List<Path> files = s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
      assertThat(files).hasSizeGreaterThanOrEqualTo(12);
      return files.stream();
    }
  }

  @ParameterizedTest
  @MethodSource("fixtures")
  void analyzeAndValidateGiveOneLineAndExitTwo(Path fixture) throws IOException {
    List<String> lines = Files.readAllLines(fixture);
    Matcher header = HEADER.matcher(lines.get(0));
    assertThat(header.matches()).as("header of " + fixture).isTrue();
    String where = fixture + ":" + header.group(1) + ":" + header.group(2) + ": ";
    long errors = lines.stream().takeWhile(l -> HEADER.matcher(l).matches()).count();
    for (String command : new String[] {"analyze", "validate"}) {
      CliTest.Run r = CliTest.run(command, fixture.toString());
      assertThat(r.code()).as(command).isEqualTo(2);
      assertThat(r.out()).isEmpty();
      assertThat(r.err().lines())
          .as(r.err())
          .hasSize((int) errors)
          .allMatch(l -> l.startsWith("mlsec: " + fixture + ":"));
      assertThat(r.err())
          .startsWith("mlsec: " + where)
          .doesNotContain("Exception")
          .doesNotContain("\tat ");
    }
  }
}
