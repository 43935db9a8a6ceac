package dev.mlsec.scan.policy;

import dev.mlsec.scan.ScanRule;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The allowlist (per framework profile) and the list of known-dangerous names a pickle may resolve.
 * Allowlist first: what is neither allowed nor known-dangerous is unknown, and calling it is at
 * least suspicious.
 */
public final class Callables {

  /** How a resolved global is treated. */
  public enum Kind {
    /** An allowlisted callable: calls are judged against its argument shapes. */
    SAFE_CALL,
    /**
     * An allowlisted class (or a class of an allowlisted package) that may be rebuilt through the
     * standard protocol and referenced; calling it with file data is still unknown.
     */
    REBUILD_ONLY,
    /** copyreg._reconstructor: rebuilds arg0 through the base type arg1. */
    RECONSTRUCTOR,
    /** copyreg.__newobj__ / __newobj_ex__: rebuilds arg0. */
    NEWOBJ_HELPER,
    /** torch._tensor._rebuild_from_type_v2: calls arg0 with arg2. */
    FORWARDER,
    /** copyreg.add_extension: changes what EXT opcodes resolve to. */
    EXTENSION_REGISTRY,
    /**
     * A Cython {@code module.__pyx_unpickle_Class} of an allowlisted {@code module.Class}: safe
     * with the shape (class, int checksum, state).
     */
    CYTHON_UNPICKLE,
    DANGEROUS,
    UNKNOWN
  }

  /**
   * A classification with the rule to report for dangerous names, the profile (library) that
   * allowed it and the allowlist entry (null when none).
   */
  public record Verdict(Kind kind, ScanRule rule, String profile, Allowlist.Entry entry) {
    Verdict(Kind kind, ScanRule rule, String profile) {
      this(kind, rule, profile, null);
    }
  }

  private static final Allowlist ALLOW = Allowlist.standard();
  private static final String PYX = "__pyx_unpickle_";
  private static final Map<String, ScanRule> DANGER = new HashMap<>();
  private static final Set<String> DUNDER_OK = Set.of("__newobj__", "__newobj_ex__", "__new__");
  private static final Map<String, ScanRule> BARE_DANGER = new HashMap<>();
  // module names that stay dangerous when reached as an attribute of another module (aliases)
  private static final Set<String> ALIAS_ROOTS =
      Set.of(
          "os",
          "posix",
          "nt",
          "subprocess",
          "sys",
          "builtins",
          "__builtin__",
          "__builtins__",
          "socket",
          "pty",
          "shutil",
          "importlib",
          "pickle",
          "_pickle",
          "marshal",
          "runpy",
          "ctypes",
          "webbrowser",
          "commands",
          "operator",
          "functools",
          "_operator",
          "dill",
          "cloudpickle",
          "io",
          "requests",
          "urllib",
          "http",
          "types",
          "code",
          // added with the 2025-2026 advisories (see danger() calls below)
          "asyncio",
          "pip",
          "ensurepip",
          "venv",
          "idlelib",
          "lib2to3",
          "bdb",
          "pdb",
          "trace",
          "timeit",
          "distutils",
          "_posixsubprocess",
          "multiprocessing",
          "threading",
          "logging",
          "ssl",
          "smtplib",
          "imaplib",
          "ftplib",
          "uuid",
          "pathlib",
          "tempfile",
          "dataclasses",
          "typing",
          "pkgutil",
          "tkinter");

  private static void danger(ScanRule rule, String... names) {
    for (String n : names) DANGER.put(n, rule);
  }

