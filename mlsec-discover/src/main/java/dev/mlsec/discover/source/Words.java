package dev.mlsec.discover.source;

import dev.mlsec.model.ComponentKind;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** What names and paths found in files say: step kinds, model file formats, hub ids, digests. */
final class Words {
  private static final Pattern HEX40 = Pattern.compile("[0-9a-f]{40}");
  private static final Pattern SHA256 = Pattern.compile(".*(sha256:)?[0-9a-f]{64}.*");
  private static final Pattern HUB_ID =
      Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*/[A-Za-z0-9][A-Za-z0-9._-]*");

  private static final Pattern TRAIN = Pattern.compile(".*(train|fit|fine[-_]?tun|finetun).*");
  private static final Pattern EVAL = Pattern.compile(".*(eval|metric|score|validat|test).*");
  private static final Pattern PREP =
      Pattern.compile(
          ".*(prepar|preprocess|featur|clean|split|process|transform|tokeniz|ingest|etl).*");
  private static final Pattern LABEL = Pattern.compile(".*(label|annotat).*");
  private static final Pattern MONITOR = Pattern.compile(".*(monitor|drift).*");
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

  private Words() {}

  /** A canonical hub name without an owner ({@code gpt2}, {@code bert-base-uncased}). */
  static boolean isPlainName(String s) {
    return NAME.matcher(s).matches();
  }

  /** The kind of a pipeline step, by the words in its name or command; empty when it says none. */
  static Optional<ComponentKind> stepKind(String nameAndCommand) {
    String s = nameAndCommand.toLowerCase(Locale.ROOT);
    if (TRAIN.matcher(s).matches()) return Optional.of(ComponentKind.TRAINING);
    if (EVAL.matcher(s).matches()) return Optional.of(ComponentKind.EVALUATION);
    if (PREP.matcher(s).matches()) return Optional.of(ComponentKind.PREPROCESSING);
    if (LABEL.matcher(s).matches()) return Optional.of(ComponentKind.LABELING);
    if (MONITOR.matcher(s).matches()) return Optional.of(ComponentKind.MONITORING);
    return Optional.empty();
  }

  /** The artifact format a model file's name says, if it names one. */
  static Optional<String> modelFormat(String path) {
    String n = path.toLowerCase(Locale.ROOT);
    int slash = n.lastIndexOf('/');
    String name = n.substring(slash + 1);
    if (name.equals("saved_model.pb") || name.equals("saved_model.pbtxt"))
      return Optional.of("savedmodel");
    int dot = name.lastIndexOf('.');
    if (dot < 0) return Optional.empty();
    return switch (name.substring(dot + 1)) {
      case "pkl", "pickle", "cloudpickle", "dill" -> Optional.of("pickle");
      case "joblib" -> Optional.of("joblib");
      case "pt", "pth", "bin", "ckpt" -> Optional.of("pytorch");
      case "safetensors" -> Optional.of("safetensors");
      case "onnx" -> Optional.of("onnx");
      case "gguf" -> Optional.of("gguf");
      case "h5", "keras", "hdf5" -> Optional.of("keras");
      case "tflite" -> Optional.of("tflite");
      case "torchscript", "ptl" -> Optional.of("torchscript");
      default -> Optional.empty();
    };
  }

  /** A model file by name (a {@code .bin} only inside a model folder, decided by the caller). */
  static boolean isModelFile(String path) {
    return modelFormat(path).isPresent() && !path.toLowerCase(Locale.ROOT).endsWith(".bin");
  }

  /** {@code org/name} as the Hugging Face Hub writes model and dataset ids. */
  static boolean isHubId(String s) {
    return HUB_ID.matcher(s).matches() && !s.startsWith(".") && !s.contains("..");
  }

  /** A full commit hash: the only revision that pins a hub repository or an action. */
  static boolean isCommit(String s) {
    return HEX40.matcher(s.toLowerCase(Locale.ROOT)).matches();
  }

  /** A content digest (sha256) somewhere in a reference, e.g. an image {@code @sha256:...}. */
  static boolean hasDigest(String s) {
    return SHA256.matcher(s.toLowerCase(Locale.ROOT)).matches();
  }

  /** Without the folder. */
  static String stem(String path) {
    String n = path.substring(path.lastIndexOf('/') + 1);
    int dot = n.lastIndexOf('.');
    return dot > 0 ? n.substring(0, dot) : n;
  }

  static boolean isCode(String path) {
    String n = path.toLowerCase(Locale.ROOT);
    return n.endsWith(".py")
        || n.endsWith(".sh")
        || n.endsWith(".ipynb")
        || n.endsWith(".r")
        || n.endsWith(".js")
        || n.endsWith(".ts")
        || n.endsWith("params.yaml")
        || n.endsWith("requirements.txt")
        || n.endsWith(".toml")
        || n.endsWith(".cfg");
  }
}
