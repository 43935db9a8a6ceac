#!/usr/bin/python3
"""Writes the third-round bypass fixtures of issue 9 (2025-2026 advisories and their neighbours).

Every pickle is assembled here opcode by opcode; nothing is pickled, unpickled or imported from
the libraries named, and no payload is ever run. Output: one file per case and MANIFEST.tsv
(file, class/advisory, expected rule or "flagged" = any verdict but clean) in the directory given
(default: the test resources BypassFixturesTest reads). Deterministic: same bytes every run.
"""
import os
import struct
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
    HERE, "..", "..", "src", "test", "resources", "dev", "mlsec", "scan", "bypass")


def s(x):
    b = x.encode()
    return b"\x8c" + bytes([len(b)]) + b if len(b) < 256 else b"X" + struct.pack("<I", len(b)) + b


def raw_bytes(x):
    return b"C" + bytes([len(x)]) + x if len(x) < 256 else b"B" + struct.pack("<I", len(x)) + x


def g(module, name):  # STACK_GLOBAL
    return s(module) + s(name) + b"\x93"


P = b"\x80\x04"  # PROTO 4, no FRAME (a frame is optional)
MEMO = b"\x94"  # MEMOIZE


def get(i):
    return b"h" + bytes([i])


def call(module, name, *args):
    return P + g(module, name) + b"(" + b"".join(args) + b"tR."


EVIL = P + g("os", "system") + s("id") + b"\x85R."  # only ever stored as bytes
cases = []


def add(name, why, data, expect):
    cases.append((name, why, data, expect))


