package dev.mlsec.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlsec.catalog.CatalogLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainWarmUpTest {

  @Test
  void analyzeWithTheBuiltInCatalogLoadsItBesidePicocli() throws Exception {
    Thread loader = Main.warmUp("--debug", "analyze", "examples/card-fraud.yaml").orElseThrow();
    assertThat(loader.isDaemon()).as("must not keep the JVM alive").isTrue();
    loader.join();
    assertThat(CatalogLoader.builtInCompiled().rules()).isNotEmpty();
  }

  @Test
  void otherCommandsAndUserCatalogsStartNothing() {
    assertThat(Main.warmUp("scan", "analyze")).isEmpty();
    assertThat(Main.warmUp("--version")).isEmpty();
    assertThat(Main.warmUp()).isEmpty();
    assertThat(Main.warmUp("analyze", "w.yaml", "--catalog", "mine.yaml")).isEmpty();
    assertThat(Main.warmUp("analyze", "--catalog=mine.yaml", "w.yaml")).isEmpty();
  }

  @Test
  void theConcernIndexOpensEarlyOnlyForAFileThatMentionsConcerns(@TempDir Path dir)
      throws Exception {
    Path with = Files.writeString(dir.resolve("with.yaml"), "concerns:\n  - a leak\n");
    Path without = Files.writeString(dir.resolve("without.yaml"), "mlsec: 1\nsystem: s\n");
    assertThat(Main.mentionsConcerns("analyze", "--format", "json", with.toString())).isTrue();
    assertThat(Main.mentionsConcerns("analyze", without.toString())).isFalse();
    assertThat(Main.mentionsConcerns("analyze", dir.resolve("missing.yaml").toString())).isFalse();
    assertThat(Main.mentionsConcerns("analyze", dir.toString(), "--concerns")).isFalse();
  }
}