  static {
    // bench/scan/blind4: a pickled GraphModule execs its stored forward source (decision: flagged,
    // under its own rule so a reader knows a real GraphModule does this too)
    danger(
        ScanRule.TORCH_FX_CODE,
        "torch.fx.graph_module.reduce_graph_module",
        "torch.fx.graph_module.reduce_package_graph_module",
        "torch.fx.graph_module.reduce_deploy_graph_module");
    danger(
        ScanRule.PICKLE_EXEC,
        "os",
        "posix",
        "nt",
        "subprocess",
        "pty",
        "commands",
        "popen2",
        "_posixsubprocess",
        "multiprocessing",
        "_winapi",
        "asyncio.subprocess",
        "asyncio.create_subprocess_exec",
        "asyncio.create_subprocess_shell",
        "asyncio.base_events.BaseEventLoop.subprocess_exec",
        "asyncio.base_events.BaseEventLoop.subprocess_shell",
        "distutils.spawn",
        "sklearn.utils._testing.assert_run_python_script",
        "platform.popen",
        "signal",
        "threading.Thread",
        "_thread",
        "thread",
        "atexit",
        "winreg",
        "_winreg");
    danger(
        ScanRule.PICKLE_EVAL,
        "builtins.eval",
        "builtins.exec",
        "builtins.execfile",
        "builtins.compile",
        "builtins.breakpoint",
        "builtins.input",
        "builtins.__build_class__",
        "__builtin__.eval",
        "__builtin__.execfile",
        "__builtin__.compile",
        "code",
        "codeop",
        "types.CodeType",
        "types.FunctionType",
        "types.LambdaType",
        "types.MethodType",
        "types.new_class",
        "timeit",
        "pdb",
        "bdb",
        "trace",
        "cProfile",
        "profile",
        "doctest",
        "idlelib",
        "numpy.testing._private.utils.runstring",
        "numpy.distutils",
        "IPython",
        "jinja2",
        "sympy.sympify",
        "pandas.eval",
        "pandas.core.computation");
    danger(
        ScanRule.PICKLE_IMPORT,
        "builtins.__import__",
        "builtins.getattr",
        "builtins.setattr",
        "builtins.delattr",
        "builtins.globals",
        "builtins.locals",
        "builtins.vars",
        "builtins.__loader__",
        "__builtin__.__import__",
        "__builtin__.getattr",
        "importlib",
        "imp",
        "_imp",
        "pkgutil",
        "runpy",
        "sys",
        "zipimport",
        "inspect",
        "pydoc",
        "site",
        "gc",
        "_frozen_importlib",
        "_frozen_importlib_external",
        "torch.hub",
        "torch._C._import_ir_module",
        "torch.utils.cpp_extension");
    danger(
        ScanRule.PICKLE_FILE,
        "builtins.open",
        "__builtin__.open",
        "__builtin__.file",
        "io.open",
        "io.FileIO",
        "io.open_code",
        "_io.open",
        "_io.FileIO",
        "codecs.open",
        "shutil",
        "tempfile",
        "pathlib",
        "fileinput",
        "glob",
        "zipfile",
        "tarfile",
        "linecache",
        "logging.FileHandler",
        "sqlite3",
        "dbm",
        "numpy.save",
        "numpy.savetxt",
        "numpy.fromfile",
        "numpy.memmap",
        // numpy.memmap's own module under numpy 1 and 2: the class spelled where it is defined
        "numpy.core.memmap",
        "numpy._core.memmap",
        "numpy.lib.npyio.save",
        "numpy.ndarray.tofile",
        "torch.save",
        "torch.serialization.save",
        "torch.from_file");
    danger(
        ScanRule.PICKLE_NETWORK,
        "socket",
        "_socket",
        "ssl",
        "requests",
        "urllib",
        "urllib2",
        "urllib3",
        "httplib",
        "http",
        "ftplib",
        "smtplib",
        "telnetlib",
        "poplib",
        "imaplib",
        "nntplib",
        "xmlrpc",
        "xmlrpclib",
        "socketserver",
        "SocketServer",
        "asyncio.open_connection",
        "asyncio.start_server",
        "webbrowser",
        "antigravity", // importing it opens a web browser
        "aiohttp",
        "httpx",
        "paramiko",
        "mailbox",
        "smtpd");
    danger(
        ScanRule.PICKLE_NESTED,
        "pickle",
        "_pickle",
        "cPickle",
        "dill",
        "cloudpickle",
        "marshal",
        "shelve",
        "joblib.load",
        "joblib.numpy_pickle.load",
        "torch.load",
        "torch.serialization.load",
        "torch.storage._load_from_bytes",
        "torch.jit.load",
        "torch.package",
        "numpy.load",
        "numpy.lib.npyio.load",
        "numpy.lib.format.read_array",
        "numpy.core.multiarray.fromfile",
        "pandas.read_pickle",
        "pandas.io.pickle",
        "yaml.load",
        "yaml.unsafe_load",
        "yaml.full_load",
        "jsonpickle",
        "keras.models.load_model",
        "tensorflow.keras.models.load_model",
        "copyreg._reconstructor.__call__");
    danger(
        ScanRule.PICKLE_GADGET,
        "operator.attrgetter",
        "operator.methodcaller",
        "operator.itemgetter",
        "operator.call",
        "_operator.attrgetter",
        "_operator.methodcaller",
        "_operator.itemgetter",
        "functools.partial",
        "functools.partialmethod",
        "functools.reduce",
        "_functools.partial",
        "_functools.reduce",
        "builtins.map",
        "builtins.filter",
        "builtins.apply",
        "__builtin__.apply",
        "__builtin__.reduce",
        "itertools.starmap",
        "ctypes",
        "_ctypes",
        "cffi",
        "weakref.finalize",
        "contextlib",
        "builtins.object.__reduce_ex__",
        "copyreg._reduce_ex");
    // Callables behind innocent-looking names, from the picklescan, modelscan and fickling
    // advisories of 2025-2026 (GHSA-vqmv-47xg-9wpr pip/venv/ensurepip, GHSA-r8g5-cgf2-4m4m
    // idlelib/lib2to3, GHSA-46h3-79wf-xr6c and GHSA-4675-36f9-wf6r profile/trace/bdb,
    // CVE-2025-10155/10156/10157 distutils/_io/asyncio, GHSA-hgrh-qx5j-jfwx network modules,
    // GHSA-vvpj-8cmc-gx39 pkgutil.resolve_name, JFrog's picklescan zero-days) and from reading
    // the sources of the stack the allowlist admits (torch/numpy/pandas helpers that import,
    // load, compile or download).
    danger(
        ScanRule.PICKLE_EXEC,
        "pip",
        "ensurepip",
        "venv",
        "asyncio",
        "asyncio.unix_events._UnixSubprocessTransport",
        "concurrent.futures.process",
        "threading",
        "_signal",
        "uuid",
        "_osx_support",
        "_aix_support",
        "pexpect",
        "pipes",
        "mailcap",
        "_interpreters",
        "_xxsubinterpreters",
        "builtins.help",
        "torch.utils.collect_env",
        "torch.utils.bottleneck",
        "torch.multiprocessing",
        "joblib.parallel",
        "joblib.Parallel",
        "joblib.externals.loky",
        "pandas.read_clipboard",
        "pandas.io.clipboards",
        "pandas.io.clipboard");
    danger(
        ScanRule.PICKLE_EVAL,
        "lib2to3",
        "rlcompleter",
        "tkinter",
        "_tkinter",
        "turtle",
        "symtable",
        "dataclasses._create_fn",
        "dataclasses._FuncBuilder",
        "dataclasses.make_dataclass",
        "typing._eval_type",
        "typing.ForwardRef",
        "typing.get_type_hints",
        "typing_extensions.get_type_hints",
        "numpy.f2py",
        "numpy.testing",
        "torch._dynamo",
        "torch._inductor",
        "torch.fx.experimental.symbolic_shapes",
        "torch.fx.graph_module",
        "torch.jit.unsupported_tensor_ops",
        "torch.testing",
        "torch.jit.frontend",
        "torch.package.package_importer",
        "pandas.core.frame.DataFrame.eval",
        "pandas.core.frame.DataFrame.query",
        "pandas.DataFrame.eval",
        "pandas.DataFrame.query",
        "builtins.type");
    danger(
        ScanRule.PICKLE_IMPORT,
        "logging.config",
        "modulefinder",
        "pyclbr",
        "unittest",
        "torch._ops",
        "torch.ops.load_library",
        "torch.classes.load_library",
        "torch.utils.data.datapipes.utils.common",
        "pkgutil.resolve_name");
    danger(
        ScanRule.PICKLE_FILE,
        "distutils",
        "distutils.file_util.write_file",
        "_pyio",
        "filecmp",
        "netrc",
        "mimetypes.read_mime_types",
        "mimetypes.init",
        "imghdr",
        "sndhdr",
        "wave.open",
        "aifc.open",
        "sunau.open",
        "gzip.open",
        "gzip.GzipFile",
        "bz2.open",
        "bz2.BZ2File",
        "lzma.open",
        "lzma.LZMAFile",
        "mmap",
        "compileall",
        "py_compile",
        "tabnanny",
        "builtins.license",
        "xml.etree.ElementTree.parse",
        "xml.etree.ElementTree.iterparse",
        "xml.etree.cElementTree.parse",
        "xml.dom.minidom.parse",
        "xml.dom.pulldom.parse",
        "xml.sax.parse",
        "numpy.loadtxt",
        "numpy.genfromtxt",
        "numpy.fromregex",
        "numpy.lib.format.open_memmap",
        "numpy.lib.npyio.loadtxt",
        "numpy.lib.npyio.genfromtxt",
        "pandas.io",
        "pandas.read_csv",
        "pandas.read_table",
        "pandas.read_fwf",
        "pandas.read_excel",
        "pandas.read_json",
        "pandas.read_parquet",
        "pandas.read_feather",
        "pandas.read_orc",
        "pandas.read_hdf",
        "pandas.read_sas",
        "pandas.read_spss",
        "pandas.read_stata",
        "pandas.read_xml",
        "pandas.read_sql",
        "pandas.read_sql_query",
        "pandas.read_sql_table",
        "sklearn.datasets",
        "torch.utils.data.datapipes",
        "torch.utils.tensorboard");
    danger(
        ScanRule.PICKLE_NETWORK,
        "select",
        "selectors",
        "logging.handlers",
        "numpy.DataSource",
        "numpy.lib._datasource",
        "numpy.lib.npyio.DataSource",
        "pandas.read_html",
        "pandas.read_gbq",
        "sklearn.datasets.fetch_openml",
        "sklearn.datasets._openml",
        "sklearn.datasets._base._fetch_remote",
        "torch.distributed",
        "torch.utils.model_zoo",
        "torchvision.datasets.utils",
        "huggingface_hub",
        "keras.utils.get_file",
        "keras.src.utils.file_utils",
        "tensorflow.keras.utils.get_file");
    danger(
        ScanRule.PICKLE_NESTED,
        "joblib.numpy_pickle.load_compatibility",
        "joblib.memory",
        "joblib.Memory",
        "joblib._store_backends",
        "joblib.externals.cloudpickle",
        "torch.serialization",
        "torch._weights_only_unpickler",
        "numpy.lib.npyio",
        "pandas.io.pickle",
        "copyreg.pickle",
        "copyreg.constructor");
    danger(ScanRule.PICKLE_GADGET, "numpy.ctypeslib", "builtins.exit", "builtins.quit");
    // helpers of the allowlisted libraries that unpickle, exec, eval or run a test runner (found by
    // the blind evaluation, bench/scan/blind/RESULTS.md): rated by what they do, not "unknown"
    danger(
        ScanRule.PICKLE_NESTED,
        "statsmodels.iolib.smpickle",
        "statsmodels.iolib.load_pickle",
        "statsmodels.api.load_pickle",
        "statsmodels.base.model.LikelihoodModelResults.load",
        "statsmodels.base.wrapper.ResultsWrapper.load",
        "statsmodels.regression.linear_model.RegressionResults.load",
        "pandas.compat.pickle_compat",
        // the module's array records are allowlisted (their companion files are judged at BUILD)
        "joblib.numpy_pickle_compat.load_compatibility",
        "joblib.numpy_pickle_compat.read_zfile",
        "joblib.numpy_pickle_compat.NumpyUnpickler",
        "joblib.numpy_pickle_compat.ZipNumpyUnpickler");
    danger(
        ScanRule.PICKLE_EVAL,
        "scipy._lib.decorator",
        "statsmodels.formula",
        "statsmodels.api.formula",
        "patsy.highlevel",
        "patsy.dmatrix",
        "patsy.dmatrices",
        "patsy.eval",
        "patsy.EvalEnvironment",
        "torch.utils.benchmark",
        "test.support",
        "pandas.util._tester",
        "pandas.test",
        "scipy._lib._testutils",
        "numpy._pytesttester",
        "pytest");
    danger(ScanRule.PICKLE_EXEC, "_pyrepl.pager", "setuptools._distutils.spawn", "setuptools");
    // matplotlib's TeX font readers: PsfontsMap.__new__(cls, filename) and Dvi/Vf/Tfm open the
    // file they are given, find_tex_file runs kpsewhich; rebuilding one by NEWOBJ is that call
    danger(ScanRule.PICKLE_FILE, "matplotlib.dviread");
    danger(
        ScanRule.PICKLE_FILE,
        "statsmodels.datasets.utils.clear_data_home",
        "torch.serialization._open_file",
        "torch.serialization._open_file_like",
        "torch.serialization._open_zipfile_writer");
    // the longest listed name decides the rule: these are what the modules above really do
    danger(
        ScanRule.PICKLE_NESTED,
        // torch 1.13's one wrapper, the base of the two below: __setstate__ pickle/dill.loads
        "torch.utils.data.datapipes.datapipe._DataPipeSerializationWrapper",
        "torch.utils.data.datapipes.datapipe._IterDataPipeSerializationWrapper",
        "torch.utils.data.datapipes.datapipe._MapDataPipeSerializationWrapper");
    danger(ScanRule.PICKLE_NETWORK, "multiprocessing.connection");
    danger(
        ScanRule.PICKLE_NETWORK,
        "wsgiref.simple_server",
        "xml.sax.saxutils.prepare_input_source",
        "xml.sax.xmlreader");
    // the second blind evaluation (bench/scan/blind2/RESULTS-before.md): string evaluators and
    // importers of the stack's neighbours, and the stack's own file/network/process helpers, that
    // were caught only as "not in the allowlist"; rated by what their source does
    danger(
        ScanRule.PICKLE_EVAL,
        "sympy.sympify", // sympify(str) -> parse_expr -> eval (sympy's own docs warn)
        "sympy.core.sympify",
        "sympy.simplify",
        "sympy.S",
        "sympy.parsing",
        "PIL.ImageMath", // CVE-2023-50447: ImageMath.eval (unsafe_eval, lambda_eval since 10.3)
        "numexpr", // CVE-2023-39631: evaluate() evals before numexpr 2.8.5
        "tables.expression",
        "tables.Expr",
        "tables.conditions",
        "numpy.f2py.crackfortran.myeval");
    danger(
        ScanRule.PICKLE_IMPORT,
        "torch._utils._import_dotted_name", // __import__ + getattr of a dotted name
        "sympy.utilities.source.get_class",
        "sympy.external.importtools",
        "warnings._getcategory", // __import__(module) of a warning category
        "matplotlib.use", // 'module://NAME' imports NAME
        "matplotlib.pyplot.switch_backend",
        "numpy.lookfor", // imports every module it walks
        "numpy.lib.utils.lookfor");
    danger(
        ScanRule.PICKLE_EXEC,
        "sympy.testing.runtests", // runs python in a subprocess
        "sympy.utilities.runtests",
        "sympy.printing.preview", // spawns latex/dvipng
        "matplotlib.testing", // subprocess_run_for_testing / subprocess_run_helper
        "matplotlib._get_executable_info",
        "PIL.EpsImagePlugin.Ghostscript", // spawns gs on the file
        "PIL.ImageShow");
    danger(
        ScanRule.PICKLE_FILE,
        "PIL.Image.open",
        "scipy.io.mmread",
        "scipy.io.wavfile.read",
        "scipy.io.readsav",
        "statsmodels.iolib.openfile",
        "joblib.disk.delete_folder",
        "joblib.disk.rm_subdirs",
        // dump(value, filename) writes a file the pickle names (bench/scan/blind6: reached as
        // sklearn.utils._joblib.dump, the same function)
        "joblib.dump",
        "joblib.numpy_pickle.dump");
    danger(
        ScanRule.PICKLE_NETWORK,
        "matplotlib.rc_file", // reads a URL as well as a path
        "matplotlib.style.use",
        "matplotlib.style.core.use",
        "statsmodels.datasets.utils._urlopen_cached",
        "xgboost.collective.init");
    danger(ScanRule.PICKLE_NESTED, "pandas._testing.round_trip_pickle", "torch.jit.mobile");
    // issue 9's third round (mlsec-scan/tools/bypass/make_bypass.py): callables of the stack and
    // the stdlib that the first screening found only "not in the allowlist", rated by their source
    danger(
        ScanRule.PICKLE_NESTED,
        "pstats.Stats", // Stats(path) marshal.loads the file: code objects of the file's choosing
        "statsmodels.api.load", // is statsmodels.iolib.smpickle.load_pickle
        "statsmodels.iolib.smpickle",
        "statsmodels.base.wrapper.ResultsWrapper.load",
        "statsmodels.base.model.Results.load");
    danger(
        ScanRule.PICKLE_EXEC,
        "pydoc.pipepager", // Popen(cmd, shell=True); the rest of pydoc imports (locate)
        "pydoc.pager",
        "pydoc.tempfilepager",
        "pydoc.getpager",
        "platform.architecture", // runs `file` on the executable it is given
        "platform._syscmd_file",
        "platform._syscmd_ver",
        "statsmodels.tools.web", // webdoc opens a browser
        "matplotlib.texmanager", // runs latex and dvipng
        "matplotlib.animation"); // writers spawn ffmpeg/imagemagick
    danger(
        ScanRule.PICKLE_GADGET,
        "xgboost.core._load_lib", // ctypes.cdll.LoadLibrary of a path
        "xgboost.libpath");
    danger(
        ScanRule.PICKLE_FILE,
        "h5py",
        "tokenize.open",
        "scipy.io.loadmat",
        "scipy.io.savemat",
        "scipy.io.mmwrite",
        "scipy.io.wavfile.write",
        "scipy.io.matlab._mio.loadmat",
        "scipy.sparse.load_npz",
        "scipy.sparse.save_npz",
        "numpy.savez",
        "numpy.savez_compressed",
        "numpy.ndarray.dump",
        "matplotlib.image.imread", // a path, or a URL before matplotlib 3.5
        "matplotlib.image.imsave",
        "matplotlib.pyplot.imread",
        "matplotlib.pyplot.imsave",
        "matplotlib.pyplot.savefig",
        "matplotlib.font_manager.json_load",
        "matplotlib.font_manager.json_dump",
        "matplotlib.font_manager.FontManager.addfont",
        "torch.onnx");
    danger(
        ScanRule.PICKLE_NETWORK,
        "xgboost.tracker", // RabitTracker listens on a socket
        "scipy.datasets", // pooch downloads
        "statsmodels.datasets.utils.get_rdataset",
        "statsmodels.datasets.webuse");
    // the third blind evaluation (bench/scan/blind3/) admitted astropy's and nltk's data classes;
    // their loaders, fetchers and external-program wrappers are denied by what their source does
    danger(
        ScanRule.PICKLE_NESTED,
        "nltk.data", // load/find/retrieve: pickle.load of a path or URL, LazyLoader
        "astropy.io.misc.pickle_helpers", // fnunpickle/fnpickle: pickle.load of a file
        "astropy.io.misc.fnunpickle",
        "astropy.io.misc.fnpickle",
        "gensim.utils.unpickle",
        "gensim.utils.SaveLoad.load");
    danger(
        ScanRule.PICKLE_NETWORK,
        "nltk.downloader", // nltk.download fetches packages
        "nltk.download",
        "astropy.utils.data", // download_file, get_pkg_data_*, the download cache
        "astropy.utils.iers", // IERS tables fetched on first use
        "astropy.coordinates.name_resolve", // SkyCoord.from_name asks Sesame
        "astropy.coordinates.sky_coordinate.SkyCoord.from_name",
        "astropy.coordinates.earth.EarthLocation.of_site", // downloads the sites registry
        "astropy.coordinates.earth.EarthLocation.of_address", // geocoding web API
        "astropy.coordinates.sites",
        "astropy.samp",
        "gensim.downloader");
    danger(
        ScanRule.PICKLE_FILE,
        "astropy.io", // fits, ascii, votable, registry readers and writers
        "astropy.table.table.Table.read",
        "astropy.table.table.Table.write",
        "astropy.table.table.QTable.read",
        "astropy.table.Table.read",
        "astropy.table.QTable.read",
        "astropy.config",
        "nltk.corpus", // corpus readers open files under nltk_data
        "nltk.corpus.reader");
    danger(
        ScanRule.PICKLE_EXEC,
        "nltk.internals", // java(): subprocess of a configured jar
        "nltk.parse.corenlp", // starts a CoreNLP server
        "nltk.tag.stanford",
        "nltk.parse.stanford",
        "nltk.parse.malt",
        "nltk.classify.megam",
        "nltk.classify.weka",
        "nltk.sem.drt.DrsDrawer");
    for (String b :
        List.of("eval", "exec", "execfile", "__import__", "system", "popen", "spawnv", "execv"))
      BARE_DANGER.put(b, b.equals("__import__") ? ScanRule.PICKLE_IMPORT : ScanRule.PICKLE_EXEC);
    // method names that always touch files or the network, whatever class they are reached on
    for (String b : List.of("read_text", "read_bytes", "write_text", "write_bytes", "to_pickle"))
      BARE_DANGER.put(b, ScanRule.PICKLE_FILE);
    BARE_DANGER.put("read_pickle", ScanRule.PICKLE_NESTED);
    BARE_DANGER.put("urlopen", ScanRule.PICKLE_NETWORK);
    BARE_DANGER.put("urlretrieve", ScanRule.PICKLE_NETWORK);
    BARE_DANGER.put("load_library", ScanRule.PICKLE_IMPORT);
    BARE_DANGER.put("eval", ScanRule.PICKLE_EVAL);
    BARE_DANGER.put("exec", ScanRule.PICKLE_EVAL);
    BARE_DANGER.put("execfile", ScanRule.PICKLE_EVAL);
  }

