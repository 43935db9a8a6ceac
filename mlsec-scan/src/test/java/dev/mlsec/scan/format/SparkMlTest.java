package dev.mlsec.scan.format;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlsec.scan.FileReport;
import dev.mlsec.scan.Scanner;
import dev.mlsec.scan.Verdict;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Spark ML folders in the layout PipelineModel.save writes (metadata/part-00000, _SUCCESS, stages/
 * &lt;n&gt;_&lt;uid&gt;/): Spark's own stages are clean; a stage naming another class, the module
 * shipped beside the pipeline that holds it, and a base64 pickle in a paramMap are flagged.
 */
class SparkMlTest {
  @TempDir Path tmp;
  private ModelFolder folder;

  @BeforeEach
  void folder() {
    folder = new ModelFolder(tmp);
  }

  static String metadata(String cls, String uid, String paramMap) {
    return "{\"class\":\""
        + cls
        + "\",\"timestamp\":1767225600000,\"sparkVersion\":\"3.5.0\",\"uid\":\""
        + uid
        + "\",\"paramMap\":"
        + paramMap
        + ",\"defaultParamMap\":{}}\n";
  }

  /** A PipelineModel folder under {@code root} with the given stage classes. */
  private void pipeline(String root, String... classes) throws Exception {
    StringBuilder uids = new StringBuilder();
    for (int i = 0; i < classes.length; i++) {
      String simple = classes[i].substring(classes[i].lastIndexOf('.') + 1);
      String uid = simple + "_" + (1000 + i);
      uids.append(i == 0 ? "" : ",").append('"').append(uid).append('"');
      folder.write(
          root + "/stages/" + i + "_" + uid + "/metadata/part-00000",
          metadata(classes[i], uid, "{\"inputCol\":\"text\",\"outputCol\":\"out" + i + "\"}"));
      folder.write(root + "/stages/" + i + "_" + uid + "/metadata/_SUCCESS", "");
    }
    folder.write(
        root + "/metadata/part-00000",
        metadata(
            "pyspark.ml.pipeline.PipelineModel",
            "PipelineModel_9f0e",
            "{\"stageUids\":[" + uids + "],\"language\":\"Python\"}"));
    folder.write(root + "/metadata/_SUCCESS", "");
  }

  @Test
  void sparksOwnStagesAreClean() throws Exception {
    pipeline(
        "p",
        "pyspark.ml.feature.StringIndexerModel",
        "org.apache.spark.ml.feature.VectorAssembler",
        "pyspark.ml.classification.LogisticRegressionModel");
    Path helper = folder.write("helpers.py", "X = 1\n"); // beside, but no stage names it
    Scanner s = new Scanner();
    for (Path p : Scanner.expand(tmp))
      assertThat(s.scan(p).verdict()).as(p.toString()).isEqualTo(Verdict.CLEAN);
    assertThat(s.scan(helper).verdict()).isEqualTo(Verdict.CLEAN);
  }

  @Test
  void aCustomStageClassAndItsShippedModuleAreFlagged() throws Exception {
    pipeline("model/sparkml", "pyspark.ml.feature.Tokenizer", "my_stages.text.CleanText");
    // the module beside the pipeline, as mlflow.spark's code_paths ship it (model/code/...)
    Path mod = folder.write("model/code/my_stages/text.py", "class CleanText:\n    pass\n");
    Path pkg = folder.write("model/code/my_stages/__init__.py", "");
    Path flat = folder.write("model/sparkml/my_stages/text.py", "class CleanText:\n    pass\n");
    Path unrelated = folder.write("model/code/other.py", "Y = 1\n");
    Scanner s = new Scanner();
    FileReport meta =
        s.scan(tmp.resolve("model/sparkml/stages/1_CleanText_1001/metadata/part-00000"));
    assertThat(meta.verdict()).isEqualTo(Verdict.SUSPICIOUS);
    assertThat(ModelFolder.rules(meta)).containsExactly("spark.stage-class");
    for (Path p : List.of(mod, flat)) {
      FileReport r = s.scan(p);
      assertThat(ModelFolder.rules(r)).as(p.toString()).containsExactly("spark.stage-class");
      assertThat(r.findings().get(0).callChain().get(0))
          .contains("stages/1_CleanText_1001/metadata/part-00000");
    }
    // the package's __init__ is module my_stages, not my_stages.text
    assertThat(s.scan(pkg).verdict()).isEqualTo(Verdict.CLEAN);
    assertThat(s.scan(unrelated).verdict()).isEqualTo(Verdict.CLEAN);
    // the same answers through one session (the folders read once)
    List<FileReport> all = s.scanAll(List.of(tmp));
    assertThat(all.stream().filter(r -> r.verdict() != Verdict.CLEAN).map(FileReport::path))
        .hasSize(3);
  }

  @Test
  void aBase64PickleInTheParamMapIsScannedAsAMember() throws Exception {
    String udf =
        Base64.getEncoder()
            .encodeToString(
                "\u0080\u0002cposix\nsystem\nX\u0004\u0000\u0000\u0000echo\u0085R."
                    .getBytes(StandardCharsets.ISO_8859_1));
    Path p =
        folder.write(
            "p/metadata/part-00000",
            metadata(
                "pyspark.ml.feature.SQLTransformer",
                "SQLTransformer_1",
                "{\"statement\":\"SELECT * FROM __THIS__\",\"udf\":\"" + udf + "\"}"));
    FileReport r = new Scanner().scan(p);
    assertThat(r.verdict()).isEqualTo(Verdict.MALICIOUS);
    assertThat(r.findings()).anyMatch(f -> f.member().equals("paramMap.udf"));
    // base64 text that is no pickle ("text", a uid) is a parameter, not a payload
    assertThat(SparkMl.base64Pickle("dGV4dCB0ZXh0")).isNull();
    assertThat(SparkMl.base64Pickle("abc")).isNull();
    Path plain =
        folder.write(
            "q/metadata/part-00000",
            metadata("pyspark.ml.feature.Tokenizer", "Tok_1", "{\"inputCol\":\"dGV4dCB0ZXh0\"}"));
    assertThat(new Scanner().scan(plain).verdict()).isEqualTo(Verdict.CLEAN);
  }

  @Test
  void otherJsonWithAClassKeyIsNoSparkMetadata() throws Exception {
    Path p = folder.write("config.json", "{\"class\":\"my.Model\",\"uid\":\"x\"}");
    assertThat(new Scanner().scan(p).verdict()).isEqualTo(Verdict.CLEAN);
  }
}
