package dev.mlsec.scan.adversarial;

import static dev.mlsec.scan.adversarial.PickleBytes.p;

import dev.mlsec.scan.ScanLimits;
import dev.mlsec.scan.Verdict;
import java.util.ArrayList;
import java.util.List;

/**
 * Bypass classes of the 2025-2026 advisories (callables that run code, touch files or the network
 * behind an innocent-looking name) and attempts to abuse names the generated allowlist admits with
 * argument shapes the real libraries never write. Raw bytes, one case each; the benign controls
 * show that the shapes the libraries do write stay clean.
 */
final class PickleBypasses {
  private final List<AdversarialCorpus.Case> cases = new ArrayList<>();

  static List<AdversarialCorpus.Case> all() {
    PickleBypasses b = new PickleBypasses();
    b.innocentNames();
    b.allowlistedNamesWithDangerousShapes();
    b.unknownModules();
    b.embeddedTorchSaves();
    b.controls();
    return b.cases;
  }

  private void add(String name, byte[] data, Verdict v, String rule) {
    cases.add(new AdversarialCorpus.Case(name, data, v, rule, ScanLimits.defaults()));
  }

  /** module.name('arg') with protocol 4 names (dotted names resolve as attribute walks). */
  private static byte[] call(String module, String name, String arg) {
    return p().proto(4).stackGlobal(module, name).str(arg).tuple1().reduce().stop().bytes();
  }