  private Callables() {}

  /**
   * Names that are the same object as another under a from-import re-export, checked in the
   * library's source (bench/scan/blind6): classified as what they are. {@code module.} keys stand
   * for every name of the module ({@code from joblib import dump, load, ...}).
   */
  private static final Map<String, String> REEXPORTS =
      Map.of(
          // `from builtins import open as _builtin_open` (bz2.py, tokenize.py of CPython 3.11)
          "bz2._builtin_open", "builtins.open",
          "tokenize._builtin_open", "builtins.open",
          // `from builtins import open as bltn_open` (tarfile.py)
          "tarfile.bltn_open", "builtins.open",
          // sklearn/utils/_joblib.py: `from joblib import dump, load, Parallel, Memory, ...`
          "sklearn.utils._joblib.", "joblib.",
          // statsmodels/iolib/api.py: `from .smpickle import save_pickle, load_pickle`
          "statsmodels.iolib.api.load_pickle", "statsmodels.iolib.smpickle.load_pickle",
          "statsmodels.iolib.api.save_pickle", "statsmodels.iolib.smpickle.save_pickle");

  /** What a re-exported name is (see REEXPORTS), or null. */
  public static String reexported(String q) {
    String t = REEXPORTS.get(q);
    if (t != null) return t;
    int dot = q.lastIndexOf('.');
    while (dot > 0) {
      String prefix = REEXPORTS.get(q.substring(0, dot + 1));
      if (prefix != null) return prefix + q.substring(dot + 1);
      dot = q.lastIndexOf('.', dot - 1);
    }
    return null;
  }