# --- callables named by the advisories (module.name('x')) -------------------------------------
NAMED = [
    ("mailcap", "findmatch", "modelscan#346 (mailcap test command -> os.system)", "pickle.exec"),
    ("importlib.util", "find_spec", "picklescan#66 after GHSA-vvpj-8cmc-gx39", "pickle.import"),
    ("importlib.util", "module_from_spec", "picklescan#66 after GHSA-vvpj-8cmc-gx39", "pickle.import"),
    ("importlib", "import_module", "picklescan#74, modelscan#331", "pickle.import"),
    ("pkgutil", "resolve_name", "GHSA-vvpj-8cmc-gx39", "pickle.import"),
    ("cProfile", "run", "GHSA-46h3-79wf-xr6c", "pickle.eval"),
    ("profile", "run", "GHSA-46h3-79wf-xr6c", "pickle.eval"),
    ("timeit", "timeit", "GHSA-4675-36f9-wf6r", "pickle.eval"),
    ("pydoc", "pipepager", "GHSA-4675-36f9-wf6r (pager runs a shell)", "pickle.exec"),
    ("pydoc", "locate", "GHSA-4675-36f9-wf6r (imports a dotted name)", "pickle.import"),
    ("code", "InteractiveInterpreter.runsource", "modelscan#313", "pickle.eval"),
    ("doctest", "debug_script", "fickling#210", "pickle.eval"),
    ("pdb", "run", "fickling#210", "pickle.eval"),
    ("functools", "reduce", "fickling#210 (functools wrappers)", "pickle.gadget"),
    ("torch.utils.cpp_extension", "load_inline", "compiles and imports C++/Python source", ""),
    ("torch.utils.bottleneck.__main__", "run_cprofile", "modelscan#313", ""),
    ("torch.hub", "load", "torch.hub.load runs hubconf.py", "pickle.import"),
    ("torch.jit", "load", "nested TorchScript load", ""),
    ("torch.package", "PackageImporter", "imports the archive's modules", ""),
    ("torch._inductor.codecache", "PyCodeCache.load", "compiles source", "pickle.eval"),
    ("ctypes", "CDLL", "native code", "pickle.gadget"),
    ("_ctypes", "dlopen", "native code", "pickle.gadget"),
    ("numpy.testing._private.utils", "runstring", "exec of a string", ""),
    ("numpy.f2py.crackfortran", "_eval_length", "fickling#210 (f2py eval)", "pickle.eval"),
    ("numpy.distutils.exec_command", "exec_command", "runs a command", ""),
    ("pandas", "read_pickle", "pandas.read_pickle of a URL", "pickle.nested-unpickle"),
    ("pandas", "read_csv", "pandas.read_csv of a URL", ""),
    ("joblib.externals.cloudpickle.cloudpickle", "subimport", "cloudpickle's importer", ""),
    ("joblib.externals.cloudpickle.cloudpickle", "_builtin_type", "cloudpickle's CodeType", ""),
    ("cloudpickle.cloudpickle", "_make_function", "cloudpickle's function builder", ""),
    ("statsmodels.iolib.smpickle", "load_pickle", "nested unpickle", "pickle.nested-unpickle"),
    ("statsmodels.api", "load", "is load_pickle", "pickle.nested-unpickle"),
    ("pstats", "Stats", "marshal.load of a file", "pickle.nested-unpickle"),
    ("platform", "architecture", "runs `file`", "pickle.exec"),
    ("platform", "_syscmd_file", "runs `file`", "pickle.exec"),
    ("xgboost.core", "_load_lib", "ctypes LoadLibrary", "pickle.gadget"),
    ("xgboost.tracker", "RabitTracker", "listens on a socket", "pickle.network"),
    ("scipy.io", "loadmat", "reads a file", "pickle.file"),
    ("scipy.datasets", "face", "downloads", "pickle.network"),
    ("statsmodels.datasets", "webuse", "downloads", "pickle.network"),
    ("statsmodels.tools.web", "webdoc", "opens a browser", "pickle.exec"),
    ("matplotlib.texmanager", "TexManager.make_dvi", "runs latex", "pickle.exec"),
    ("matplotlib.animation", "FFMpegWriter", "runs ffmpeg", "pickle.exec"),
    ("matplotlib.image", "imread", "reads a path or URL", "pickle.file"),
    ("matplotlib.pyplot", "savefig", "writes a file", "pickle.file"),
    ("matplotlib.font_manager", "json_load", "reads a file", "pickle.file"),
    ("matplotlib.dviread", "PsfontsMap", "opens its filename", "pickle.file"),
    ("h5py", "File", "opens a file", "pickle.file"),
    ("tokenize", "open", "opens a file", "pickle.file"),
    ("numpy", "savez", "writes a file", "pickle.file"),
    ("torch.onnx", "export", "writes a file", "pickle.file"),
    ("fickling.hook", "deactivate_safe_ml_environment", "fickling#249 scanner tampering", "flagged"),
    ("picklescan.scanner", "scan_file_path", "fickling#249 scanner tampering", "flagged"),
    ("asyncio.subprocess", "create_subprocess_shell", "GHSA-q5qq-mvfm-j35x (submodule)", "pickle.exec"),
    ("multiprocessing.popen_fork", "Popen", "GHSA-q5qq-mvfm-j35x (submodule)", "pickle.exec"),
    ("webbrowser", "open", "runs a browser", ""),
    ("site", "addsitedir", "runs .pth files", ""),
    ("zipimport", "zipimporter", "imports from a zip", ""),
    ("importlib.machinery", "SourceFileLoader", "imports a file", "pickle.import"),
    ("builtins", "breakpoint", "PYTHONBREAKPOINT imports a hook", ""),
    ("builtins", "setattr", "sets any attribute", ""),
    ("builtins", "globals", "the module namespace", ""),
    ("linecache", "updatecache", "reads a file", "pickle.file"),
    ("sqlite3", "connect", "opens a file", ""),
    ("shelve", "open", "a pickle store", ""),
    # loaders of the libraries whose data classes the allowlist admits since blind3
    ("nltk.data", "load", "pickle.load of a path or URL", "pickle.nested-unpickle"),
    ("nltk.data", "retrieve", "fetches a URL to a file", "pickle.nested-unpickle"),
    ("nltk", "download", "fetches nltk_data packages", "pickle.network"),
    ("astropy.utils.data", "download_file", "fetches a URL", "pickle.network"),
    ("astropy.utils.data", "get_pkg_data_filename", "fetches from the data server", "pickle.network"),
    ("astropy.io.misc", "fnunpickle", "pickle.load of a file", "pickle.nested-unpickle"),
    ("astropy.io.misc.pickle_helpers", "fnunpickle", "pickle.load of a file", "pickle.nested-unpickle"),
    ("astropy.io.fits", "open", "reads a file or URL", "pickle.file"),
    ("astropy.table.table", "Table.read", "reads a file or URL", "pickle.file"),
    ("astropy.coordinates.sky_coordinate", "SkyCoord.from_name", "asks a name resolver", "pickle.network"),
    ("astropy.coordinates.earth", "EarthLocation.of_site", "downloads the site registry", "pickle.network"),
    ("nltk.internals", "java", "runs java", "pickle.exec"),
    ("gensim.utils", "unpickle", "pickle.load of a file", "pickle.nested-unpickle"),
]
for m, n, why, expect in NAMED:
    add(f"named_{m}.{n}.pkl", why, call(m, n, s("x")), expect or "flagged")

