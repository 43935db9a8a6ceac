package dev.mlsec.scan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The sixth blind evaluation ({@code bench/scan/blind6/}, written before its author read the
 * scanner). The files still judged wrongly are listed, so a file that changes its verdict either
 * way fails the test (drop it from the list when fixed).
 */
class Blind6SetTest {

  /**
   * Benign files still not clean: none. OneCycleLR's state_dict keeps {@code anneal_func}, a bound
   * private method pickled as getattr(scheduler, '_annealing_linear'), the class of blind5's qmc
   * PoissonDisk: clean since class_attrs.py records private plain methods.
   */
  private static final Set<String> KNOWN_FALSE_POSITIVES = Set.of();

  /** Adversarial files still clean. */
  private static final Set<String> KNOWN_FALSE_NEGATIVES = Set.of();

  @Test
  void benignFilesAreCleanExceptTheKnownOnes() throws Exception {
    BlindSets.assertWrongOnly("blind6", "benign", KNOWN_FALSE_POSITIVES, 190);
  }

  @Test
  void adversarialFilesAreNeverCleanExceptTheKnownOnes() throws Exception {
    BlindSets.assertWrongOnly("blind6", "adversarial", KNOWN_FALSE_NEGATIVES, 110);
  }

  /** The classes fixed after the scan, each reported by its rule. */
  @Test
  void theFixedClassesAreFlaggedByTheirRule() throws Exception {
    BlindSets.assertFlaggedBy(
        "blind6",
        Map.ofEntries(
            Map.entry("mlflow_pyfunc_code_paths/MLmodel", "mlflow.code-path"),
            Map.entry("mlflow_pyfunc_code_paths/code/helpers/__init__.py", "mlflow.code-path"),
            Map.entry("mlflow_pyfunc_code_paths/python_model.pkl", "mlflow.code-path"),
            Map.entry(
                "spark_pipeline_pickled_udf/stages/0_PickledUDFTransformer_4f2a/metadata/part-00000",
                "spark.stage-class"),
            Map.entry("spark_pipeline_stage_py/mlsec_blind6_stage.py", "spark.stage-class"),
            Map.entry("spark_parammap_b64_udf/metadata/part-00000", "pickle.exec"),
            // re-exports resolved to what they are
            Map.entry("a_reexport_bz2_builtin_open.pkl", "pickle.file"),
            Map.entry("a_reexport_tokenize_builtin_open.pkl", "pickle.file"),
            Map.entry("b_sklearn_utils_joblib_load.pkl", "pickle.nested-unpickle"),
            Map.entry("b_sklearn_utils_joblib_dump.pkl", "pickle.file"),
            Map.entry("b_statsmodels_iolib_api_load_pickle.pkl", "pickle.nested-unpickle")));
  }

  /** The benign Spark ML and MLflow folders (code: null) stay clean file by file. */
  @Test
  void theBenignSparkAndMlflowFoldersStayClean() throws Exception {
    Scanner s = new Scanner();
    int n = 0;
    for (String f : BlindSets.files("blind6", "benign")) {
      if (!f.startsWith("spark_") && !f.startsWith("mlflow_")) continue;
      FileReport r = s.scan(BlindSets.dir("blind6", "benign").resolve(f));
      assertThat(r.verdict()).as(BenignCorpusTest.describe(r)).isEqualTo(Verdict.CLEAN);
      n++;
    }
    assertThat(n).isGreaterThan(40);
  }
}