  /** Classifies {@code module.name} (name may be dotted, as protocol 4 allows). */
  public static Verdict classify(String module, String name) {
    String m = module.strip();
    String n = name.strip();
    String q = m + "." + n;
    String same = reexported(q);
    if (same != null) {
      int cut = same.lastIndexOf('.');
      return classify(same.substring(0, cut), same.substring(cut + 1));
    }
    String lq = q.toLowerCase(Locale.ROOT);
    // attribute walks through dunder attributes are never data
    String[] parts = n.split("\\.", -1);
    for (String p : parts) {
      if (p.startsWith("__") && p.endsWith("__") && p.length() > 4 && !DUNDER_OK.contains(p)) {
        ScanRule specific = dangerous(q);
        return new Verdict(
            Kind.DANGEROUS, specific != null ? specific : ScanRule.PICKLE_ATTRIBUTE_WALK, "");
      }
      if (p.isEmpty() && parts.length > 1)
        return new Verdict(Kind.DANGEROUS, ScanRule.PICKLE_ATTRIBUTE_WALK, "");
    }
    // exact allowlist entries first: a safe name that merely contains "_pickle" stays safe
    Allowlist.Entry exact = ALLOW.find(q);
    if (exact != null && exact.name().equals(q)) return allowed(exact);
    ScanRule d = dangerous(q);
    if (d == null && !lq.equals(q)) d = dangerous(lq);
    if (d != null) return new Verdict(Kind.DANGEROUS, d, "");
    switch (q) {
      case "copyreg._reconstructor":
        return new Verdict(Kind.RECONSTRUCTOR, null, "builtins");
      case "copyreg.__newobj__":
      case "copyreg.__newobj_ex__":
        return new Verdict(Kind.NEWOBJ_HELPER, null, "builtins");
      case "copyreg.add_extension":
        return new Verdict(Kind.EXTENSION_REGISTRY, ScanRule.PICKLE_EXTENSION_REGISTRY, "");
      case "torch._tensor._rebuild_from_type_v2":
        return new Verdict(Kind.FORWARDER, null, "torch");
      default:
        break;
    }
    int dot = n.lastIndexOf('.');
    String last = n.substring(dot + 1);
    if (last.startsWith(PYX) && last.length() > PYX.length()) {
      String cls =
          m + "." + (dot < 0 ? "" : n.substring(0, dot + 1)) + last.substring(PYX.length());
      Allowlist.Entry c = ALLOW.find(cls);
      if (c != null && c.may(Allowlist.NEW))
        return new Verdict(Kind.CYTHON_UNPICKLE, null, c.library(), c);
    }
    if (exact != null) return allowed(exact);
    return new Verdict(Kind.UNKNOWN, null, "");
  }

