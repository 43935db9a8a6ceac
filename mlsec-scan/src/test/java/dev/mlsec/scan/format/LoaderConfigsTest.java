package dev.mlsec.scan.format;

import static dev.mlsec.scan.TestReports.rules;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mlsec.scan.FileReport;
import dev.mlsec.scan.Scanner;
import dev.mlsec.scan.TestReports;
import dev.mlsec.scan.Verdict;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Configurations that make a loader import shipped code, and the code files they name. */
class LoaderConfigsTest {

  private static final String SKLEARN_MLMODEL =
      """
      artifact_path: model
      flavors:
        python_function:
          env:
            conda: conda.yaml
          loader_module: mlflow.sklearn
          model_path: model.pkl
          python_version: 3.11.7
        sklearn:
          code: null
          pickled_model: model.pkl
      mlflow_version: 2.9.0
      """;

  private static final String CUSTOM_MLMODEL =
      """
      flavors:
        python_function:
          # the loader shipped in code/
          loader_module: 'pkg.loader'   # a comment
          code: code
      """;

  @TempDir Path tmp;

  private Path write(String rel, String text) throws Exception {
    return TestReports.write(tmp, rel, text);
  }

  @Test
  void theBlockReaderFindsNestedKeysQuotedValuesAndSkipsComments() {
    LoaderConfigs.Pyfunc p = LoaderConfigs.pyfunc(CUSTOM_MLMODEL);
    assertThat(p).isEqualTo(new LoaderConfigs.Pyfunc("pkg.loader", "code"));
    assertThat(LoaderConfigs.pyfunc(SKLEARN_MLMODEL).loaderModule()).isEqualTo("mlflow.sklearn");
    // the sklearn flavor's code key is not the python_function one
    assertThat(LoaderConfigs.pyfunc(SKLEARN_MLMODEL).code()).isNull();
    assertThat(LoaderConfigs.pyfunc("flavors:\n  sklearn:\n    loader_module: x\n")).isNull();
    assertThat(LoaderConfigs.blockKeys("a:\n  - b: 1\n  c: 'x: y'\n")).containsEntry("a.c", "x: y");
  }

  @Test
  void mlflowsOwnFlavorsAreCleanAndAShippedLoaderIsFlaggedWithItsModule() throws Exception {
    Scanner s = new Scanner();
    Path benign = write("sk/MLmodel", SKLEARN_MLMODEL);
    assertThat(s.scan(benign).verdict()).isEqualTo(Verdict.CLEAN);
    Path model = write("custom/MLmodel", CUSTOM_MLMODEL);
    Path loader = write("custom/code/pkg/loader.py", "import os\nos.system('id')\n");
    Path helper = write("custom/code/pkg/helper.py", "X = 1\n");
    FileReport r = s.scan(model);
    assertThat(r.verdict()).isEqualTo(Verdict.SUSPICIOUS);
    assertThat(rules(r)).contains("mlflow.loader-code");
    assertThat(rules(s.scan(loader))).contains("mlflow.loader-code");
    // a module the MLmodel does not name as its loader is not its loader, but it sits in the code
    // directory load_model puts on sys.path (MlflowCodePaths, bench/scan/blind6)
    assertThat(rules(s.scan(helper))).containsExactly("mlflow.code-path");
    // the same loader named inside a zip member is judged by its name too
    assertThat(rules(s.scan(CUSTOM_MLMODEL.getBytes(StandardCharsets.UTF_8), "MLmodel")))
        .contains("mlflow.loader-code");
  }

  @Test
  void autoMapAndCustomPipelinesNameTheModulesTrustRemoteCodeImports() throws Exception {
    Scanner s = new Scanner();
    Path plain = write("plain/config.json", "{\"model_type\": \"bert\", \"hidden_size\": 8}");
    assertThat(s.scan(plain).verdict()).isEqualTo(Verdict.CLEAN);
    Path cfg =
        write(
            "remote/config.json",
            "{\"auto_map\": {\"AutoConfig\": \"configuration_m.MConfig\","
                + " \"AutoModel\": \"sub.modeling_m.MModel\"}}");
    Path tok =
        write(
            "remote/tokenizer_config.json",
            "{\"auto_map\": {\"AutoTokenizer\": [\"tokenization_m.MTok\", null]}}");
    Path modeling = write("remote/sub/modeling_m.py", "import subprocess\n");
    Path tokenization = write("remote/tokenization_m.py", "X = 1\n");
    Path unrelated = write("remote/train.py", "print(1)\n");
    assertThat(rules(s.scan(cfg))).contains("hf.remote-code");
    assertThat(rules(s.scan(tok))).contains("hf.remote-code");
    assertThat(rules(s.scan(modeling))).contains("hf.remote-code");
    assertThat(rules(s.scan(tokenization))).contains("hf.remote-code");
    assertThat(s.scan(unrelated).verdict()).isEqualTo(Verdict.CLEAN);
    Path pipes =
        write(
            "pipes/config.json",
            "{\"custom_pipelines\": {\"pair\": {\"impl\": \"pair_pipe.PairPipeline\"}}}");
    assertThat(rules(s.scan(pipes))).contains("hf.remote-code");
    // code of another repository: flagged, and no local file is taken for it
    Path other =
        write("other/config.json", "{\"auto_map\": {\"AutoModel\": \"o/r--modeling_m.MModel\"}}");
    assertThat(s.scan(other).findings().get(0).message()).contains("another repository");
    assertThat(LoaderConfigs.modulePath("o/r--modeling_m.MModel")).isNull();
  }
}