# neighbours: other entry points of the same kinds; must not be clean
NEIGHBOURS = [
    ("ftplib", "FTP"), ("poplib", "POP3"), ("http.client", "HTTPConnection"), ("xmlrpc.client", "ServerProxy"),
    ("telnetlib", "Telnet"), ("nntplib", "NNTP"), ("socketserver", "TCPServer"), ("wsgiref.simple_server", "make_server"),
    ("tarfile", "open"), ("zipfile", "ZipFile"), ("dbm", "open"), ("fileinput", "input"), ("mimetypes", "init"),
    ("netrc", "netrc"), ("mailbox", "mbox"), ("py_compile", "compile"), ("compileall", "compile_dir"),
    ("tempfile", "mkdtemp"), ("codecs", "open"), ("io", "open"), ("_io", "FileIO"), ("os", "fdopen"),
    ("numpy", "fromfile"), ("numpy", "genfromtxt"), ("numpy.lib.format", "open_memmap"), ("numpy", "ndarray.dump"),
    ("pandas", "read_parquet"), ("pandas", "read_hdf"), ("pandas", "read_xml"), ("pandas.io.sql", "read_sql"),
    ("pandas.core.frame", "DataFrame.to_parquet"), ("pandas.core.generic", "NDFrame.to_hdf"),
    ("sklearn.datasets", "load_svmlight_file"), ("scipy.io", "savemat"), ("scipy.sparse", "load_npz"),
    ("scipy", "LowLevelCallable"), ("statsmodels.datasets.utils", "get_rdataset"), ("statsmodels.formula.api", "ols"),
    ("patsy", "dmatrix"), ("joblib", "load"), ("joblib.memory", "Memory"), ("joblib", "Parallel"),
    ("matplotlib.style", "use"), ("matplotlib.pyplot", "imread"), ("matplotlib.font_manager", "FontManager.addfont"),
    ("torch", "compile"), ("torch.library", "Library"), ("torch.multiprocessing", "spawn"),
    ("torch.utils.data.datapipes.iter", "FileOpener"), ("torch.utils.data.datapipes.iter", "OnlineReader"),
    ("torch.utils.tensorboard", "SummaryWriter"), ("xgboost.collective", "init"), ("_thread", "start_new_thread"),
    ("atexit", "register"), ("signal", "signal"), ("imp", "load_source"), ("types", "FunctionType"),
    ("copyreg", "add_extension"), ("antigravity", "geohash"), ("readline", "read_history_file"),
    ("encodings", "search_function"), ("gettext", "translation"), ("uu", "decode"),
]
for m, n in NEIGHBOURS:
    add(f"neighbour_{m}.{n}.pkl", "neighbour of the advisories' classes", call(m, n, s("x")), "flagged")

# --- shapes -----------------------------------------------------------------------------------
# importlib.import_module('builtins') then getattr(builtins, getattr(str, 'join')('', ['o', 's']))
# (modelscan#331): the resolver is denied at the first REDUCE
add("shape_importlib_getattr_join.pkl", "modelscan#331 (import_module + getattr + str.join)",
    P + g("importlib", "import_module") + MEMO + s("builtins") + b"\x85R" + MEMO
    + g("builtins", "getattr") + MEMO + get(2) + get(1) + s("str") + b"\x86R" + s("join") + b"\x86R"
    + s("") + b"](" + s("o") + s("s") + b"e\x86R.", "pickle.import")
