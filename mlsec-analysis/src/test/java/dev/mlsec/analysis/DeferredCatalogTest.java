package dev.mlsec.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.mlsec.catalog.CatalogLoader;
import dev.mlsec.catalog.CompiledCatalog;
import dev.mlsec.model.Workflow;
import dev.mlsec.model.load.WorkflowLoader;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * An analyzer given the catalog at once and its compiled conditions later (the command line's cold
 * start, where another thread still plans them): the same analysis as with the compiled catalog at
 * hand, and a failure of that other thread reaches the caller.
 */
class DeferredCatalogTest {
  static final LocalDate TODAY = LocalDate.of(2026, 11, 28);

  /** Only turns a hang into a failure; nothing here is timed. */
  static final Duration HANG = Duration.ofMinutes(2);

  static Workflow example(String name) {
    return WorkflowLoader.load(Examples.file(name));
  }

  /**
   * The built-in compiled catalog, made ready on another thread only once the rules have asked for
   * it: the concerns' thread, the workflow checks and the facts have all run without it.
   */
  static Supplier<CompiledCatalog> late() {
    CountDownLatch asked = new CountDownLatch(1);
    CompletableFuture<CompiledCatalog> ready = new CompletableFuture<>();
    Thread planner =
        new Thread(
            () -> {
              try {
                asked.await();
                ready.complete(CatalogLoader.builtInCompiled());
              } catch (InterruptedException | RuntimeException e) {
                ready.completeExceptionally(e);
              }
            },
            "test-planner");
    planner.setDaemon(true);
    planner.start();
    return () -> {
      asked.countDown();
      return ready.join();
    };
  }

  // every example has concerns, so their thread runs beside the facts while the catalog waits
  @ParameterizedTest
  @ValueSource(
      strings = {
        "card-fraud.yaml",
        "coding-agent.yaml",
        "image-moderation.yaml",
        "keyboard-federated.yaml",
        "support-assistant.yaml"
      })
  void theAnalysisIsTheSameWhetherTheCompiledCatalogIsReadyEarlyOrLate(String name) {
    Workflow w = example(name);
    assertThat(w.concerns()).isNotEmpty();
    Analysis early = new Analyzer(CatalogLoader.builtInCompiled()).analyze(w, TODAY);
    Analyzer deferred = new Analyzer(CatalogLoader.builtInCatalog(), late(), Optional.empty());
    Analysis late = assertTimeoutPreemptively(HANG, () -> deferred.analyze(w, TODAY));
    assertThat(late).isEqualTo(early);
    assertThat(late.findings()).isNotEmpty();
    assertThat(late.concerns()).hasSameSizeAs(w.concerns());
    // once taken, the compiled catalog stays: a second workflow gives the same again
    assertThat(deferred.analyze(w, TODAY)).isEqualTo(early);
  }

  @Test
  void theBuiltInCatalogGivenEarlyIsTheOneItsCompiledFormHolds() {
    assertThat(CatalogLoader.builtInCompiled().catalog()).isSameAs(CatalogLoader.builtInCatalog());
  }

  @Test
  void theCompiledCatalogIsAskedForOnceAndOnlyWhenTheRulesRun() {
    List<String> asked = new ArrayList<>();
    Analyzer deferred =
        new Analyzer(
            CatalogLoader.builtInCatalog(),
            () -> {
              asked.add("compiled");
              return CatalogLoader.builtInCompiled();
            },
            Optional.empty());
    assertThat(asked).isEmpty();
    Workflow w = example("card-fraud.yaml");
    deferred.analyze(w, TODAY);
    deferred.analyze(w, TODAY);
    assertThat(asked).containsExactly("compiled");
  }

  /**
   * While the rules wait for the compiled catalog the analyzer holds no lock its other threads
   * need: the concerns' thread takes the analyzer's own lock to open the index (reverted f1df11c
   * waited under that lock, so the wait and the index no longer overlapped, or deadlocked when the
   * planning needed the index).
   */
  @Test
  void waitingForTheCompiledCatalogHoldsNoLockOfTheAnalyzer() {
    Analyzer[] self = new Analyzer[1];
    Supplier<CompiledCatalog> needsTheAnalyzersLock =
        () -> {
          Thread other =
              new Thread(
                  () -> {
                    synchronized (self[0]) {
                      // what the concerns' thread does to open the index
                    }
                  },
                  "test-lock");
          other.start();
          try {
            other.join();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
          }
          return CatalogLoader.builtInCompiled();
        };
    self[0] = new Analyzer(CatalogLoader.builtInCatalog(), needsTheAnalyzersLock, Optional.empty());
    Workflow w = example("card-fraud.yaml");
    Analysis a = assertTimeoutPreemptively(HANG, () -> self[0].analyze(w, TODAY));
    assertThat(a).isEqualTo(new Analyzer(CatalogLoader.builtInCompiled()).analyze(w, TODAY));
  }

  @Test
  void aFailureWhileTheConditionsArePlannedReachesTheCallerInsteadOfHanging() {
    RuntimeException failure = new IllegalStateException("the catalog thread failed");
    AtomicInteger calls = new AtomicInteger();
    // fails like a planning thread whose result is taken: the first time, on that other thread
    Supplier<CompiledCatalog> failingOnce =
        () -> {
          if (calls.getAndIncrement() > 0) return CatalogLoader.builtInCompiled();
          CompletableFuture<CompiledCatalog> planned =
              CompletableFuture.supplyAsync(
                  () -> {
                    throw failure;
                  });
          try {
            return planned.join();
          } catch (java.util.concurrent.CompletionException e) {
            throw (RuntimeException) e.getCause();
          }
        };
    Analyzer deferred = new Analyzer(CatalogLoader.builtInCatalog(), failingOnce, Optional.empty());
    Workflow w = example("card-fraud.yaml"); // with concerns: their thread is running meanwhile
    assertTimeoutPreemptively(
        HANG, () -> assertThatThrownBy(() -> deferred.analyze(w, TODAY)).isSameAs(failure));
    // nothing of the failure is kept: the next analysis asks again and succeeds
    Analysis again = assertTimeoutPreemptively(HANG, () -> deferred.analyze(w, TODAY));
    assertThat(again).isEqualTo(new Analyzer(CatalogLoader.builtInCompiled()).analyze(w, TODAY));
    assertThat(calls).hasValue(2);
  }

  @Test
  void aCompiledCatalogOfAnotherCatalogIsRefused() {
    Analyzer mismatched =
        new Analyzer(
            TestCatalog.CATALOG.catalog(), CatalogLoader::builtInCompiled, Optional.empty());
    assertThatThrownBy(
            () ->
                mismatched.analyze(
                    TestCatalog.workflow("mlsec: 1\nsystem: t\n" + AnalyzerTest.api("none", "")),
                    TODAY))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("not the analyzer's catalog");
  }
}