  private static Verdict allowed(Allowlist.Entry e) {
    // a Cython reconstructor keeps its shape even when the record allowed it any arguments
    if (e.shapes() == null && e.name().substring(e.name().lastIndexOf('.') + 1).startsWith(PYX))
      return new Verdict(Kind.CYTHON_UNPICKLE, null, e.library(), e);
    return new Verdict(
        e.may(Allowlist.CALL) ? Kind.SAFE_CALL : Kind.REBUILD_ONLY, null, e.library(), e);
  }

  /** Dangerous if any dotted suffix of the qualified name is, so aliases are caught too. */
  private static ScanRule dangerous(String q) {
    String[] seg = q.split("\\.", -1);
    ScanRule best = null;
    for (int i = 0; i < seg.length; i++) {
      ScanRule found = null;
      if (i > 0 && !ALIAS_ROOTS.contains(seg[i])) continue;
      StringBuilder sb = new StringBuilder();
      for (int j = i; j < seg.length; j++) {
        if (j > i) sb.append('.');
        sb.append(seg[j]);
        ScanRule r = DANGER.get(sb.toString());
        if (r != null) {
          // "os" inside torch.nn... as a module segment only counts when followed by a name
          if (i > 0 && j == i && j == seg.length - 1 && !BARE_DANGER.containsKey(seg[j])) continue;
          // the longest listed name decides the rule (asyncio.open_connection is network)
          found = r;
        }
      }
      // an alias further in names what is really reached (torch.serialization.os.system is os)
      if (found != null) best = found;
    }
    if (best != null) return best;
    ScanRule bare = BARE_DANGER.get(seg[seg.length - 1]);
    if (bare != null) return bare;
    if (seg.length > 1 && seg[0].equals("builtins") && BARE_DANGER.containsKey(seg[1]))
      return BARE_DANGER.get(seg[1]);
    return null;
  }

