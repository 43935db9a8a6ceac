package dev.mlsec.analysis.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlsec.catalog.CatalogLoader;
import dev.mlsec.catalog.ControlDef;
import dev.mlsec.catalog.Threat;
import dev.mlsec.catalog.doc.CatalogDocument;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every catalog threat has an annotated fixture pair: fires.yaml expects a finding of the threat,
 * quiet.yaml differs in one stated fact and expects that finding not to appear.
 */
class FixtureCompletenessTest {

  private static final List<String> THREATS =
      CatalogLoader.builtIn().threats().stream().map(Threat::id).toList();

  static Path fixtures() throws URISyntaxException {
    return Path.of(FixtureCompletenessTest.class.getResource("/fixtures/threats").toURI());
  }

  @Test
  void theDocumentsReadTheSameCatalogAsTheAnalysis() {
    assertThat(CatalogDocument.builtIn().threats())
        .extracting(t -> t.text("id"))
        .containsExactlyElementsOf(THREATS);
    assertThat(CatalogDocument.builtIn().controls())
        .extracting(c -> c.text("id"))
        .containsExactlyElementsOf(
            CatalogLoader.builtIn().controls().stream().map(ControlDef::id).toList());
  }

  @Test
  void everyThreatHasAFiresAndAQuietFixture() throws Exception {
    List<String> missing = new ArrayList<>();
    for (String t : THREATS) {
      Path dir = fixtures().resolve(t);
      for (String f : List.of("fires.yaml", "quiet.yaml")) {
        if (!Files.isRegularFile(dir.resolve(f))) {
          missing.add(t + "/" + f);
        }
      }
    }
    assertThat(missing).as("fixtures missing under fixtures/threats").isEmpty();
  }

  @Test
  void noFixtureForAThreatTheCatalogDoesNotHave() throws Exception {
    Set<String> threats = Set.copyOf(THREATS);
    try (Stream<Path> dirs = Files.list(fixtures())) {
      assertThat(dirs.map(p -> p.getFileName().toString()).filter(n -> !threats.contains(n)))
          .isEmpty();
    }
  }

  @Test
  void annotationsNameTheThreatAndTheDifference() throws Exception {
    for (String id : THREATS) {
      Path dir = fixtures().resolve(id);
      List<String> expect = annotations(dir.resolve("fires.yaml"), "# expect:");
      assertThat(expect)
          .as(id + " fires.yaml # expect:")
          .isNotEmpty()
          .allMatch(f -> f.startsWith(id + "@"));
      List<String> expectNot = annotations(dir.resolve("quiet.yaml"), "# expect-not:");
      assertThat(expectNot).as(id + " quiet.yaml # expect-not:").containsExactlyElementsOf(expect);
      assertThat(annotations(dir.resolve("quiet.yaml"), "# differs:"))
          .as(id + " quiet.yaml # differs:")
          .hasSize(1);
    }
  }

  @Test
  void quietDiffersFromFiresInOneLine() throws Exception {
    for (String id : THREATS) {
      Path dir = fixtures().resolve(id);
      List<String> fires = body(dir.resolve("fires.yaml"));
      List<String> quiet = body(dir.resolve("quiet.yaml"));
      Set<String> onlyFires = new TreeSet<>(fires);
      onlyFires.removeAll(quiet);
      Set<String> onlyQuiet = new TreeSet<>(quiet);
      onlyQuiet.removeAll(fires);
      assertThat(onlyFires.size() + onlyQuiet.size())
          .as(id + ": fires and quiet differ in " + onlyFires + " / " + onlyQuiet)
          .isBetween(1, 4);
    }
  }

  private static List<String> annotations(Path file, String prefix) throws IOException {
    return Files.readAllLines(file).stream()
        .filter(l -> l.startsWith(prefix))
        .map(l -> l.substring(prefix.length()).strip())
        .toList();
  }

  private static List<String> body(Path file) throws IOException {
    return Files.readAllLines(file).stream().filter(l -> !l.startsWith("#")).toList();
  }
}
