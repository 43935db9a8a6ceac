package dev.mlsec.scan.format;

import static dev.mlsec.scan.TestReports.rules;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mlsec.scan.FileReport;
import dev.mlsec.scan.Scanner;
import dev.mlsec.scan.TestReports;
import dev.mlsec.scan.Verdict;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The classes of bench/scan/blind4's false negatives, each with a benign twin: pipeline configs
 * naming local modules, YAML python tags and Hydra targets, environment files with another index,
 * TorchServe handlers, skops schemas, ONNX external data through a link, huge buffers.
 */
class ModelDescriptionsTest {

  @TempDir Path tmp;

  private Path write(String rel, String text) throws Exception {
    return TestReports.write(tmp, rel, text);
  }

  private static FileReport scan(String name, String text) {
    return new Scanner().scan(text.getBytes(StandardCharsets.UTF_8), name);
  }

  @Test
  void diffusersComponentsFromALocalModuleAndTheirModuleAreRemoteCode() throws Exception {
    Path index =
        write(
            "pipe/model_index.json",
            "{\"_class_name\": \"StableDiffusionPipeline\", \"_diffusers_version\": \"0.27.0\","
                + " \"unet\": [\"my_unet\", \"MyUNet\"], \"vae\": [\"diffusers\", \"AutoencoderKL\"]}");
    Path module = write("pipe/unet/my_unet.py", "import os\n");
    Path helper = write("pipe/train.py", "print(1)\n");
    Scanner s = new Scanner();
    assertThat(rules(s.scan(index))).contains("hf.remote-code");
    assertThat(rules(s.scan(module))).contains("hf.remote-code");
    assertThat(s.scan(helper).verdict()).isEqualTo(Verdict.CLEAN);
    FileReport lib =
        scan(
            "model_index.json",
            "{\"_diffusers_version\": \"0.27.0\", \"unet\": [\"diffusers\", \"UNet2DConditionModel\"],"
                + " \"safety_checker\": [\"stable_diffusion\", \"StableDiffusionSafetyChecker\"],"
                + " \"text_encoder\": [\"transformers\", \"CLIPTextModel\"], \"x\": [null, null]}");
    assertThat(lib.verdict()).isEqualTo(Verdict.CLEAN);
  }

  @Test
  void sentenceTransformersModuleTypesOutsideTheLibraryAreRemoteCode() throws Exception {
    Path modules =
        write(
            "st/modules.json",
            "[{\"idx\": 0, \"name\": \"0\", \"path\": \"\", \"type\":"
                + " \"sentence_transformers.models.Transformer\"}, {\"idx\": 1, \"name\": \"1\","
                + " \"path\": \"1_Custom\", \"type\": \"custom.layer.Pool\"}]");
    Path code = write("st/1_Custom/custom/layer.py", "import os\n");
    Scanner s = new Scanner();
    assertThat(rules(s.scan(modules))).contains("hf.remote-code");
    assertThat(rules(s.scan(code))).contains("hf.remote-code");
    FileReport lib =
        scan(
            "modules.json",
            "[{\"idx\": 0, \"type\": \"sentence_transformers.models.Transformer\"},"
                + " {\"idx\": 1, \"type\": \"sentence_transformers.models.Pooling\"}]");
    assertThat(lib.verdict()).isEqualTo(Verdict.CLEAN);
  }

  @Test
  void yamlPythonTagsThatImportOrCallAreCriticalValueTagsAreNot() {
    for (String doc :
        new String[] {
          "a: !!python/object/apply:os.system ['id']\n",
          "- !!python/name:subprocess.getoutput\n",
          "x: !<tag:yaml.org,2002:python/object/new:os.system> [id]\n",
          "%TAG !p! tag:yaml.org,2002:python/\n---\nx: !p!module:os\n",
          "k: {v: !!python/object:collections.OrderedDict {}}\n"
        }) assertThat(rules(scan("config.yaml", doc))).as(doc).contains("yaml.python-tag");
    FileReport values =
        scan(
            "config.yml",
            "shape: !!python/tuple [1, 2]\nname: '!!python/object/apply:os.system'\n"
                + "# x: !!python/name:os.system\n");
    assertThat(values.verdict()).isEqualTo(Verdict.CLEAN);
  }

