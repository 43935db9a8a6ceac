package dev.mlsec.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlsec.catalog.CatalogLoader;
import org.junit.jupiter.api.Test;

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
}
