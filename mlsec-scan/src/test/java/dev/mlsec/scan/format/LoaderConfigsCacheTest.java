package dev.mlsec.scan.format;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlsec.scan.FileReport;
import dev.mlsec.scan.Scanner;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The loader configs beside the {@code .py} files of a scan are read once per directory: the same
 * findings as reading them again for every file, within explicit bounds, on any number of threads.
 */
class LoaderConfigsCacheTest {

  @TempDir static Path tmp;
  static List<Path> files;

  /**
   * Three levels (root, root/sub, root/sub/deep), each with configs that name modules at every
   * level below them, an MLmodel with a shipped loader, modules no config names and configs that
   * are no JSON; 40 modules per directory.
   */
  @BeforeAll
  static void tree() throws Exception {
    String[] levels = {"", "sub/", "sub/deep/"};
    for (int l = 0; l < levels.length; l++) {
      Path dir = Files.createDirectories(tmp.resolve("repo/" + levels[l]));
      for (int c = 0; c < 6; c++) {
        StringBuilder auto = new StringBuilder("{\"auto_map\": {");
        for (int k = l; k < levels.length; k++) {
          String pkg = levels[k].substring(levels[l].length()).replace('/', '.');
          if (k > l) auto.append(", ");
          // a key of its own per level: the messages differ, so no finding is folded into another
          auto.append("\"Auto")
              .append(l)
              .append('_')
              .append(k)
              .append("\": \"")
              .append(pkg)
              .append("modeling_")
              .append(c)
              .append(".M\"");
        }
        auto.append(", \"AutoTokenizer\": [\"tok_").append(c).append(".T\", null]}}");
        write(dir.resolve("config_" + c + ".json"), auto.toString());
      }
      write(dir.resolve("broken.json"), "{\"auto_map\": ");
      write(dir.resolve("plain.json"), "{\"hidden_size\": 8}");
      for (int i = 0; i < 40; i++) write(dir.resolve("modeling_" + i + ".py"), "X = " + i + "\n");
      write(dir.resolve("tok_1.py"), "T = 1\n");
    }
    write(
        tmp.resolve("repo/MLmodel"),
        "flavors:\n  python_function:\n    loader_module: pkg.loader\n    code: code\n");
    write(tmp.resolve("repo/code/pkg/loader.py"), "import os\n");
    write(tmp.resolve("repo/code/pkg/other.py"), "Y = 2\n");
    // pipeline descriptions, read with the same directories: a diffusers component and a
    // sentence-transformers module under its own path, each beside modules they do not name
    write(
        tmp.resolve("repo/model_index.json"),
        "{\"_diffusers_version\": \"0.27.0\", \"unet\": [\"unet_evil\", \"EvilUNet\"],"
            + " \"vae\": [\"diffusers\", \"AutoencoderKL\"]}");
    write(tmp.resolve("repo/unet/unet_evil.py"), "import os\n");
    write(tmp.resolve("repo/unet/helpers.py"), "Z = 3\n");
    write(
        tmp.resolve("repo/sub/modules.json"),
        "[{\"idx\": 0, \"path\": \"\", \"type\": \"sentence_transformers.models.Transformer\"},"
            + " {\"idx\": 1, \"path\": \"1_Custom\", \"type\": \"custom_st.EvilModule\"}]");
    write(tmp.resolve("repo/sub/1_Custom/custom_st.py"), "import os\n");
    // a PEFT adapter of a custom base model, read with the same directories: its parent_library
    // two levels below it (a package), beside a module it does not name
    write(
        tmp.resolve("repo/adapter_config.json"),
        "{\"peft_type\": \"LORA\", \"r\": 8, \"task_type\": null, \"auto_mapping\":"
            + " {\"base_model_class\": \"Net\", \"parent_library\": \"sub.peft_net\"}}");
    write(tmp.resolve("repo/sub/peft_net/__init__.py"), "import os\n");
    write(tmp.resolve("repo/sub/peft_net/layers.py"), "W = 4\n");
    files = Scanner.expand(tmp.resolve("repo"));
  }

  private static void write(Path p, String text) throws Exception {
    Files.createDirectories(p.getParent());
    Files.writeString(p, text, StandardCharsets.UTF_8);
  }

  /** Each file scanned alone: its configs read for it and dropped. */
  private static List<FileReport> uncached(Scanner s) throws Exception {
    List<FileReport> out = new ArrayList<>();
    for (Path f : files) out.add(s.scan(f));
    return out;
  }