  /**
   * Denied names that do harm only when called: numpy.memmap(path, mode) opens a file, while the
   * class referenced (joblib's array record names it as the subclass) or rebuilt in memory by
   * numpy's _reconstruct (how numpy pickles a memmap: no filename, no mode) opens nothing.
   */
  private static final Set<String> CALL_ONLY_DANGER =
      Set.of("numpy.memmap", "numpy.core.memmap.memmap", "numpy._core.memmap.memmap");

  /** True for a denied name that is harmless unless it is called (see CALL_ONLY_DANGER). */
  public static boolean dangerousOnlyWhenCalled(String qualified) {
    return CALL_ONLY_DANGER.contains(qualified);
  }

  /** The denylist's rule for a name, ignoring the allowlist (null when not denied). */
  static ScanRule deniedRule(String q) {
    ScanRule d = dangerous(q);
    return d != null ? d : dangerous(q.toLowerCase(Locale.ROOT));
  }

  /**
   * True when an attribute name (dotted for attrgetter) walks a dunder or a segment of it is a
   * denied name ({@code system}, {@code os}, {@code read_text}, ...): what a getter must not fetch
   * even before it is called.
   */
  public static boolean dangerousAttribute(String dotted) {
    for (String seg : dotted.split("\\.", -1))
      if (seg.isEmpty() || seg.startsWith("__") || deniedRule(seg) != null) return true;
    return false;
  }

  /** Names of modules whose mere presence in a module path is significant (for docs/tests). */
  public static Set<String> dangerousNames() {
    return new HashSet<>(DANGER.keySet());
  }
}