  @Test
  void hydraTargetsNamingDangerousCallablesAreCriticalLibraryClassesClean() {
    assertThat(rules(scan("conf.yaml", "model:\n  _target_: subprocess.getoutput\n")))
        .contains("config.dangerous-target");
    assertThat(rules(scan("conf.yaml", "cbs:\n  - {_target_: \"builtins.exec\", _args_: [x]}\n")))
        .contains("config.dangerous-target");
    FileReport lib =
        scan(
            "conf.yaml",
            "optim:\n  _target_: torch.optim.Adam\n  lr: 0.1\nmodel:\n  _target_: my_pkg.Net\n");
    assertThat(lib.verdict()).isEqualTo(Verdict.CLEAN);
  }

  @Test
  void environmentFilesInstallingFromAnotherIndexAreReportedAlsoOnTheirMlmodel() throws Exception {
    Path conda =
        write(
            "m/conda.yaml",
            "dependencies:\n- pip:\n  - --extra-index-url http://10.0.0.1/simple\n  - pkg==1\n");
    Path mlmodel =
        write(
            "m/MLmodel",
            "flavors:\n  python_function:\n    env:\n      conda: conda.yaml\n"
                + "    loader_module: mlflow.sklearn\n");
    Scanner s = new Scanner();
    assertThat(rules(s.scan(conda))).contains("env.package-index");
    assertThat(rules(s.scan(mlmodel))).contains("env.package-index");
    assertThat(rules(scan("requirements.txt", "-i https://x.example/simple\nnumpy\n")))
        .contains("env.package-index");
    FileReport plain =
        scan(
            "python_env.yaml",
            "python: 3.11\nbuild_dependencies:\n- pip==23\ndependencies:\n- -r requirements.txt\n");
    assertThat(plain.verdict()).isEqualTo(Verdict.CLEAN);
    assertThat(scan("requirements.txt", "numpy==1.24\nscikit-image\n").verdict())
        .isEqualTo(Verdict.CLEAN);
  }

