package dev.mlsec.scan.format;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlsec.scan.FileReport;
import dev.mlsec.scan.Scanner;
import dev.mlsec.scan.Verdict;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * MLflow models saved with {@code code_paths}: the MLmodel, the modules of the code directory and a
 * pickle importing one of them are flagged (suspicious); the same models without code paths ({@code
 * code: null}, as MLflow writes it) stay clean.
 */
class MlflowCodePathsTest {
  @TempDir Path tmp;
  private ModelFolder folder;

  @BeforeEach
  void folder() {
    folder = new ModelFolder(tmp);
  }

  /** An MLmodel as mlflow.pyfunc.save_model writes it; {@code code} is "code" or "null". */
  static String mlmodel(String code, String loader) {
    return "artifact_path: model\n"
        + "flavors:\n"
        + "  python_function:\n"
        + "    cloudpickle_version: 3.0.0\n"
        + "    code: "
        + code
        + "\n"
        + "    env:\n"
        + "      conda: conda.yaml\n"
        + "      virtualenv: python_env.yaml\n"
        + "    loader_module: "
        + loader
        + "\n"
        + "    python_model: python_model.pkl\n"
        + "    python_version: 3.11.2\n"
        + "mlflow_version: 2.9.2\n"
        + "model_uuid: 0f0e0d0c0b0a09080706050403020100\n"
        + "utc_time_created: '2026-01-01 00:00:00.000000'\n";
  }

  /** Protocol 2: an object of module.Class rebuilt by NEWOBJ (cloudpickle by reference). */
  static byte[] instance(String module, String cls) {
    String s = "\u0080\u0002c" + module + "\n" + cls + "\nq\u0000)\u0081q\u0001}q\u0002b.";
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  @Test
  void aCodeDirectoryTheModelShipsIsFlaggedWithItsModulesAndThePickleImportingThem()
      throws Exception {
    folder.write("model/MLmodel", mlmodel("code", "mlflow.pyfunc.model"));
    folder.write("model/conda.yaml", "name: mlflow-env\ndependencies:\n- python=3.11.2\n");
    Path init = folder.write("model/code/helpers/__init__.py", "class Model:\n    pass\n");
    Path deep = folder.write("model/code/helpers/sub/impl.py", "X = 1\n");
    Path flat = folder.write("model/code/utils.py", "Y = 2\n");
    Path pkl = folder.write("model/python_model.pkl", instance("helpers", "Model"));
    Path other = folder.write("model/artifacts/other.pkl", instance("utils", "Thing"));
    Path unrelated =
        folder.write("model/artifacts/plain.pkl", instance("collections", "OrderedDict"));
    Scanner s = new Scanner();
    for (Path p : List.of(tmp.resolve("model/MLmodel"), init, deep, flat, pkl, other)) {
      FileReport r = s.scan(p);
      assertThat(r.verdict()).as(p.toString()).isEqualTo(Verdict.SUSPICIOUS);
      assertThat(ModelFolder.rules(r)).as(p.toString()).contains("mlflow.code-path");
    }
    // a pickle of the model that imports nothing the code directory holds
    assertThat(ModelFolder.rules(s.scan(unrelated))).doesNotContain("mlflow.code-path");
    assertThat(s.scan(tmp.resolve("model/conda.yaml")).verdict()).isEqualTo(Verdict.CLEAN);
  }

  @Test
  void aShippedModuleShadowingAnInstalledPackageIsWhatThePickleImports() throws Exception {
    folder.write("m/MLmodel", mlmodel("code", "mlflow.sklearn"));
    folder.write("m/code/numpy.py", "import os\n");
    Path pkl = folder.write("m/model.pkl", instance("numpy", "dtype"));
    FileReport r = s().scan(pkl);
    assertThat(ModelFolder.rules(r)).contains("mlflow.code-path");
    assertThat(r.findings().stream().filter(f -> f.ruleId().equals("mlflow.code-path")))
        .allMatch(f -> f.callChain().contains("import numpy"));
  }

  @Test
  void withoutCodePathsTheSameModelIsClean() throws Exception {
    folder.write("model/MLmodel", mlmodel("null", "mlflow.pyfunc.model"));
    Path py = folder.write("model/code/helpers/__init__.py", "class Model:\n    pass\n");
    Path pkl = folder.write("model/python_model.pkl", instance("helpers", "Model"));
    Scanner s = s();
    assertThat(s.scan(tmp.resolve("model/MLmodel")).verdict()).isEqualTo(Verdict.CLEAN);
    assertThat(s.scan(py).verdict()).isEqualTo(Verdict.CLEAN);
    assertThat(ModelFolder.rules(s.scan(pkl))).doesNotContain("mlflow.code-path");
  }

  @Test
  void aCustomLoaderModuleStaysTheLoaderCodeRuleAndItsNeighboursAreCodePathModules()
      throws Exception {
    folder.write("model/MLmodel", mlmodel("code", "custom_loader"));
    Path loader = folder.write("model/code/custom_loader.py", "def _load_pyfunc(p):\n    pass\n");
    Path helper = folder.write("model/code/feature_utils.py", "Z = 3\n");
    Scanner s = s();
    assertThat(ModelFolder.rules(s.scan(tmp.resolve("model/MLmodel"))))
        .containsExactly("mlflow.loader-code");
    assertThat(ModelFolder.rules(s.scan(loader))).containsExactly("mlflow.loader-code");
    assertThat(ModelFolder.rules(s.scan(helper))).containsExactly("mlflow.code-path");
  }

  @Test
  void theNearestMlmodelDecidesAndACodePathLeavingTheModelIsIgnored() throws Exception {
    folder.write("outer/MLmodel", mlmodel("code", "mlflow.pyfunc.model"));
    folder.write("outer/inner/MLmodel", mlmodel("null", "mlflow.pyfunc.model"));
    Path py = folder.write("outer/inner/code/x.py", "X = 1\n");
    assertThat(s().scan(py).verdict()).isEqualTo(Verdict.CLEAN);
    folder.write("esc/MLmodel", mlmodel("../elsewhere", "mlflow.pyfunc.model"));
    Path out = folder.write("elsewhere/y.py", "Y = 1\n");
    assertThat(s().scan(out).verdict()).isEqualTo(Verdict.CLEAN);
  }

  @Test
  void codeDirReadsWhatMlflowWrites() {
    assertThat(MlflowCodePaths.codeDir(mlmodel("code", "m").getBytes(StandardCharsets.UTF_8)))
        .isEqualTo("code");
    assertThat(MlflowCodePaths.codeDir(mlmodel("'code/'", "m").getBytes(StandardCharsets.UTF_8)))
        .isEqualTo("code");
    for (String none : List.of("null", "~", "''"))
      assertThat(MlflowCodePaths.codeDir(mlmodel(none, "m").getBytes(StandardCharsets.UTF_8)))
          .as(none)
          .isNull();
  }

  private static Scanner s() {
    return new Scanner();
  }
}