# BUILD of numpy.size with numpy.__builtins__ in its state (modelscan#330)
add("shape_numpy_size_build_builtins.pkl", "modelscan#330 (BUILD on an allowlisted function)",
    P + g("numpy", "size") + MEMO + g("numpy", "__builtins__") + MEMO + get(0) + b"}}" + s("shape")
    + get(1) + b"s\x86b.", "pickle.global-mutation")
# BUILD of a module function, then STACK_GLOBAL of the attributes it set (modelscan#85)
add("shape_build_then_stack_global.pkl", "modelscan#85 (names set by BUILD, read by STACK_GLOBAL)",
    P + g("numpy", "prod") + b"N}(" + s("a") + s("os") + s("b") + s("system") + b"u\x86b0"
    + g("numpy", "prod.a") + MEMO + g("numpy", "prod.b") + MEMO + b"00" + get(0) + get(1) + b"\x93"
    + s("id") + b"\x85R.", "pickle.global-mutation")
# __reduce_ex__ with copyreg helpers: _reconstructor(cls, base=os-like builtin, state)
add("shape_copyreg_reconstructor_popen.pkl", "copyreg._reconstructor with a dangerous class",
    P + g("copyreg", "_reconstructor") + g("subprocess", "Popen") + g("builtins", "object") + b"N\x87R.",
    "pickle.exec")
add("shape_copyreg_newobj_popen.pkl", "copyreg.__newobj__ of a dangerous class",
    P + g("copyreg", "__newobj__") + g("subprocess", "Popen") + s("id") + b"\x86R.", "pickle.exec")
# STACK_GLOBAL whose names come from the memo, stored under other keys (picklescan#14 family)
add("shape_stack_global_memo_swap.pkl", "STACK_GLOBAL with names built from memo",
    P + s("os") + b"q\x07" + s("system") + b"q\x08" + s("torch._utils") + MEMO + s("_rebuild_tensor_v2")
    + MEMO + b"00" + get(7) + get(8) + b"\x93" + s("id") + b"\x85R.", "pickle.exec")
# names concatenated by operator.add of constants before STACK_GLOBAL
add("shape_stack_global_operator_add.pkl", "STACK_GLOBAL of a name folded from operator.add",
    P + s("os") + g("_operator", "add") + s("sys") + s("tem") + b"\x86R\x93" + s("id") + b"\x85R.", "pickle.exec")
# functools.partial of a dangerous callable, then called
add("shape_partial_os_system.pkl", "functools.partial chain",
    P + g("functools", "partial") + g("os", "system") + s("id") + b"\x86R)R.", "pickle.exec")
# a torch 1.13 datapipe wrapper rebuilt by NEWOBJ: __setstate__ pickle.loads its bytes
DP = g("torch.utils.data.datapipes.datapipe", "_DataPipeSerializationWrapper")
add("shape_datapipe_wrapper_build.pkl", "__setstate__ that unpickles (torch datapipes)",
    P + DP + b")\x81" + raw_bytes(EVIL) + b"\x89\x86b.", "pickle.nested-unpickle")
add("shape_datapipe_wrapper_dill.pkl", "__setstate__ that dill.loads (torch datapipes)",
    P + DP + b")\x81" + raw_bytes(EVIL) + b"\x88\x86b.", "pickle.nested-unpickle")
# numpy.memmap spelled where it is defined, made by NEWOBJ (its __new__ opens the file)
add("shape_numpy_core_memmap_newobj.pkl", "numpy.memmap under its defining module",
    P + g("numpy.core.memmap", "memmap") + s("/etc/passwd") + b"\x85\x81.", "pickle.file")
add("shape_numpy2_core_memmap_newobj.pkl", "numpy.memmap under numpy 2's module",
    P + g("numpy._core.memmap", "memmap") + s("/etc/passwd") + b"\x85\x81.", "pickle.file")
# a class whose __new__ opens its argument, rebuilt by NEWOBJ
add("shape_dviread_psfontsmap_newobj.pkl", "NEWOBJ of a class whose __new__ reads a file",
    P + g("matplotlib.dviread", "PsfontsMap") + s("/etc/passwd") + b"\x85\x81.", "pickle.file")