  private static byte[] zip(Map<String, String> entries) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipOutputStream z = new ZipOutputStream(out)) {
      for (Map.Entry<String, String> e : new java.util.TreeMap<>(entries).entrySet()) {
        z.putNextEntry(new ZipEntry(e.getKey()));
        z.write(e.getValue().getBytes(StandardCharsets.UTF_8));
        z.closeEntry();
      }
    }
    return out.toByteArray();
  }

  @Test
  void torchServeHandlersShippedInTheArchiveAreLoaderCodeBuiltInHandlersClean() throws Exception {
    String custom =
        "{\"runtime\": \"python\", \"model\": {\"modelName\": \"m\", \"handler\": \"handler.py\"}}";
    FileReport r =
        new Scanner()
            .scan(
                zip(Map.of("MAR-INF/MANIFEST.json", custom, "handler.py", "import os\n")), "m.mar");
    assertThat(rules(r)).contains("torchserve.handler-code");
    String builtIn =
        "{\"runtime\": \"python\", \"model\": {\"modelName\": \"m\", \"handler\":"
            + " \"image_classifier\"}}";
    FileReport ok = new Scanner().scan(zip(Map.of("MAR-INF/MANIFEST.json", builtIn)), "m.mar");
    assertThat(rules(ok)).doesNotContain("torchserve.handler-code");
  }

  @Test
  void skopsSchemasNamingDangerousOrUnknownTypesAreFlagged() throws Exception {
    String evil =
        "{\"__class__\": \"function\", \"__module__\": \"builtins\", \"__loader__\":"
            + " \"FunctionNode\", \"_skops_version\": \"0.9.0\", \"content\": {\"module_path\":"
            + " \"os\", \"function\": \"system\"}}";
    FileReport r = new Scanner().scan(zip(Map.of("schema.json", evil)), "m.skops");
    assertThat(r.verdict()).isEqualTo(Verdict.MALICIOUS);
    assertThat(rules(r)).contains("skops.untrusted-type");
    String unknown =
        "{\"__class__\": \"Thing\", \"__module__\": \"acme.models\", \"__loader__\":"
            + " \"ObjectNode\", \"_skops_version\": \"0.9.0\", \"content\": {}}";
    assertThat(new Scanner().scan(zip(Map.of("schema.json", unknown)), "m.skops").verdict())
        .isEqualTo(Verdict.SUSPICIOUS);
    String sklearn =
        "{\"__class__\": \"LogisticRegression\", \"__module__\":"
            + " \"sklearn.linear_model._logistic\", \"__loader__\": \"ObjectNode\","
            + " \"_skops_version\": \"0.9.0\", \"content\": {\"__class__\": \"dict\","
            + " \"__module__\": \"builtins\", \"__loader__\": \"DictNode\", \"content\": {}}}";
    assertThat(rules(new Scanner().scan(zip(Map.of("schema.json", sklearn)), "m.skops")))
        .doesNotContain("skops.untrusted-type");
  }

  /** A minimal ONNX ModelProto: a graph with one initializer whose data is external. */
  private static byte[] onnxWithExternal(String location) {
    byte[] key = field(1, "location".getBytes(StandardCharsets.UTF_8));
    byte[] val = field(2, location.getBytes(StandardCharsets.UTF_8));
    byte[] entry = field(13, concat(key, val));
    byte[] tensor = concat(field(8, "w".getBytes(StandardCharsets.UTF_8)), entry);
    byte[] graph = field(5, tensor);
    return concat(new byte[] {0x08, 0x07}, field(7, graph));
  }

  private static byte[] field(int number, byte[] body) {
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    o.write((number << 3) | 2);
    int n = body.length;
    while (n >= 0x80) {
      o.write((n & 0x7f) | 0x80);
      n >>>= 7;
    }
    o.write(n);
    o.writeBytes(body);
    return o.toByteArray();
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] c = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, c, a.length, b.length);
    return c;
  }

  @Test
  void onnxExternalDataThroughASymbolicLinkIsReportedNeverFollowed() throws Exception {
    Path model = tmp.resolve("onnx/model.onnx");
    Files.createDirectories(model.getParent());
    Files.write(model, onnxWithExternal("weights.bin"));
    Path target = write("elsewhere/secret.txt", "x");
    Files.createSymbolicLink(model.resolveSibling("weights.bin"), target);
    assertThat(rules(new Scanner().scan(model))).contains("onnx.external-data-link");
    Path plain = tmp.resolve("onnx2/model.onnx");
    Files.createDirectories(plain.getParent());
    Files.write(plain, onnxWithExternal("weights.bin"));
    Files.writeString(plain.resolveSibling("weights.bin"), "data");
    assertThat(rules(new Scanner().scan(plain))).doesNotContain("onnx.external-data-link");
  }

  /** protocol 2: GLOBAL module name, the argument tuple, REDUCE, STOP. */
  private static byte[] call(String module, String name, byte[] args) {
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    o.writeBytes(new byte[] {(byte) 0x80, 2, 'c'});
    o.writeBytes((module + "\n" + name + "\n").getBytes(StandardCharsets.US_ASCII));
    o.writeBytes(args);
    o.writeBytes(new byte[] {'R', '.'});
    return o.toByteArray();
  }

  private static final byte[] TWO_POW_34 = {(byte) 0x8a, 5, 0, 0, 0, 0, 4}; // LONG1 2**34

  @Test
  void allowListedConstructorsAskingForHugeBuffersAreResourceExhaustion() {
    byte[] huge = concat(concat(new byte[] {'('}, TWO_POW_34), new byte[] {'t'});
    FileReport r = new Scanner().scan(call("builtins", "bytearray", huge), "m.pkl");
    assertThat(rules(r)).contains("pickle.resource-exhaustion");
    assertThat(r.verdict()).isEqualTo(Verdict.SUSPICIOUS);
    byte[] small = {'(', 'K', 16, 't'};
    assertThat(new Scanner().scan(call("builtins", "bytearray", small), "m.pkl").verdict())
        .isEqualTo(Verdict.CLEAN);
    byte[] ndarray = "(cnumpy\nndarray\n".getBytes(StandardCharsets.US_ASCII);
    byte[] shape = concat(TWO_POW_34, new byte[] {(byte) 0x85}); // TUPLE1
    byte[] dtype = {'C', 1, 'b', 't'}; // SHORT_BINBYTES b'b', TUPLE
    byte[] reconstruct = concat(concat(ndarray, shape), dtype);
    assertThat(
            rules(
                new Scanner()
                    .scan(call("numpy.core.multiarray", "_reconstruct", reconstruct), "m.pkl")))
        .contains("pickle.resource-exhaustion");
  }
}