  /** file, module, name, rule: module.name('x') must be malicious with that rule. */
  private static final String[][] INNOCENT_NAMES = {
    // package managers (GHSA-vqmv-47xg-9wpr)
    {"bypass_pip_main.pkl", "pip._internal.cli.main", "main", "pickle.exec"},
    {"bypass_ensurepip_run_pip.pkl", "ensurepip", "_run_pip", "pickle.exec"},
    {"bypass_venv_create.pkl", "venv", "create", "pickle.exec"},
    // IDE, debugger, profiler, refactoring tools (GHSA-r8g5-cgf2-4m4m, GHSA-46h3-79wf-xr6c)
    {"bypass_idlelib_runcode.pkl", "idlelib.pyshell", "ModifiedInterpreter.runcode", "pickle.eval"},
    {"bypass_lib2to3_pgen.pkl", "lib2to3.pgen2.pgen", "generate_grammar", "pickle.eval"},
    {"bypass_bdb_run.pkl", "bdb", "Bdb.run", "pickle.eval"},
    {"bypass_trace_run.pkl", "trace", "Trace.runctx", "pickle.eval"},
    {"bypass_rlcompleter.pkl", "rlcompleter", "Completer.complete", "pickle.eval"},
    {"bypass_tkinter_tcl_eval.pkl", "tkinter", "Tcl", "pickle.eval"},
    // distutils and private io (CVE-2025-10155/10156)
    {"bypass_distutils_write_file.pkl", "distutils.file_util", "write_file", "pickle.file"},
    {"bypass_pyio_open.pkl", "_pyio", "open", "pickle.file"},
    {"bypass_gzip_open.pkl", "gzip", "open", "pickle.file"},
    {"bypass_xml_etree_parse.pkl", "xml.etree.ElementTree", "parse", "pickle.file"},
    // process creation through private or asynchronous entry points (CVE-2025-10157)
    {"bypass_posixsubprocess_fork_exec.pkl", "_posixsubprocess", "fork_exec", "pickle.exec"},
    {
      "bypass_asyncio_unix_subprocess_transport.pkl",
      "asyncio.unix_events",
      "_UnixSubprocessTransport",
      "pickle.exec"
    },
    {"bypass_asyncio_run.pkl", "asyncio", "run", "pickle.exec"},
    {"bypass_uuid_get_command_stdout.pkl", "uuid", "_get_command_stdout", "pickle.exec"},
    {"bypass_osx_support_read_output.pkl", "_osx_support", "_read_output", "pickle.exec"},
    {"bypass_builtins_help.pkl", "builtins", "help", "pickle.exec"},
    {"bypass_threading_timer.pkl", "threading", "Timer", "pickle.exec"},
    // network entry points (GHSA-hgrh-qx5j-jfwx)
    {"bypass_ssl_get_server_certificate.pkl", "ssl", "get_server_certificate", "pickle.network"},
    {"bypass_smtplib_smtp.pkl", "smtplib", "SMTP", "pickle.network"},
    {"bypass_imaplib_imap4.pkl", "imaplib", "IMAP4", "pickle.network"},
    {"bypass_logging_handlers_socket.pkl", "logging.handlers", "SocketHandler", "pickle.network"},
    // logging.config resolves and imports names from its configuration
    {"bypass_logging_config_dictconfig.pkl", "logging.config", "dictConfig", "pickle.import"},
    {"bypass_logging_config_listen.pkl", "logging.config", "listen", "pickle.import"},
    {"bypass_pkgutil_resolve_name.pkl", "pkgutil", "resolve_name", "pickle.import"},
    // dataclasses and typing internals that exec or eval strings
    {"bypass_dataclasses_create_fn.pkl", "dataclasses", "_create_fn", "pickle.eval"},
    {"bypass_typing_get_type_hints.pkl", "typing", "get_type_hints", "pickle.eval"},
    {"bypass_typing_forwardref_evaluate.pkl", "typing", "ForwardRef._evaluate", "pickle.eval"},
    // torch, numpy and pandas helpers that import, load, compile or download
    {"bypass_torch_dynamo_guard.pkl", "torch._dynamo.guards", "GuardBuilder.get", "pickle.eval"},
    {
      "bypass_torch_symbolic_shapes.pkl",
      "torch.fx.experimental.symbolic_shapes",
      "ShapeEnv.evaluate_guards_expression",
      "pickle.eval"
    },
    {
      "bypass_torch_fx_reduce_graph_module.pkl",
      "torch.fx.graph_module",
      "_forward_from_src",
      "pickle.eval"
    },
    {
      "bypass_torch_jit_exec_wrapper.pkl",
      "torch.jit.unsupported_tensor_ops",
      "execWrapper",
      "pickle.eval"
    },
    {"bypass_torch_collect_env_run.pkl", "torch.utils.collect_env", "run", "pickle.exec"},
    {"bypass_torch_ops_load_library.pkl", "torch.ops", "load_library", "pickle.import"},
    {"bypass_torch_hub_load.pkl", "torch.hub", "load", "pickle.import"},
    {"bypass_torch_load.pkl", "torch", "load", "pickle.nested-unpickle"},
    {
      "bypass_torch_serialization_legacy_load.pkl",
      "torch.serialization",
      "_load",
      "pickle.nested-unpickle"
    },
    {"bypass_torch_distributed_rpc.pkl", "torch.distributed.rpc", "rpc_sync", "pickle.network"},
    {"bypass_numpy_f2py_getlincoef.pkl", "numpy.f2py.crackfortran", "getlincoef", "pickle.eval"},
    {"bypass_numpy_ctypeslib_load_library.pkl", "numpy.ctypeslib", "load_library", "pickle.gadget"},
    {"bypass_numpy_datasource_open.pkl", "numpy.lib._datasource", "open", "pickle.network"},
    {"bypass_numpy_load.pkl", "numpy", "load", "pickle.nested-unpickle"},
    {"bypass_numpy_npyio_load.pkl", "numpy.lib.npyio", "load", "pickle.nested-unpickle"},
    {"bypass_numpy_loadtxt.pkl", "numpy", "loadtxt", "pickle.file"},
    {"bypass_pandas_read_csv.pkl", "pandas", "read_csv", "pickle.file"},
    {"bypass_pandas_read_html.pkl", "pandas", "read_html", "pickle.network"},
    {"bypass_pandas_read_clipboard.pkl", "pandas", "read_clipboard", "pickle.exec"},
    {"bypass_pandas_read_pickle.pkl", "pandas", "read_pickle", "pickle.nested-unpickle"},
    {"bypass_pandas_io_parsers.pkl", "pandas.io.parsers.readers", "read_csv", "pickle.file"},
    {"bypass_pandas_dataframe_query.pkl", "pandas.core.frame", "DataFrame.query", "pickle.eval"},
    {"bypass_pandas_eval.pkl", "pandas", "eval", "pickle.eval"},
    {"bypass_sklearn_fetch_openml.pkl", "sklearn.datasets", "fetch_openml", "pickle.network"},
    {"bypass_pathlib_path_read_text.pkl", "pathlib", "Path.read_text", "pickle.file"},
    // a concrete path is a value; its I/O methods are what touch files
    {"bypass_pathlib_posixpath_write.pkl", "pathlib", "PosixPath.write_text", "pickle.file"},
    // a method name that always writes a file, on a class the allowlist rebuilds
    {"bypass_dataframe_to_pickle.pkl", "pandas.core.frame", "DataFrame.to_pickle", "pickle.file"},
  };

