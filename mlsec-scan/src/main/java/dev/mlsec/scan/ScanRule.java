package dev.mlsec.scan;

/** Every rule the scanner can report: a stable id, a default level and one line of description. */
public enum ScanRule {
  PICKLE_EXEC(
      "pickle.exec",
      Level.CRITICAL,
      "A pickle reaches process execution (os, subprocess, pty, ...)."),
  PICKLE_EVAL(
      "pickle.eval", Level.CRITICAL, "A pickle reaches eval/exec/compile or builds code objects."),
  PICKLE_IMPORT(
      "pickle.import",
      Level.CRITICAL,
      "A pickle reaches an import or attribute resolver (__import__, importlib, getattr, sys, ...)."),
  PICKLE_FILE(
      "pickle.file", Level.CRITICAL, "A pickle reaches file-system access (open, shutil, ...)."),
  PICKLE_NETWORK(
      "pickle.network", Level.CRITICAL, "A pickle reaches the network (socket, urllib, ...)."),
  PICKLE_NESTED(
      "pickle.nested-unpickle",
      Level.CRITICAL,
      "A pickle loads another serialized payload (pickle/marshal/dill loads, torch.load, ...)."),
  PICKLE_GADGET(
      "pickle.gadget",
      Level.CRITICAL,
      "A pickle uses a dispatch gadget (operator.attrgetter/methodcaller, partial, ctypes, ...)."),
  PICKLE_ATTRIBUTE_WALK(
      "pickle.attribute-walk",
      Level.CRITICAL,
      "A pickle global walks private attributes (__globals__, __builtins__, __subclasses__, ...)."),
  PICKLE_GLOBAL_MUTATION(
      "pickle.global-mutation",
      Level.CRITICAL,
      "BUILD/APPEND/SETITEM applied to a class, function or module instead of an instance."),
  PICKLE_EXTENSION_REGISTRY(
      "pickle.extension-registry",
      Level.HIGH,
      "A pickle changes the copyreg extension registry while loading."),
  PICKLE_UNKNOWN_CALL(
      "pickle.unknown-call",
      Level.HIGH,
      "A callable outside the allowlist is called with arguments chosen by the file."),
  PICKLE_UNRESOLVED_CALL(
      "pickle.unresolved-call",
      Level.HIGH,
      "Something that cannot be resolved statically (call result, persistent id) is called."),
  PICKLE_UNKNOWN_CLASS(
      "pickle.unknown-class",
      Level.INFO,
      "An object of a class outside the allowlist is rebuilt by the standard protocol."),
  PICKLE_UNKNOWN_GLOBAL(
      "pickle.unknown-global",
      Level.INFO,
      "A global outside the allowlist is referenced without being called."),
  PICKLE_PARSE_ERROR(
      "pickle.parse-error",
      Level.LOW,
      "The pickle stream is broken or truncated; what precedes and follows was still analyzed."),
  PICKLE_FRAME(
      "pickle.frame", Level.LOW, "Pickle framing that CPython tolerates but is irregular."),
  PICKLE_TRAILING_DATA(
      "pickle.trailing-data", Level.INFO, "Bytes after the last pickle that are not a pickle."),
  NAME_MISMATCH(
      "file.name-mismatch",
      Level.LOW,
      "The file name's extension claims another format than the content."),
  ZIP_CRC("zip.crc-mismatch", Level.MEDIUM, "A zip entry's data does not match its CRC-32."),
  ZIP_FLAGS(
      "zip.flags",
      Level.MEDIUM,
      "A zip entry is encrypted or uses flags/methods readers disagree on."),
  ZIP_DUPLICATE("zip.duplicate-name", Level.MEDIUM, "Two zip entries have the same name."),
  ZIP_NAME_MISMATCH(
      "zip.name-mismatch",
      Level.HIGH,
      "A zip entry's local header names another file than the central directory."),
  ZIP_PREFIX("zip.prefix-data", Level.MEDIUM, "Bytes precede the first zip entry (polyglot file)."),
  ZIP_PATH_TRAVERSAL(
      "zip.path-traversal", Level.HIGH, "An archive entry name is absolute or escapes with '..'."),
  ZIP_BOMB("zip.bomb", Level.MEDIUM, "Compression ratio or overlapping entries of a zip bomb."),
  ZIP_MALFORMED("zip.malformed", Level.MEDIUM, "The zip structure is inconsistent."),
  TAR_LINK("tar.link", Level.MEDIUM, "A tar entry is a symbolic or hard link."),
  NPY_OBJECT(
      "npy.object-dtype",
      Level.LOW,
      "A numpy array of object dtype: loading it unpickles (allow_pickle=True)."),
  NPY_MALFORMED(
      "npy.malformed", Level.MEDIUM, "A numpy header is malformed or disagrees with the data."),
  KERAS_LAMBDA_CODE(
      "keras.lambda-code",
      Level.CRITICAL,
      "A Keras Lambda layer carries marshalled Python bytecode."),
  KERAS_FUNCTION_REF(
      "keras.function-reference",
      Level.HIGH,
      "A Keras layer references a Python function by module and name, imported on load."),
  KERAS_CUSTOM_MODULE(
      "keras.custom-module",
      Level.HIGH,
      "A Keras config names a module outside keras/tensorflow, imported on load."),
  KERAS_CUSTOM_OBJECT(
      "keras.custom-object",
      Level.INFO,
      "A Keras config needs a registered custom object: resolved only from the loading program's"
          + " own registry, so the file brings no code with it."),
  ONNX_EXTERNAL_DATA(
      "onnx.external-data-escape",
      Level.HIGH,
      "ONNX external data points outside the model directory (absolute path or '..')."),
  ONNX_CUSTOM_DOMAIN(
      "onnx.custom-domain",
      Level.MEDIUM,
      "ONNX operators from a non-standard domain (custom ops): the runtime runs native or Python"
          + " code registered for them, which the scanner cannot judge."),
  ONNX_MALFORMED("onnx.malformed", Level.LOW, "The ONNX protobuf could not be read completely."),
  SAFETENSORS_MALFORMED(
      "safetensors.malformed",
      Level.MEDIUM,
      "The safetensors header is malformed or its offsets disagree with the file."),
  GGUF_TEMPLATE(
      "gguf.template-injection",
      Level.CRITICAL,
      "A GGUF chat template reaches Python internals (names starting with '_', however built;"
          + " frames; inside Jinja's globals), or loads other templates (high)."),
  CHAT_TEMPLATE(
      "chat-template.injection",
      Level.CRITICAL,
      "A chat template outside GGUF (chat_template in tokenizer_config.json or"
          + " chat_template.json, a chat_template.jinja file) reaches Python internals, as"
          + " gguf.template-injection judges it (loading other templates: high)."),
  GGUF_MALFORMED("gguf.malformed", Level.MEDIUM, "The GGUF header or metadata is malformed."),
  SAVEDMODEL_PYFUNC(
      "savedmodel.py-func", Level.CRITICAL, "A TensorFlow graph calls back into Python (PyFunc)."),
  SAVEDMODEL_FILE_OP(
      "savedmodel.file-op",
      Level.HIGH,
      "A TensorFlow graph reads or writes files (ReadFile, WriteFile, MatchingFiles, ...)."),
  TORCHSCRIPT_ESCAPE(
      "torchscript.python-escape",
      Level.HIGH,
      "TorchScript code names what a normal export never has (os, subprocess, eval, open, ...)."),
  TORCHSCRIPT_CUSTOM_OP(
      "torchscript.custom-op",
      Level.LOW,
      "TorchScript code calls a custom operator namespace; the loader must register native code."),
  LIMIT("scan.limit", Level.LOW, "A resource limit was reached; the verdict is inconclusive."),
  UNREADABLE(
      "scan.unreadable",
      Level.LOW,
      "A part of the file could not be read (encrypted, unsupported, truncated)."),
  // ---- archives, compressions, Keras, GGUF (scanfmt): keep these together at the end
  ZIP_HIDDEN_ENTRY(
      "zip.hidden-entry",
      Level.HIGH,
      "A zip local header the central directory does not list: streaming readers extract it."),
  ZIP_SECOND_DIRECTORY(
      "zip.second-directory",
      Level.HIGH,
      "A second end record or central directory, or a zip64 record that disagrees: readers see"
          + " different archives."),
  KERAS_EXTERNAL_FILE(
      "keras.external-file",
      Level.HIGH,
      "A Keras layer reads a file or fetches a URL when the model is loaded (lookup vocabulary,"
          + " tokenizer files, TFSMLayer, get_file origins)."),
  KERAS_UNSAFE_FUNCTION(
      "keras.unsafe-function",
      Level.CRITICAL,
      "A Keras config calls a Keras function that downloads, loads another model or turns safe"
          + " mode off (get_file, load_model, enable_unsafe_deserialization, ...)."),
  KERAS_TORCH_MODULE(
      "keras.torch-module",
      Level.INFO,
      "A Keras TorchModuleWrapper layer torch.loads (weights_only=False) the module in its config"
          + " once safe mode is off; the decoded torch.save is scanned as a member."),
  JOBLIB_COMPANION_PATH(
      "joblib.companion-path",
      Level.HIGH,
      "A legacy joblib array record names a companion file outside the dump's directory"
          + " (absolute or '..'); joblib loads it with allow_pickle=True."),
  // ---- bench/scan/blind2
  TORCH_PACKAGE_SOURCE(
      "torch.package-source",
      Level.CRITICAL,
      "A torch.package archive ships Python source: PackageImporter imports it (its module-level"
          + " code runs) to resolve the classes its pickles name."),
  HDF5_ATTRIBUTE_PICKLE(
      "hdf5.attribute-pickle",
      Level.INFO,
      "An HDF5 string attribute is a pickle (pandas.to_hdf metadata): PyTables unpickles it when"
          + " the attribute is read; it is scanned as a member."),
  // ---- scan5
  HDF5_UNREAD_FILTER(
      "hdf5.unread-filter",
      Level.LOW,
      "A chunked HDF5 dataset whose elements can hold a pickle (bytes, opaque, strings) passes"
          + " through a filter the scanner does not decode (szip, zstd, bitshuffle, blosc's zstd"
          + " codec, an unknown id) or lists its chunks in an index it does not read: inconclusive."),
  // ---- bench/scan/blind3: configurations that make a loader import shipped code
  MLFLOW_LOADER_CODE(
      "mlflow.loader-code",
      Level.HIGH,
      "An MLflow MLmodel's python_function flavor names a loader_module outside MLflow:"
          + " mlflow.pyfunc.load_model imports it (from the model's code directory), so its code"
          + " runs on load; the module file itself is reported too."),
  HF_REMOTE_CODE(
      "hf.remote-code",
      Level.HIGH,
      "A Hugging Face config's auto_map or custom_pipelines, a diffusers model_index.json"
          + " component, a sentence-transformers modules.json type or a PEFT adapter_config"
          + " auto_mapping.parent_library names a module outside the library: the loader imports"
          + " it from the repository (trust_remote_code=True; PEFT by name), so its code runs on"
          + " load; the module file itself is reported too, as is a custom_generate/generate.py."),
  // ---- bench/scan/blind4
  YAML_PYTHON_TAG(
      "yaml.python-tag",
      Level.CRITICAL,
      "A YAML file holds a PyYAML python tag that imports or calls (!!python/object/apply,"
          + " !!python/name, !!python/module, ...): yaml.unsafe_load runs it."),
  CONFIG_DANGEROUS_TARGET(
      "config.dangerous-target",
      Level.CRITICAL,
      "A Hydra/OmegaConf config's _target_ names a dangerous callable (os.system, builtins.exec,"
          + " ...): hydra.utils.instantiate calls it with the config's arguments."),
  ENV_PACKAGE_INDEX(
      "env.package-index",
      Level.HIGH,
      "An environment file of a model (conda.yaml, python_env.yaml, requirements.txt) installs"
          + " from another package index or location (--extra-index-url, --index-url,"
          + " --find-links): restoring the model's environment runs that index's packages."),
  TORCHSERVE_HANDLER(
      "torchserve.handler-code",
      Level.HIGH,
      "A TorchServe .mar archive names a handler shipped in the archive: TorchServe imports it"
          + " when the model is loaded, so its code runs."),
  SKOPS_UNTRUSTED_TYPE(
      "skops.untrusted-type",
      Level.HIGH,
      "A skops schema names a function or type outside the allowlist (critical when it is a"
          + " dangerous one): skops.io.load imports it once the user trusts it."),
  ONNX_EXTERNAL_LINK(
      "onnx.external-data-link",
      Level.HIGH,
      "ONNX external data is a symbolic link (reported, never followed): the runtime reads"
          + " whatever file it points to."),
  TORCH_FX_CODE(
      "torch.fx-code",
      Level.CRITICAL,
      "A pickle rebuilds a torch.fx GraphModule: reduce_graph_module execs the Python source"
          + " stored in the file, as every pickled GraphModule does (kept flagged by decision)."),
  // ---- bench/scan/blind5
  TORCH_HUB_CODE(
      "torch.hub-code",
      Level.HIGH,
      "A torch.hub hubconf.py: torch.hub.load executes it to find the repository's entry points,"
          + " so its code runs when a model is loaded from the repository."),
  PICKLE_RESOURCE(
      "pickle.resource-exhaustion",
      Level.MEDIUM,
      "An allow-listed call asks for a buffer larger than the allocation limit (bytearray(n),"
          + " numpy _reconstruct or ndarray of a huge shape): loading exhausts memory."),
  // ---- bench/scan/blind6
  MLFLOW_CODE_PATH(
      "mlflow.code-path",
      Level.HIGH,
      "An MLflow MLmodel's python_function flavor ships a code directory (code: ...):"
          + " mlflow.pyfunc.load_model puts it first on sys.path, so a module in it runs when the"
          + " model's pickle or loader imports it (or a name it shadows); the .py files in it and"
          + " a pickle of the model that imports one of them are reported too."),
  SPARK_STAGE_CLASS(
      "spark.stage-class",
      Level.HIGH,
      "A Spark ML stage's metadata (metadata/part-00000) names a class outside pyspark.ml and"
          + " org.apache.spark.ml: DefaultParamsReader imports that module to load the stage, so"
          + " its code runs on load; the .py module shipped beside the pipeline is reported too"
          + " (base64 pickles in the paramMap are scanned as members)."),
  // ---- bench/scan/blind7
  EMBEDDED_PICKLE(
      "embedded.pickle",
      Level.MEDIUM,
      "A pickle that reaches a dangerous callable is carried as data no standard loader"
          + " unpickles (a safetensors/GGUF/ONNX string or byte value, a U8 tensor, bytes after"
          + " the end of the format): nothing runs it on load, but it is a second-stage payload."),
  ;

  private final String id;
  private final Level level;
  private final String description;

  ScanRule(String id, Level level, String description) {
    this.id = id;
    this.level = level;
    this.description = description;
  }

  public String id() {
    return id;
  }

  public Level level() {
    return level;
  }

  public String description() {
    return description;
  }

  /**
   * Whether a finding of this rule means part of the file was not decided (a limit, a part that
   * cannot be read, a malformed structure): the scan context then makes the verdict at least
   * inconclusive, whatever the rule's level, so nothing the scanner cannot decide ends clean.
   */
  public boolean undecided() {
    return switch (this) {
      case LIMIT,
              UNREADABLE,
              PICKLE_PARSE_ERROR,
              ONNX_MALFORMED,
              SAFETENSORS_MALFORMED,
              GGUF_MALFORMED,
              NPY_MALFORMED,
              ZIP_MALFORMED,
              HDF5_UNREAD_FILTER ->
          true;
      default -> false;
    };
  }
}