  @Test
  void aSessionFindsWhatEveryFileAloneFinds() throws Exception {
    Scanner s = new Scanner();
    List<FileReport> alone = uncached(s);
    // what the tree was made to say: modeling_<c>.py at level L is named by config_<c>.json of
    // its own level and of every level above (L + 1 findings), tok_1.py by its own level's
    // config_1.json, loader.py by the MLmodel, the pipeline modules by the model index and
    // modules.json, the PEFT adapter's package by its adapter_config.json, and the configs
    // themselves; nothing else is flagged
    Map<String, List<String>> expected = new TreeMap<>();
    String[] levels = {"", "sub/", "sub/deep/"};
    for (int l = 0; l < levels.length; l++) {
      for (int c = 0; c < 6; c++)
        expected.put(
            levels[l] + "modeling_" + c + ".py", Collections.nCopies(l + 1, "hf.remote-code"));
      expected.put(levels[l] + "tok_1.py", List.of("hf.remote-code"));
      for (int c = 0; c < 6; c++)
        expected.put(levels[l] + "config_" + c + ".json", List.of("hf.remote-code"));
    }
    expected.put("code/pkg/loader.py", List.of("mlflow.loader-code"));
    expected.put("code/pkg/other.py", List.of("mlflow.code-path")); // in the code directory
    expected.put("MLmodel", List.of("mlflow.loader-code"));
    for (String f :
        List.of(
            "model_index.json",
            "unet/unet_evil.py",
            "sub/modules.json",
            "sub/1_Custom/custom_st.py",
            "adapter_config.json",
            "sub/peft_net/__init__.py")) expected.put(f, List.of("hf.remote-code"));
    Map<String, List<String>> found = new TreeMap<>();
    Path repo = tmp.resolve("repo");
    for (FileReport r : alone)
      if (!r.findings().isEmpty())
        found.put(
            repo.relativize(Path.of(r.path())).toString().replace('\\', '/'),
            r.findings().stream().map(f -> f.ruleId()).toList());
    assertThat(found).isEqualTo(expected);
    for (int threads : new int[] {1, 4})
      assertThat(s.scanFiles(files, threads, null)).isEqualTo(alone);
  }

  @Test
  void theCacheIsBoundedAndADroppedDirectoryIsReadAgainAlike() throws Exception {
    Path repo = tmp.resolve("repo");
    List<Path> dirs =
        List.of(repo, repo.resolve("sub"), repo.resolve("sub/deep"), repo.resolve("code"));
    LoaderConfigs.Directories two = new LoaderConfigs.Directories(1 << 20, 2, Long.MAX_VALUE);
    LoaderConfigs.Directories full = new LoaderConfigs.Directories(1 << 20, 100, Long.MAX_VALUE);
    for (Path d : dirs) {
      assertThat(two.of(d)).isEqualTo(full.of(d));
      assertThat(two.size()).isLessThanOrEqualTo(2);
    }
    assertThat(full.size()).isEqualTo(4);
    // by weight: a directory heavier than the whole budget is read, used and not kept
    long rootWeight = full.of(repo).weight();
    LoaderConfigs.Directories light = new LoaderConfigs.Directories(1 << 20, 100, rootWeight - 1);
    assertThat(light.of(repo)).isEqualTo(full.of(repo));
    assertThat(light.size()).isZero();
    for (Path d : dirs) light.of(d);
    assertThat(light.weight()).isLessThanOrEqualTo(rootWeight - 1);
    // nothing kept at all: the path of a single file
    LoaderConfigs.Directories none = LoaderConfigs.Directories.none(1 << 20);
    none.of(repo);
    assertThat(none.size()).isZero();
    assertThat(LoaderConfigs.Directories.MAX_DIRECTORIES).isPositive();
  }

  @Test
  void oneSessionScannedFromManyThreadsAtOnceAgrees() throws Exception {
    Scanner s = new Scanner();
    List<FileReport> alone = uncached(s);
    Scanner.Session session = s.session();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<List<FileReport>>> runs = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) order.add(i);
        Collections.shuffle(order, new Random(t));
        runs.add(
            pool.submit(
                () -> {
                  FileReport[] got = new FileReport[files.size()];
                  for (int i : order) got[i] = session.scan(files.get(i));
                  return List.of(got);
                }));
      }
      for (Future<List<FileReport>> run : runs) assertThat(run.get()).isEqualTo(alone);
    } finally {
      pool.shutdownNow();
    }
  }
}