  private void innocentNames() {
    for (String[] r : INNOCENT_NAMES) add(r[0], call(r[1], r[2], "x"), Verdict.MALICIOUS, r[3]);
    // an allowlisted Cython module's own imports are not allowlisted names
    add(
        "bypass_cython_module_numpy_alias.pkl",
        call("pandas._libs.tslibs.offsets", "np.load", "x"),
        Verdict.SUSPICIOUS,
        "pickle.unknown-call");
  }

  private void allowlistedNamesWithDangerousShapes() {
    // tzfile(str) opens that path: only tzfile(None, name) is allowlisted
    add(
        "shape_dateutil_tzfile_opens_path.pkl",
        call("dateutil.tz.tz", "tzfile", "/etc/shadow"),
        Verdict.SUSPICIOUS,
        "pickle.unknown-call");
    // __generator_ctor calls its second argument
    add(
        "shape_numpy_generator_ctor_calls_unknown.pkl",
        p().proto(4)
            .stackGlobal("numpy.random._pickle", "__generator_ctor")
            .str("payload")
            .stackGlobal("mlsec_unlisted.tools", "run")
            .tuple2()
            .reduce()
            .stop()
            .bytes(),
        Verdict.SUSPICIOUS,
        "pickle.unknown-call");
    add(
        "shape_numpy_generator_ctor_calls_os_system.pkl",
        p().proto(4)
            .stackGlobal("numpy.random._pickle", "__generator_ctor")
            .str("id")
            .stackGlobal("os", "system")
            .tuple2()
            .reduce()
            .stop()
            .bytes(),
        Verdict.MALICIOUS,
        "pickle.exec");
    // _new_Index(cls, d) runs cls.__new__(cls, **d): the class must be one to rebuild
    add(
        "shape_pandas_new_index_popen.pkl",
        p().proto(4)
            .stackGlobal("pandas.core.indexes.base", "_new_Index")
            .stackGlobal("subprocess", "Popen")
            .raw('}')
            .str("args")
            .str("id")
            .raw('s')
            .tuple2()
            .reduce()
            .stop()
            .bytes(),
        Verdict.MALICIOUS,
        "pickle.exec");
    add(
        "shape_pandas_new_index_not_a_class.pkl",
        p().proto(4)
            .stackGlobal("pandas.core.indexes.base", "_new_Index")
            .str("Index")
            .raw('}')
            .tuple2()
            .reduce()
            .stop()
            .bytes(),
        Verdict.SUSPICIOUS,
        "pickle.unknown-call");
    // a Cython reconstructor of an allowlisted class, given a dangerous class
    add(
        "shape_cython_unpickle_os_system.pkl",
        p().proto(4)
            .stackGlobal("sklearn._loss._loss", "__pyx_unpickle_CyHalfBinomialLoss")
            .stackGlobal("os", "system")
            .binint1(7)
            .none()
            .tuple3()
            .reduce()
            .stop()
            .bytes(),
        Verdict.MALICIOUS,
        "pickle.exec");
    add(
        "shape_cython_unpickle_wrong_arguments.pkl",
        call("sklearn._loss._loss", "__pyx_unpickle_CyHalfBinomialLoss", "id"),
        Verdict.SUSPICIOUS,
        "pickle.unknown-call");
    // the __pyx_unpickle_ shape is only trusted for classes the allowlist has
    add(
        "shape_cython_unpickle_unknown_module.pkl",
        p().proto(4)
            .stackGlobal("mlsec_unlisted.fast", "__pyx_unpickle_Runner")
            .stackGlobal("mlsec_unlisted.fast", "Runner")
            .binint1(7)
            .none()
            .tuple3()
            .reduce()
            .stop()
            .bytes(),
        Verdict.SUSPICIOUS,
        "pickle.unknown-call");
    // getattr is resolved only to an allowlisted attribute of an allowlisted class
    add(
        "shape_getattr_dataframe_to_csv.pkl",
        p().proto(2)
            .global("builtins", "getattr")
            .global("pandas.core.frame", "DataFrame")
            .binunicode("to_csv")
            .tuple2()
            .reduce()
            .binunicode("/tmp/x")
            .tuple1()
            .reduce()
            .stop()
            .bytes(),
        Verdict.MALICIOUS,
        "pickle.import");
    add(
        "shape_getattr_zoneinfo_dunder.pkl",
        p().proto(2)
            .global("builtins", "getattr")
            .global("zoneinfo", "ZoneInfo")
            .binunicode("__init_subclass__")
            .tuple2()
            .reduce()
            .stop()
            .bytes(),
        Verdict.MALICIOUS,
        "pickle.import");
    // a pure value constructor's factory that is dangerous is still named, hence flagged
    add(
        "shape_defaultdict_os_system_factory.pkl",
        p().proto(2)
            .global("collections", "defaultdict")
            .global("os", "system")
            .tuple1()
            .reduce()
            .stop()
            .bytes(),
        Verdict.MALICIOUS,
        "pickle.exec");
    // an allowlisted class rebuilt as a class is not thereby callable
    add(
        "shape_sklearn_class_called.pkl",
        call("sklearn.pipeline", "Pipeline", "x"),
        Verdict.SUSPICIOUS,
        "pickle.unknown-call");
  }

