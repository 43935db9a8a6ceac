package dev.mlsec.scan.format;

import static dev.mlsec.scan.TestReports.rules;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mlsec.scan.FileReport;
import dev.mlsec.scan.Scanner;
import dev.mlsec.scan.TestReports;
import dev.mlsec.scan.Verdict;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Code a loader runs by convention (torch.hub hubconf.py, transformers custom_generate) or by a
 * PEFT adapter config's auto_mapping: flagged as auto_map modules are (suspicious).
 */
class LoaderConventionsTest {
  @TempDir Path tmp;

  private Path write(String rel, String text) throws Exception {
    return TestReports.write(tmp, rel, text);
  }

  private static String adapter(String autoMapping) {
    return "{\"peft_type\": \"LORA\", \"r\": 8, \"target_modules\": [\"q_proj\"],"
        + " \"auto_mapping\": "
        + autoMapping
        + "}";
  }

  @Test
  void aHubconfIsCodeTorchHubRunsWhereverTheRepositoryIs() throws Exception {
    Scanner s = new Scanner();
    for (String rel : new String[] {"hubconf.py", "repo/hubconf.py", "a/b/c/hubconf.py"}) {
      FileReport r = s.scan(write(rel, "dependencies = ['torch']\ndef m(**k):\n    return None\n"));
      assertThat(r.verdict()).as(rel).isEqualTo(Verdict.SUSPICIOUS);
      assertThat(rules(r)).as(rel).containsExactly("torch.hub-code");
    }
    // other module names of a hub repository are not entry points
    assertThat(s.scan(write("repo/models.py", "X = 1\n")).verdict()).isEqualTo(Verdict.CLEAN);
  }

  @Test
  void customGenerateIsTheGenerateModuleOnlyInItsFolder() throws Exception {
    Scanner s = new Scanner();
    FileReport r = s.scan(write("m/custom_generate/generate.py", "def generate(m):\n  pass\n"));
    assertThat(rules(r)).containsExactly("hf.remote-code");
    assertThat(s.scan(write("m/tools/generate.py", "X = 1\n")).verdict()).isEqualTo(Verdict.CLEAN);
  }

  @Test
  void aPeftAutoMappingOutsideTheModelLibrariesIsFlaggedWithItsModule() throws Exception {
    Scanner s = new Scanner();
    Path cfg =
        write(
            "local/adapter_config.json",
            adapter("{\"base_model_class\": \"M\", \"parent_library\": \"my_pkg.modeling\"}"));
    Path module = write("local/my_pkg/modeling.py", "import os\n");
    Path other = write("local/my_pkg/other.py", "X = 1\n");
    assertThat(rules(s.scan(cfg))).containsExactly("hf.remote-code");
    assertThat(rules(s.scan(module))).containsExactly("hf.remote-code");
    assertThat(s.scan(other).verdict()).isEqualTo(Verdict.CLEAN);
    // what PEFT writes for the libraries' own models, a user's script, or no mapping at all
    for (String benign :
        new String[] {
          "null",
          "{\"base_model_class\": \"LlamaForCausalLM\","
              + " \"parent_library\": \"transformers.models.llama.modeling_llama\"}",
          "{\"base_model_class\": \"Net\", \"parent_library\": \"__main__\"}",
          "{\"base_model_class\": \"VisionTransformer\","
              + " \"parent_library\": \"timm.models.vision_transformer\"}"
        }) {
      Path p = write("b" + benign.length() + "/adapter_config.json", adapter(benign));
      assertThat(s.scan(p).verdict()).as(benign).isEqualTo(Verdict.CLEAN);
    }
  }
}