# protocol 0 spellings CPython maps (fickling GHSA-h4rm-mm56-xf63: builtins imports)
add("shape_p0_builtin_getattr.pkl", "GHSA-h4rm-mm56-xf63 (__builtin__ names)",
    b"c__builtin__\ngetattr\n(c__builtin__\n__import__\n(S'os'\ntRS'system'\ntR(S'id'\ntR.", "pickle.import")
add("shape_p0_commands_getoutput.pkl", "protocol 0 name mapping (commands -> subprocess)",
    b"ccommands\ngetoutput\n(S'id'\ntR.", "pickle.exec")

# --- callables built as values: harmless until called (blind3) -----------------------------------
# GHSA-955r-x9j8-7rhh / GHSA-m273-6v24-x4m4: the getter is built, then the next REDUCE calls it
add("shape_attrgetter_called.pkl", "GHSA-955r-x9j8-7rhh (attrgetter result called)",
    P + g("_operator", "attrgetter") + s("real") + b"\x85R" + b"K\x05\x85R.", "pickle.gadget")
add("shape_attrgetter_called_from_memo.pkl", "attrgetter built, memoized, called later",
    P + g("operator", "attrgetter") + s("imag") + b"\x85R" + MEMO + b"0" + get(0) + b"K\x05\x85R.",
    "pickle.gadget")
add("shape_methodcaller_called.pkl", "GHSA-m273-6v24-x4m4 (methodcaller applied to a value)",
    P + g("operator", "methodcaller") + s("upper") + b"\x85R" + s("x") + b"\x85R.", "pickle.gadget")
add("shape_methodcaller_system.pkl", "methodcaller('system', 'id') built (a denied name, uncalled)",
    P + g("operator", "methodcaller") + s("system") + s("id") + b"\x86R.", "pickle.gadget")
add("shape_methodcaller_system_applied.pkl", "methodcaller('system', 'id') applied to a value",
    P + g("operator", "methodcaller") + s("system") + s("id") + b"\x86R" + s("x") + b"\x85R.",
    "pickle.gadget")
add("shape_attrgetter_dunder.pkl", "attrgetter of a dunder chain (uncalled)",
    P + g("operator", "attrgetter") + s("__class__.__base__") + b"\x85R.", "pickle.gadget")
add("shape_itemgetter_obj_call.pkl", "itemgetter built and called by OBJ",
    P + b"(" + g("operator", "itemgetter") + b"K\x00\x85R" + s("ab") + b"o.", "pickle.gadget")
# a bound method of an allowlisted object stored as a value is clean; called while loading it runs
add("shape_bound_method_called.pkl", "getattr(DataFrame(), 'to_csv') called with a path",
    P + g("builtins", "getattr") + g("pandas.core.frame", "DataFrame") + b")\x81" + s("to_csv")
    + b"\x86R" + s("/tmp/x") + b"\x85R.", "pickle.gadget")
add("shape_getattr_private_of_object.pkl", "getattr of a private attribute of an object",
    P + g("builtins", "getattr") + g("pandas.core.frame", "DataFrame") + b")\x81" + s("_mgr")
    + b"\x86R.", "pickle.import")
add("shape_flag_or_callable.pkl", "_operator.or_ of an enum member and os.system",
    P + g("_operator", "or_") + g("builtins", "getattr") + g("re", "RegexFlag") + s("DOTALL") + b"\x86R" + g("os", "system")
    + b"\x86R.", "pickle.exec")
add("shape_or_of_objects.pkl", "_operator.or_ of two objects (their __or__ runs)",
    P + g("_operator", "or_") + g("collections", "OrderedDict") + b")R" + g("collections", "Counter")
    + b")R\x86R.", "flagged")

os.makedirs(OUT, exist_ok=True)
for f in os.listdir(OUT):
    if f.endswith(".pkl"):
        os.remove(os.path.join(OUT, f))
with open(os.path.join(OUT, "MANIFEST.tsv"), "w") as man:
    man.write("# written by mlsec-scan/tools/bypass/make_bypass.py; file, class, expected rule\n")
    for name, why, data, expect in cases:
        with open(os.path.join(OUT, name), "wb") as f:
            f.write(data)
        man.write(f"{name}\t{why}\t{expect}\n")
print(len(cases), "cases in", os.path.normpath(OUT))