  /**
   * Loading resolves every global by importing its module. A module whose import alone acts
   * (antigravity opens a web browser) is denied; an unknown class rebuilt by the standard protocol
   * is only noted (info), as documented, and flagged by the strict policy.
   */
  private void unknownModules() {
    add(
        "import_side_effect_module_referenced.pkl",
        p().proto(2)
            .emptyDict()
            .binunicode("f")
            .global("antigravity", "geohash")
            .raw('s')
            .stop()
            .bytes(),
        Verdict.MALICIOUS,
        "pickle.network");
  }

  /** A legacy torch.save stream: magic, protocol, system info, then the object pickle. */
  private static byte[] legacyTorchStream(byte[] object) {
    PickleBytes b = p().proto(2).raw(0x8a, 10);
    for (int x : new int[] {0x6c, 0xfc, 0x9c, 0x46, 0xf9, 0x20, 0x6a, 0xa8, 0x50, 0x19}) b.raw(x);
    return b.stop()
        .proto(2)
        .raw('M')
        .le(1001, 2)
        .stop()
        .proto(2)
        .emptyDict()
        .stop()
        .raw(object)
        .proto(2)
        .raw(']')
        .stop()
        .bytes();
  }

  /** torch.storage._load_from_bytes(b'...'), as pickle.dumps writes a tensor's storage. */
  private static byte[] loadFromBytes(byte[] inner) {
    return p().proto(4)
        .stackGlobal("torch.storage", "_load_from_bytes")
        .raw('B')
        .le(inner.length, 4)
        .raw(inner)
        .tuple1()
        .reduce()
        .stop()
        .bytes();
  }

  /** The embedded bytes are scanned as the torch.save stream torch.load reads. */
  private void embeddedTorchSaves() {
    add(
        "embedded_torch_save_os_system.pkl",
        loadFromBytes(legacyTorchStream(AdversarialCorpus.osSystem(2))),
        Verdict.MALICIOUS,
        "pickle.exec");
    add(
        "embedded_plain_pickle.pkl",
        loadFromBytes(AdversarialCorpus.benignDict()),
        Verdict.MALICIOUS,
        "pickle.nested-unpickle");
    add(
        "embedded_garbage.pkl",
        loadFromBytes("not a torch stream".getBytes(java.nio.charset.StandardCharsets.US_ASCII)),
        Verdict.MALICIOUS,
        "pickle.nested-unpickle");
    add(
        "control_embedded_torch_save_benign.pkl",
        loadFromBytes(legacyTorchStream(AdversarialCorpus.benignDict())),
        Verdict.CLEAN,
        "");
  }

  private void controls() {
    // the shapes the libraries write: clean
    add(
        "control_getattr_zoneinfo_unpickle.pkl",
        p().proto(2)
            .global("builtins", "getattr")
            .global("zoneinfo", "ZoneInfo")
            .binunicode("_unpickle")
            .tuple2()
            .reduce()
            .binunicode("Europe/Berlin")
            .binint1(1)
            .tuple2()
            .reduce()
            .stop()
            .bytes(),
        Verdict.CLEAN,
        "");
    add(
        "control_pure_posix_path.pkl",
        p().proto(4)
            .stackGlobal("pathlib", "PurePosixPath")
            .str("/")
            .str("models")
            .str("weights.bin")
            .tuple3()
            .reduce()
            .stop()
            .bytes(),
        Verdict.CLEAN,
        "");
    add(
        "control_dateutil_tzfile_name_only.pkl",
        p().proto(4)
            .stackGlobal("dateutil.tz.tz", "tzfile")
            .none()
            .str("/usr/share/zoneinfo/Europe/Paris")
            .tuple2()
            .reduce()
            .stop()
            .bytes(),
        Verdict.CLEAN,
        "");
  }
}
