package dev.mlsec.scan.format;

import static dev.mlsec.scan.TestReports.rules;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mlsec.scan.FileReport;
import dev.mlsec.scan.Scanner;
import dev.mlsec.scan.TestReports;
import dev.mlsec.scan.Verdict;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
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

  /**
   * adapter_config.json as peft 0.10 saves a LoRA of a hub model (get_peft_model, save_pretrained).
   */
  private static String lora(String base, String autoMapping, String taskType) {
    return """
        {
          "alpha_pattern": {},
          "auto_mapping": %s,
          "base_model_name_or_path": "%s",
          "bias": "none",
          "fan_in_fan_out": false,
          "inference_mode": true,
          "init_lora_weights": true,
          "layer_replication": null,
          "layers_pattern": null,
          "layers_to_transform": null,
          "loftq_config": {},
          "lora_alpha": 16,
          "lora_dropout": 0.05,
          "megatron_config": null,
          "megatron_core": "megatron.core",
          "modules_to_save": null,
          "peft_type": "LORA",
          "r": 8,
          "rank_pattern": {},
          "revision": null,
          "target_modules": ["q_proj", "v_proj"],
          "task_type": %s,
          "use_dora": false,
          "use_rslora": false
        }
        """
        .formatted(autoMapping, base, taskType);
  }

  /**
   * Real-shaped adapters, scanned as a tree (one session: the configs read once per directory): a
   * LoRA of a hub model and one of a library model by auto_mapping stay clean, with the modules
   * beside them; a LoRA of a trust_remote_code base (its class lives in transformers_modules, the
   * remote code's package) and one of a shipped model package are flagged, the package too.
   */
  @Test
  void realShapedAdaptersAreJudgedThroughTheDirectoryCache() throws Exception {
    write("hub/adapter_config.json", lora("meta-llama/Llama-2-7b-hf", "null", "\"CAUSAL_LM\""));
    write("hub/train.py", "import peft\n");
    write(
        "lib/adapter_config.json",
        lora(
            "google/vit-base-patch16-224",
            "{\"base_model_class\": \"ViTForImageClassification\","
                + " \"parent_library\": \"transformers.models.vit.modeling_vit\"}",
            "null"));
    write(
        "remote/adapter_config.json",
        lora(
            "mosaicml/mpt-7b",
            "{\"base_model_class\": \"MPTForCausalLM\", \"parent_library\":"
                + " \"transformers_modules.mosaicml.mpt-7b.0b57768.modeling_mpt\"}",
            "null"));
    write(
        "shipped/adapter_config.json",
        lora(
            "./base",
            "{\"base_model_class\": \"TinyNet\", \"parent_library\": \"tinynet\"}",
            "null"));
    write("shipped/tinynet/__init__.py", "from .net import TinyNet\n");
    write("shipped/tinynet/net.py", "class TinyNet: pass\n");
    Map<String, Set<String>> found = new TreeMap<>();
    for (FileReport r : new Scanner().scanFiles(Scanner.expand(tmp), 1, null))
      found.put(tmp.relativize(Path.of(r.path())).toString().replace('\\', '/'), rules(r));
    assertThat(found)
        .containsEntry("hub/adapter_config.json", Set.of())
        .containsEntry("hub/train.py", Set.of())
        .containsEntry("lib/adapter_config.json", Set.of())
        .containsEntry("remote/adapter_config.json", Set.of("hf.remote-code"))
        .containsEntry("shipped/adapter_config.json", Set.of("hf.remote-code"))
        .containsEntry("shipped/tinynet/__init__.py", Set.of("hf.remote-code"))
        .containsEntry("shipped/tinynet/net.py", Set.of());
  }
}
