package dev.mlsec.scan.adversarial;

import static dev.mlsec.scan.adversarial.Containers.*;
import static dev.mlsec.scan.adversarial.PickleBytes.p;

import dev.mlsec.scan.ScanLimits;
import dev.mlsec.scan.Verdict;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Generates the adversarial corpus as raw bytes, one case per public bypass class; each case names
 * the verdict and the rule the scanner must produce. Run {@link #main} to write it to a directory.
 */
public final class AdversarialCorpus {

  /** One file: its name (the extension matters for the name check), bytes and expectation. */
  public record Case(String name, byte[] data, Verdict verdict, String rule, ScanLimits limits) {
    @Override
    public String toString() {
      return name;
    }
  }

  private final List<Case> cases = new ArrayList<>();

  private void add(String name, byte[] data, Verdict v, String rule) {
    cases.add(new Case(name, data, v, rule, ScanLimits.defaults()));
  }

  private void add(String name, byte[] data, Verdict v, String rule, ScanLimits limits) {
    cases.add(new Case(name, data, v, rule, limits));
  }

  static byte[] osSystem(int proto) {
    PickleBytes b = p();
    if (proto >= 2) b.proto(proto);
    return b.global("os", "system").binunicode("id").tuple1().reduce().stop().bytes();
  }

  static byte[] benignDict() {
    return p().proto(4).emptyDict().memoize().str("k").binint1(1).raw('s').stop().bytes();
  }

  public static List<Case> all() {
    AdversarialCorpus c = new AdversarialCorpus();
    c.gadgets();
    c.names();
    c.memo();
    c.broken();
    c.stacked();
    c.frames();
    c.opcodes();
    c.compression();
    c.zips();
    c.torchScript();
    c.zipMethods();
    c.objectArrays();
    c.keras();
    c.onnx();
    c.safetensors();
    c.gguf();
    c.tensorflow();
    c.limits();
    c.cases.addAll(FormatCases.all());
    c.cases.addAll(PickleBypasses.all());
    return c.cases;
  }

  // ---------------------------------------------------------------- dangerous callables

  private void gadgets() {
    Verdict m = Verdict.MALICIOUS;
    add("os_system_p0.pkl", osSystem(0), m, "pickle.exec");
    add("os_system_p2.pkl", osSystem(2), m, "pickle.exec");
    add(
        "posix_system.pkl",
        p().proto(2).call1("posix", "system", "id").stop().bytes(),
        m,
        "pickle.exec");
    add(
        "nt_system.pkl",
        p().proto(2).call1("nt", "system", "calc").stop().bytes(),
        m,
        "pickle.exec");
    add(
        "subprocess_popen_stack_global.pkl",
        p().proto(4)
            .stackGlobal("subprocess", "check_output")
            .str("id")
            .tuple1()
            .tuple1()
            .reduce()
            .stop()
            .bytes(),
        m,
        "pickle.exec");
    add(
        "builtins_eval.pkl",
        p().proto(2).call1("builtins", "eval", "1+1").stop().bytes(),
        m,
        "pickle.eval");
    add(
        "builtins_exec.pkl",
        p().proto(3).call1("builtins", "exec", "import os").stop().bytes(),
        m,
        "pickle.eval");
    add(
        "builtins_compile.pkl",
        p().proto(3).call1("builtins", "compile", "x").stop().bytes(),
        m,
        "pickle.eval");
    add(
        "getattr_import_chain.pkl",
        p().proto(2)
            .global("builtins", "getattr")
            .global("builtins", "__import__")
            .binunicode("os")
            .tuple1()
            .reduce()
            .binunicode("system")
            .tuple2()
            .reduce()
            .binunicode("id")
            .tuple1()
            .reduce()
            .stop()
            .bytes(),
        m,
        "pickle.import");
    add(
        "py2_builtin_eval_p0.pkl",
        p().call1("__builtin__", "eval", "1").stop().bytes(),
        m,
        "pickle.eval");
    add(
        "py2_commands_p2.pkl",
        p().proto(2).call1("commands", "getoutput", "id").stop().bytes(),
        m,
        "pickle.exec");
    add(
        "operator_attrgetter.pkl",
        p().proto(2).call1("operator", "attrgetter", "system").stop().bytes(),
        m,
        "pickle.gadget");
    add(
        "operator_methodcaller.pkl",
        p().proto(2).call1("operator", "methodcaller", "system").stop().bytes(),
        m,
        "pickle.gadget");
    add(
        "functools_partial_os_system.pkl",
        p().proto(2)
            .global("functools", "partial")
            .global("os", "system")
            .binunicode("id")
            .tuple2()
            .reduce()
            .emptyTuple()
            .reduce()
            .stop()
            .bytes(),
        m,
        "pickle.gadget");
    add(
        "runpy.pkl",
        p().proto(2).call1("runpy", "run_path", "/tmp/x.py").stop().bytes(),
        m,
        "pickle.import");
    add(
        "importlib.pkl",
        p().proto(2).call1("importlib", "import_module", "os").stop().bytes(),
        m,
        "pickle.import");
    add(
        "pickle_loads_nested.pkl",
        p().proto(2).call1("pickle", "loads", "x").stop().bytes(),
        m,
        "pickle.nested-unpickle");
    add(
        "marshal_loads.pkl",
        p().proto(2).call1("marshal", "loads", "x").stop().bytes(),
        m,
        "pickle.nested-unpickle");
    add(
        "dill_loads.pkl",
        p().proto(2).call1("dill", "loads", "x").stop().bytes(),
        m,
        "pickle.nested-unpickle");
    add(
        "types_codetype.pkl",
        p().proto(2).call1("types", "CodeType", "x").stop().bytes(),
        m,
        "pickle.eval");
    add(
        "types_functiontype.pkl",
        p().proto(2).call1("types", "FunctionType", "x").stop().bytes(),
        m,
        "pickle.eval");
    add(
        "socket.pkl",
        p().proto(2).call1("socket", "create_connection", "evil:80").stop().bytes(),
        m,
        "pickle.network");
    add(
        "requests_get.pkl",
        p().proto(2).call1("requests", "get", "http://evil").stop().bytes(),
        m,
        "pickle.network");
    add(
        "urllib_urlopen.pkl",
        p().proto(2).call1("urllib.request", "urlopen", "http://e").stop().bytes(),
        m,
        "pickle.network");
    add(
        "webbrowser_open.pkl",
        p().proto(2).call1("webbrowser", "open", "http://e").stop().bytes(),
        m,
        "pickle.network");
    add(
        "shutil_rmtree.pkl",
        p().proto(2).call1("shutil", "rmtree", "/").stop().bytes(),
        m,
        "pickle.file");
    add(
        "builtins_open.pkl",
        p().proto(2).call1("builtins", "open", "/etc/passwd").stop().bytes(),
        m,
        "pickle.file");
    add(
        "sys_modules.pkl",
        p().proto(2).call1("sys", "exit", "1").stop().bytes(),
        m,
        "pickle.import");
    add(
        "pty_spawn.pkl",
        p().proto(2).call1("pty", "spawn", "/bin/sh").stop().bytes(),
        m,
        "pickle.exec");
    add(
        "ctypes_cdll.pkl",
        p().proto(2).call1("ctypes", "CDLL", "libc.so.6").stop().bytes(),
        m,
        "pickle.gadget");
    add(
        "torch_load.pkl",
        p().proto(2).call1("torch", "load", "x.pt").stop().bytes(),
        m,
        "pickle.nested-unpickle");
    add(
        "numpy_load_allow_pickle.pkl",
        p().proto(2).call1("numpy", "load", "x.npy").stop().bytes(),
        m,
        "pickle.nested-unpickle");
    add(
        "asyncio_subprocess.pkl",
        p().proto(2).call1("asyncio.subprocess", "create_subprocess_shell", "id").stop().bytes(),
        m,
        "pickle.exec");
    add(
        "timeit_gadget.pkl",
        p().proto(2).call1("timeit", "timeit", "__import__('os').system('id')").stop().bytes(),
        m,
        "pickle.eval");
    add(
        "numpy_runstring.pkl",
        p().proto(2).call1("numpy.testing._private.utils", "runstring", "x").stop().bytes(),
        m,
        "pickle.eval");
    add(
        "unknown_gadget_call.pkl",
        p().proto(2).call1("mlsec_unlisted.tools", "create", "/tmp/x").stop().bytes(),
        Verdict.SUSPICIOUS,
        "pickle.unknown-call");
    add(
        "unknown_helper_call.pkl",
        p().proto(4)
            .stackGlobal("mylib.helpers", "run_anything")
            .str("payload")
            .tuple1()
            .reduce()
            .stop()
            .bytes(),
        Verdict.SUSPICIOUS,
        "pickle.unknown-call");
    add(
        "dangerous_reference_not_called.pkl",
        p().proto(2).global("os", "system").put(0).pop().emptyDict().stop().bytes(),
        m,
        "pickle.exec");
    add(
        "popped_call_result.pkl",
        p().proto(2).call1("os", "system", "id").pop().emptyDict().stop().bytes(),
        m,
        "pickle.exec");
  }

  // ---------------------------------------------------------------- names

  private void names() {
    Verdict m = Verdict.MALICIOUS;
    add(
        "dotted_alias_torch_os.pkl",
        p().proto(4)
            .stackGlobal("torch.serialization", "os.system")
            .str("id")
            .tuple1()
            .reduce()
            .stop()
            .bytes(),
        m,
        "pickle.exec");
    add(
        "dotted_alias_numpy_subprocess.pkl",
        p().proto(4)
            .stackGlobal("numpy.testing._private.utils", "subprocess.Popen")
            .str("id")
            .tuple1()
            .reduce()
            .stop()
            .bytes(),
        m,
        "pickle.exec");
    add(
        "dunder_walk.pkl",
        p().proto(4)
            .stackGlobal("collections", "OrderedDict.__init__.__globals__")
            .str("x")
            .tuple1()
            .reduce()
            .stop()
            .bytes(),
        m,
        "pickle.attribute-walk");
    add(
        "dunder_self_builtins.pkl",
        p().proto(4)
            .stackGlobal("builtins", "len.__self__.eval")
            .str("1")
            .tuple1()
            .reduce()
            .stop()
            .bytes(),
        m,
        "pickle.eval");
    // module and name spelled with escapes in protocol-0 strings, assembled by STACK_GLOBAL
    add(
        "unicode_escape_names.pkl",
        p().ascii("V\\u006fs\nVsyst\\u0065m\n").raw(0x93).ascii("(S'id'\ntR.").bytes(),
        m,
        "pickle.exec");
    add(
        "string_escape_names.pkl",
        p().ascii("S'\\x6fs'\nS'sys\\164em'\n").raw(0x93).ascii("(S'id'\ntR.").bytes(),
        m,
        "pickle.exec");
    add(
        "inst_opcode.pkl",
        p().mark().binunicode("id").inst("os", "system").stop().bytes(),
        m,
        "pickle.exec");
    add(
        "obj_opcode.pkl",
        p().proto(1).mark().global("os", "system").binunicode("id").raw('o').stop().bytes(),
        m,
        "pickle.exec");
    add(
        "newobj_ex_dangerous_class.pkl",
        p().proto(4)
            .stackGlobal("subprocess", "Popen")
            .str("id")
            .tuple1()
            .emptyDict()
            .raw(0x92)
            .stop()
            .bytes(),
        m,
        "pickle.exec");
    add(
        "reconstructor_dangerous_base.pkl",
        p().proto(2)
            .global("copyreg", "_reconstructor")
            .global("builtins", "object")
            .global("os", "system")
            .binunicode("id")
            .tuple3()
            .reduce()
            .stop()
            .bytes(),
        m,
        "pickle.exec");
    add(
        "torch_rebuild_from_type_forwarder.pkl",
        p().proto(2)
            .global("torch._tensor", "_rebuild_from_type_v2")
            .global("os", "system")
            .none()
            .binunicode("id")
            .tuple1()
            .raw('(')
            .raw('t')
            .raw(0x87)
            .pop()
            .mark()
            .global("os", "system")
            .none()
            .binunicode("id")
            .tuple1()
            .emptyDict()
            .tuple()
            .reduce()
            .stop()
            .bytes(),
        m,
        "pickle.exec");
    add(
        "build_on_global_setattr.pkl",
        p().proto(2)
            .global("os", "environ")
            .emptyDict()
            .binunicode("LD_PRELOAD")
            .binunicode("/tmp/x.so")
            .raw('s')
            .raw('b')
            .stop()
            .bytes(),
        m,
        "pickle.global-mutation");
    add(
        "build_on_class_setattr.pkl",
        p().proto(2)
            .global("collections", "OrderedDict")
            .none()
            .emptyDict()
            .binunicode("__reduce__")
            .binint1(1)
            .raw('s')
            .tuple2()
            .raw('b')
            .stop()
            .bytes(),
        m,
        "pickle.global-mutation");
    // copyreg.add_extension registers code 0x42 -> os.system; EXT1 then loads it
    add(
        "ext_registered_in_stream.pkl",
        p().proto(2)
            .global("copyreg", "add_extension")
            .binunicode("os")
            .binunicode("system")
            .binint1(0x42)
            .tuple3()
            .reduce()
            .pop()
            .raw(0x82, 0x42)
            .binunicode("id")
            .tuple1()
            .reduce()
            .stop()
            .bytes(),
        m,
        "pickle.exec");
    add(
        "ext_unregistered_call.pkl",
        p().proto(2).raw(0x82, 0x07).binunicode("id").tuple1().reduce().stop().bytes(),
        Verdict.SUSPICIOUS,
        "pickle.unresolved-call");
    add(
        "persistent_id_called.pkl",
        p().proto(2).binunicode("x").raw('Q').binunicode("id").tuple1().reduce().stop().bytes(),
        Verdict.SUSPICIOUS,
        "pickle.unresolved-call");
    add(
        "call_result_called.pkl",
        p().proto(2)
            .global("builtins", "dict")
            .emptyTuple()
            .reduce()
            .binunicode("id")
            .tuple1()
            .reduce()
            .stop()
            .bytes(),
        Verdict.SUSPICIOUS,
        "pickle.unresolved-call");
    add(
        "stack_global_computed_name.pkl",
        p().proto(4)
            .str("o")
            .global("builtins", "str")
            .binunicode("s")
            .tuple1()
            .reduce()
            .raw(0x93)
            .emptyTuple()
            .reduce()
            .stop()
            .bytes(),
        Verdict.SUSPICIOUS,
        "pickle.unresolved-call");
  }

  // ---------------------------------------------------------------- memo

  private void memo() {
    Verdict m = Verdict.MALICIOUS;
    add(
        "memo_get_after_pop.pkl",
        p().proto(2)
            .global("os", "system")
            .put(5)
            .pop()
            .get(5)
            .binunicode("id")
            .tuple1()
            .reduce()
            .stop()
            .bytes(),
        m,
        "pickle.exec");
    add(
        "memo_overwrite.pkl",
        p().proto(2)
            .global("collections", "OrderedDict")
            .put(1)
            .pop()
            .global("os", "system")
            .put(1)
            .pop()
            .get(1)
            .binunicode("id")
            .tuple1()
            .reduce()
            .stop()
            .bytes(),
        m,
        "pickle.exec");
    add(
        "memoize_names_for_stack_global.pkl",
        p().proto(4)
            .str("os")
            .memoize()
            .pop()
            .str("system")
            .memoize()
            .pop()
            .raw('h', 0)
            .raw('h', 1)
            .raw(0x93)
            .str("id")
            .tuple1()
            .reduce()
            .stop()
            .bytes(),
        m,
        "pickle.exec");
    add(
        "long_binget.pkl",
        p().proto(2)
            .global("os", "popen")
            .raw('r')
            .le(0x7fffff, 4)
            .pop()
            .raw('j')
            .le(0x7fffff, 4)
            .binunicode("id")
            .tuple1()
            .reduce()
            .stop()
            .bytes(),
        m,
        "pickle.exec");
    add(
        "dup_then_pop.pkl",
        p().proto(2)
            .global("os", "system")
            .raw('2')
            .pop()
            .binunicode("id")
            .tuple1()
            .reduce()
            .stop()
            .bytes(),
        m,
        "pickle.exec");
    add(
        "memo_missing_index.pkl",
        p().proto(2).get(9).stop().bytes(),
        Verdict.INCONCLUSIVE,
        "pickle.parse-error");
  }

  // ---------------------------------------------------------------- broken streams

  private void broken() {
    Verdict m = Verdict.MALICIOUS;
    byte[] call = p().proto(2).call1("os", "system", "id").bytes();
    add("truncated_after_call.pkl", call, m, "pickle.exec");
    add("invalid_opcode_after_call.pkl", p().raw(call).raw(0xff).stop().bytes(), m, "pickle.exec");
    add(
        "parse_error_then_payload.pkl",
        p().raw(benignDict()).raw(0x80, 0x02, 0xfe).raw(osSystem(2)).bytes(),
        m,
        "pickle.exec");
    add(
        "stack_underflow_then_payload.pkl",
        p().proto(2).raw('0').raw(osSystem(2)).bytes(),
        m,
        "pickle.exec");
    add(
        "truncated_benign.pkl",
        p().proto(4).emptyDict().str("abc").bytes(),
        Verdict.INCONCLUSIVE,
        "pickle.parse-error");
    add(
        "huge_declared_string.pkl",
        p().proto(4).raw(0x8d).le(1L << 40, 8).ascii("abc").bytes(),
        Verdict.INCONCLUSIVE,
        "pickle.parse-error");
    add(
        "negative_binstring.pkl",
        p().proto(1).raw('T').le(0xffffffffL, 4).stop().bytes(),
        Verdict.INCONCLUSIVE,
        "pickle.parse-error");
  }

  private void stacked() {
    Verdict m = Verdict.MALICIOUS;
    add(
        "stacked_benign_then_evil.pkl",
        p().raw(benignDict()).raw(osSystem(2)).bytes(),
        m,
        "pickle.exec");
    add(
        "stacked_third_protocol0.pkl",
        p().raw(benignDict()).raw(benignDict()).raw(osSystem(0)).bytes(),
        m,
        "pickle.exec");
    add(
        "stacked_legacy_torch_like.pt",
        p().raw(
                0x80, 0x02, 0x8a, 0x0a, 0x6c, 0xfc, 0x9c, 0x46, 0xf9, 0x20, 0x6a, 0xa8, 0x50, 0x19,
                '.')
            .raw(0x80, 0x02, 'K', 0xe9, '.')
            .raw(benignDict())
            .raw(osSystem(2))
            .bytes(),
        m,
        "pickle.exec");
  }

  private void frames() {
    Verdict m = Verdict.MALICIOUS;
    byte[] body = p().stackGlobal("os", "system").str("id").tuple1().reduce().stop().bytes();
    add(
        "framed_call.pkl",
        p().proto(4).raw(0x95).le(body.length, 8).raw(body).bytes(),
        m,
        "pickle.exec");
    // the frame ends in the middle of the call: CPython's C unpickler tolerates it
    add("frame_crossing.pkl", p().proto(4).raw(0x95).le(5, 8).raw(body).bytes(), m, "pickle.exec");
    add(
        "frame_longer_than_file.pkl",
        p().proto(4).raw(0x95).le(1L << 40, 8).raw(body).bytes(),
        Verdict.INCONCLUSIVE,
        "pickle.parse-error");
    add(
        "nested_frames.pkl",
        p().proto(4).raw(0x95).le(20, 8).raw(0x95).le(body.length, 8).raw(body).bytes(),
        m,
        "pickle.exec");
  }

  private void opcodes() {
    add(
        "newobj_unknown_class_default_ok.pkl",
        p().proto(2)
            .global("__main__", "Net")
            .emptyTuple()
            .raw(0x81)
            .emptyDict()
            .raw('b')
            .stop()
            .bytes(),
        Verdict.CLEAN,
        "pickle.unknown-class");
  }

  // ---------------------------------------------------------------- compression

  private void compression() {
    Verdict m = Verdict.MALICIOUS;
    byte[] evil = osSystem(2);
    add("gzip.joblib", gzip(evil), m, "pickle.exec");
    add("zlib.joblib", zlib(evil), m, "pickle.exec");
    add("bz2.joblib", bzip2(evil), m, "pickle.exec");
    add("xz.joblib", xz(evil), m, "pickle.exec");
    add("lzma.joblib", lzma(evil), m, "pickle.exec");
    add("gzip_of_gzip.pkl", gzip(gzip(evil)), m, "pickle.exec");
    add("tar_gz.tar.gz", gzip(tar("model.pkl", '0', evil)), m, "pickle.exec");
    add(
        "gzip_bomb.joblib",
        gzip(new byte[8 << 20]),
        Verdict.INCONCLUSIVE,
        "scan.limit",
        ScanLimits.defaults().withMaxDecompressedBytes(1 << 20));
  }

  // ---------------------------------------------------------------- TorchScript code

  /**
   * A TorchScript-shaped archive (data.pkl, constants.pkl, code/) whose forward() is {@code body}.
   */
  static byte[] torchScript(String body) {
    String code =
        "class Model(Module):\n"
            + "  __parameters__ = []\n"
            + "  def forward(self: __torch__.Model,\n"
            + "    x: Tensor) -> Tensor:\n"
            + body
            + "    return x\n";
    return zip(
        entry("m/data.pkl", benignDict()),
        entry("m/constants.pkl", p().proto(2).emptyTuple().stop().bytes()),
        entry("m/code/__torch__.py", code.getBytes(StandardCharsets.UTF_8)).deflate(),
        entry("m/version", "3\n".getBytes(StandardCharsets.UTF_8)));
  }

  private void torchScript() {
    Verdict s = Verdict.SUSPICIOUS;
    String escape = "torchscript.python-escape";
    add("ts_dunder_import.pt", torchScript("    _0 = __import__(\"os\")\n"), s, escape);
    add("ts_os_system.pt", torchScript("    _0 = os.system(\"id\")\n"), s, escape);
    add("ts_subprocess.pt", torchScript("    _0 = subprocess.run([\"id\"])\n"), s, escape);
    add("ts_eval.pt", torchScript("    _0 = eval(\"1+1\")\n"), s, escape);
    add("ts_exec.pt", torchScript("    exec(\"import os\")\n"), s, escape);
    add("ts_builtins.pt", torchScript("    _0 = builtins.open\n"), s, escape);
    add("ts_getattr_module.pt", torchScript("    _0 = getattr(torch, \"load\")\n"), s, escape);
    add("ts_torch_load.pt", torchScript("    _0 = torch.load(\"x.pt\")\n"), s, escape);
    add("ts_open.pt", torchScript("    _0 = open(\"/etc/passwd\").read()\n"), s, escape);
    add(
        "ts_custom_op.pt",
        torchScript("    x = ops.evil_ns.run(x)\n"),
        Verdict.CLEAN,
        "torchscript.custom-op");
    add(
        "ts_builtin_ops_and_getattr_self.pt",
        torchScript(
            "    _0 = getattr(self, \"0\")  # os.system in a comment\n"
                + "    x = ops.aten.relu(x)\n    x = ops.prim.min(x)\n"),
        Verdict.CLEAN,
        "");
    byte[] spawn =
        "def f(x: Tensor) -> Tensor:\n  subprocess.Popen(\"id\")\n  return x\n".getBytes();
    add(
        "ts_stored_code_member.pt",
        zip(entry("m/data.pkl", benignDict()), entry("m/code/__torch__/m.py", spawn)),
        s,
        escape);
    add(
        "ts_bzip2_code_member.pt",
        zip(entry("m/data.pkl", benignDict()), entry("m/code/__torch__/m.py", spawn).method(12)),
        s,
        escape);
    // outside a TorchScript archive a .py file is data, not code the loader compiles
    add(
        "zip_plain_py_member.zip",
        zip(
            entry(
                "src/code/x.py", "import os\nos.system('id')\n".getBytes(StandardCharsets.UTF_8))),
        Verdict.CLEAN,
        "");
  }

  // ---------------------------------------------------------------- zip compression methods

  private void zipMethods() {
    Verdict m = Verdict.MALICIOUS;
    byte[] evil = osSystem(2);
    byte[] ok = benignDict();
    add("zip_bzip2_evil.pt", zip(entry("archive/data.pkl", evil).method(12)), m, "pickle.exec");
    add("zip_bzip2_benign.pt", zip(entry("archive/data.pkl", ok).method(12)), Verdict.CLEAN, "");
    add(
        "zip_lzma_evil.pt",
        zip(entry("archive/data.pkl", evil).method(14).flags(2)),
        m,
        "pickle.exec");
    add(
        "zip_lzma_benign.pt",
        zip(entry("archive/data.pkl", ok).method(14).flags(2)),
        Verdict.CLEAN,
        "");
    add("zip_deflate64_evil.pt", zip(entry("archive/data.pkl", evil).method(9)), m, "pickle.exec");
    add("zip_deflate64_benign.pt", zip(entry("archive/data.pkl", ok).method(9)), Verdict.CLEAN, "");
    add(
        "zip_bzip2_corrupt.pt",
        zip(
            entry("archive/data.pkl", "BZh9garbage-not-bzip2".getBytes(StandardCharsets.UTF_8))
                .method(0)
                .rename(12)),
        Verdict.INCONCLUSIVE,
        "scan.unreadable");
    add(
        "zip_bzip2_bomb.pt",
        zip(entry("archive/data.bin", new byte[4 << 20]).method(12)),
        Verdict.INCONCLUSIVE,
        "scan.limit",
        ScanLimits.defaults().withMaxDecompressedBytes(1 << 20));
    add(
        "zip_method_ppmd_unsupported.pt",
        zip(entry("archive/data.pkl", ok).rename(98)),
        Verdict.INCONCLUSIVE,
        "scan.unreadable");
  }

  // ---------------------------------------------------------------- archives

  private void zips() {
    Verdict m = Verdict.MALICIOUS;
    byte[] evil = osSystem(2);
    byte[] ok = benignDict();
    add(
        "torch_zip_evil_data_pkl.pt",
        zip(entry("archive/data.pkl", evil), entry("archive/version", "3\n".getBytes())),
        m,
        "pickle.exec");
    add(
        "torch_zip_deflated_data_pkl.pt",
        zip(entry("archive/data.pkl", evil).deflate(), entry("archive/data/0", new byte[64])),
        m,
        "pickle.exec");
    add(
        "zip_crc_mismatch.pt",
        zip(entry("archive/data.pkl", ok).crc(0xdeadbeefL)),
        Verdict.SUSPICIOUS,
        "zip.crc-mismatch");
    add(
        "zip_encrypted_flag.zip",
        zip(entry("model.pkl", evil).flags(1)),
        Verdict.SUSPICIOUS,
        "zip.flags");
    Containers.Entry flagged = entry("archive/data.pkl", ok);
    flagged.localFlags = 0x0800;
    add("zip_local_flags_differ.pt", zip(flagged), Verdict.SUSPICIOUS, "zip.flags");
    add(
        "zip_duplicate_names.pt",
        zip(entry("archive/data.pkl", ok), entry("archive/data.pkl", evil)),
        m,
        "zip.duplicate-name");
    add(
        "zip_duplicate_names_benign.pt",
        zip(entry("archive/data.pkl", ok), entry("archive/data.pkl", ok)),
        Verdict.SUSPICIOUS,
        "zip.duplicate-name");
    add(
        "zip_name_mismatch.pt",
        zip(entry("archive/data.pkl", ok).localName("archive/other.pkl")),
        Verdict.SUSPICIOUS,
        "zip.name-mismatch");
    add(
        "zip_pickle_polyglot_prefix.pt",
        zip(evil, entry("archive/data.pkl", ok)),
        m,
        "pickle.exec");
    add(
        "zip_benign_prefix.zip",
        zip(new byte[100], entry("a.npy", npy("<f4", "(2,)", new byte[8]))),
        Verdict.SUSPICIOUS,
        "zip.prefix-data");
    add(
        "zip_in_zip.zip",
        zip(entry("inner.zip", zip(entry("archive/data.pkl", evil)))),
        m,
        "pickle.exec");
    add(
        "zip_in_zip_deflated.zip",
        zip(entry("inner.zip", zip(entry("deep/payload.bin", evil).deflate())).deflate()),
        m,
        "pickle.exec");
    add(
        "zip_path_traversal.zip",
        zip(entry("../../etc/cron.d/x", ok)),
        Verdict.SUSPICIOUS,
        "zip.path-traversal");
    add(
        "zip_absolute_path.zip",
        zip(entry("/etc/passwd", ok)),
        Verdict.SUSPICIOUS,
        "zip.path-traversal");
    add("zip_overlapping_entries.zip", overlappingZip(ok, 50), Verdict.SUSPICIOUS, "zip.bomb");
    add(
        "sklearn_test_helper_runs_code.pkl",
        p().proto(2)
            .call1("sklearn.utils._testing", "assert_run_python_script", "import os")
            .stop()
            .bytes(),
        m,
        "pickle.exec");
    add(
        "allowed_prefix_function_called.pkl",
        p().proto(2).call1("sklearn.utils.fixes", "anything", "x").stop().bytes(),
        Verdict.SUSPICIOUS,
        "pickle.unknown-call");
    add("zip_member_without_extension.zip", zip(entry("weights", evil)), m, "pickle.exec");
    add(
        "torch_zip_pickle_in_storage_slot.pt",
        zip(entry("archive/data.pkl", ok), entry("archive/data/0", evil)),
        m,
        "pickle.exec");
    add(
        "keras_metadata_lambda.pb",
        cat(
            pbVarint(1, 1),
            pbString(
                3,
                "{\"class_name\": \"Lambda\", \"config\": {\"name\": \"l\", \"function\": [\"4wEAAA\", null, null], \"function_type\": \"lambda\"}}")),
        m,
        "keras.lambda-code");
    add(
        "builtins_dunder_dict.pkl",
        p().proto(4).stackGlobal("builtins", "__dict__").stop().bytes(),
        m,
        "pickle.attribute-walk");
    add("tar_evil.tar", tar("model.pkl", '0', evil), m, "pickle.exec");
    add(
        "tar_path_traversal.tar",
        tar("../../x.pkl", '0', ok),
        Verdict.SUSPICIOUS,
        "zip.path-traversal");
    add(
        "tar_symlink.tar",
        tar("model.pkl", '2', "/etc/passwd".getBytes()),
        Verdict.SUSPICIOUS,
        "tar.link");
    add(
        "nesting_limit.zip",
        zip(
            entry(
                "a.zip",
                zip(
                    entry(
                        "b.zip",
                        zip(entry("c.zip", zip(entry("d.zip", zip(entry("e.pkl", ok)))))))))),
        Verdict.INCONCLUSIVE,
        "scan.limit");
    add("disguised_pickle.safetensors", evil, m, "file.name-mismatch");
    add("benign_pickle_named.npy", ok, Verdict.SUSPICIOUS, "file.name-mismatch");
  }

  // ---------------------------------------------------------------- numpy

  static byte[] npy(String descr, String shape, byte[] body) {
    String d = descr.startsWith("[") ? descr : "'" + descr + "'";
    String h = "{'descr': " + d + ", 'fortran_order': False, 'shape': " + shape + ", }";
    StringBuilder sb = new StringBuilder(h);
    while ((10 + sb.length() + 1) % 64 != 0) sb.append(' ');
    sb.append('\n');
    byte[] hb = sb.toString().getBytes(StandardCharsets.ISO_8859_1);
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    o.write(0x93);
    o.writeBytes("NUMPY".getBytes(StandardCharsets.US_ASCII));
    o.write(1);
    o.write(0);
    o.write(hb.length & 0xff);
    o.write(hb.length >> 8);
    o.writeBytes(hb);
    o.writeBytes(body);
    return o.toByteArray();
  }

  /** joblib's NumpyArrayWrapper record: the wrapper, BUILD with its state, then the array. */
  static PickleBytes joblibWrapper(String dtype, int n, boolean mmap) {
    return p().stackGlobal("joblib.numpy_pickle", "NumpyArrayWrapper")
        .emptyTuple()
        .raw(0x81)
        .emptyDict()
        .mark()
        .str("subclass")
        .stackGlobal("numpy", "ndarray")
        .str("shape")
        .binint1(n)
        .tuple1()
        .str("order")
        .str("C")
        .str("dtype")
        .stackGlobal("numpy", "dtype")
        .str(dtype)
        .raw(0x89)
        .raw(0x88)
        .tuple3()
        .reduce()
        .mark()
        .binint1(3)
        .str("<")
        .none()
        .none()
        .none()
        .raw('J')
        .le(-1, 4)
        .raw('J')
        .le(-1, 4)
        .binint1(dtype.startsWith("O") ? 63 : 0)
        .tuple()
        .raw('b')
        .str("allow_mmap")
        .raw(mmap ? 0x88 : 0x89)
        .raw('u')
        .raw('b');
  }

  private void objectArrays() {
    Verdict m = Verdict.MALICIOUS;
    add("object_array.npy", npy("|O", "(1,)", osSystem(3)), m, "pickle.exec");
    add(
        "structured_object_field.npy",
        npy("[('a', '<i4'), ('b', '|O')]", "(1,)", osSystem(3)),
        m,
        "pickle.exec");
    add(
        "object_array_in.npz",
        zip(entry("x.npy", npy("|O", "(1,)", osSystem(3))).deflate()),
        m,
        "pickle.exec");
    add(
        "npy_shape_overflow.npy",
        npy("<f8", "(9223372036854775807, 9)", new byte[0]),
        Verdict.SUSPICIOUS,
        "npy.malformed");
    add(
        "npy_bad_header.npy",
        npy("<f8", "__import__('os')", new byte[0]),
        Verdict.SUSPICIOUS,
        "npy.malformed");
    // joblib object arrays are nested pickles inside the stream
    byte[] joblibObject =
        p().proto(4).raw(joblibWrapper("O8", 1, false).bytes()).raw(osSystem(2)).stop().bytes();
    add("joblib_object_array.joblib", joblibObject, m, "pickle.exec");
    // raw array bytes are skipped by joblib, but pickle.load would run them as opcodes
    byte[] arrayBytes = "cos\nsystem\n(S'id'\ntR.".getBytes(StandardCharsets.ISO_8859_1);
    byte[] padded = java.util.Arrays.copyOf(arrayBytes, 24);
    byte[] joblibRaw =
        p().proto(4).raw(joblibWrapper("u1", 24, false).bytes()).raw(padded).stop().bytes();
    add("joblib_raw_array_lookalike.joblib", joblibRaw, Verdict.MALICIOUS, "pickle.exec");
    // the same bytes loaded with pickle.load run the "array": judged as a plain pickle too
    byte[] hidden = p().raw(osSystem(2)).bytes();
    byte[] hiddenPadded = java.util.Arrays.copyOf(hidden, hidden.length);
    byte[] joblibHidden =
        p().proto(2)
            .raw(joblibWrapper("u1", hiddenPadded.length - 3, false).bytes())
            .raw(java.util.Arrays.copyOfRange(hiddenPadded, 2, hiddenPadded.length - 1))
            .raw(0x30)
            .stop()
            .bytes();
    add("joblib_wrapper_hides_opcodes.pkl", joblibHidden, Verdict.MALICIOUS, "pickle.exec");
    // compressed, only joblib can load it: the array bytes are data and are skipped
    add("joblib_raw_array_gz.joblib", gzip(joblibRaw), Verdict.CLEAN, "");
  }

  // ---------------------------------------------------------------- keras

  static byte[] hdf5With(String json) {
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    o.writeBytes(new byte[] {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'});
    o.writeBytes(new byte[504]);
    o.writeBytes(json.getBytes(StandardCharsets.UTF_8));
    o.writeBytes(new byte[64]);
    return o.toByteArray();
  }

  private void keras() {
    Verdict m = Verdict.MALICIOUS;
    String lambda2 =
        "{\"class_name\": \"Sequential\", \"config\": {\"layers\": [{\"class_name\": \"Lambda\", \"config\": {\"name\": \"l\", \"function\": [\"4wEAAAAAAAAA\", null, null], \"function_type\": \"lambda\", \"module\": \"__main__\"}}]}}";
    add("keras2_lambda.h5", hdf5With(lambda2), m, "keras.lambda-code");
    String lambda3 =
        "{\"module\": \"keras\", \"class_name\": \"Sequential\", \"config\": {\"layers\": [{\"module\": \"keras.layers\", \"class_name\": \"Lambda\", \"config\": {\"name\": \"l\", \"function\": {\"class_name\": \"__lambda__\", \"config\": {\"code\": \"4wEAAAAAAAAA\", \"defaults\": null, \"closure\": null}}}, \"registered_name\": null}]}, \"registered_name\": null}";
    add(
        "keras3_lambda.keras",
        zip(
            entry("metadata.json", "{}".getBytes()),
            entry("config.json", lambda3.getBytes()).deflate(),
            entry("model.weights.h5", new byte[16])),
        m,
        "keras.lambda-code");
    String fnRef =
        "{\"class_name\": \"Model\", \"config\": {\"layers\": [{\"class_name\": \"Lambda\", \"config\": {\"name\": \"l\", \"function\": \"system\", \"function_type\": \"function\", \"module\": \"os\"}}]}}";
    add("keras_function_ref_os.h5", hdf5With(fnRef), m, "keras.function-reference");
    String custom =
        "{\"module\": \"evil_pkg.layers\", \"class_name\": \"Backdoor\", \"config\": {}, \"registered_name\": \"evil_pkg>Backdoor\"}";
    add(
        "keras_custom_module.keras",
        zip(entry("config.json", custom.getBytes()), entry("metadata.json", "{}".getBytes())),
        Verdict.SUSPICIOUS,
        "keras.custom-module");
  }

  private void onnx() {
    add(
        "onnx_dotdot.onnx",
        onnxExternal("../../../../etc/passwd"),
        Verdict.SUSPICIOUS,
        "onnx.external-data-escape");
    add(
        "onnx_absolute.onnx",
        onnxExternal("/etc/shadow"),
        Verdict.SUSPICIOUS,
        "onnx.external-data-escape");
    add(
        "onnx_windows_drive.onnx",
        onnxExternal("C:\\Windows\\win.ini"),
        Verdict.SUSPICIOUS,
        "onnx.external-data-escape");
    // onnx loads external data for the training graphs too (TrainingInfoProto)
    add(
        "onnx_training_initialization_dotdot.onnx",
        onnxTrainingExternal("../../secret.bin", 1),
        Verdict.SUSPICIOUS,
        "onnx.external-data-escape");
    add(
        "onnx_training_algorithm_dotdot.onnx",
        onnxTrainingExternal("../../secret.bin", 2),
        Verdict.SUSPICIOUS,
        "onnx.external-data-escape");
  }

  // ---------------------------------------------------------------- safetensors

  static byte[] safetensors(String header, int dataLen) {
    byte[] h = header.getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    le(o, h.length, 8);
    o.writeBytes(h);
    o.writeBytes(new byte[dataLen]);
    return o.toByteArray();
  }

  private void safetensors() {
    Verdict s = Verdict.SUSPICIOUS;
    String r = "safetensors.malformed";
    add(
        "st_offsets_outside.safetensors",
        safetensors("{\"a\":{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[0,1600]}}", 16),
        s,
        r);
    add(
        "st_overlap.safetensors",
        safetensors(
            "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[4,12]}}",
            12),
        s,
        r);
    add(
        "st_shape_mismatch.safetensors",
        safetensors("{\"a\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,8]}}", 8),
        s,
        r);
    add(
        "st_duplicate_keys.safetensors",
        safetensors(
            "{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]},\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}",
            4),
        s,
        r);
    add(
        "st_metadata_not_string.safetensors",
        safetensors(
            "{\"__metadata__\":{\"x\":{\"nested\":1}},\"a\":{\"dtype\":\"U8\",\"shape\":[1],\"data_offsets\":[0,1]}}",
            1),
        s,
        r);
    ByteArrayOutputStream huge = new ByteArrayOutputStream();
    le(huge, 1L << 40, 8);
    huge.writeBytes("{\"a\":1}".getBytes());
    add("st_huge_header_length.safetensors", huge.toByteArray(), s, r);
    add("st_not_json.safetensors", safetensors("{not json at all}", 0), s, r);
  }

  // ---------------------------------------------------------------- gguf

  private void gguf() {
    Verdict s = Verdict.SUSPICIOUS;
    add(
        "gguf_template_globals.gguf",
        new Containers.Gguf(0, 2)
            .kvString("general.architecture", "llama")
            .kvString(
                "tokenizer.chat_template",
                "{% for m in messages %}{{ m.content }}{% endfor %}{{ cycler.__init__.__globals__.os.popen('id').read() }}")
            .bytes(),
        Verdict.MALICIOUS,
        "gguf.template-injection");
    add(
        "gguf_template_attr_filter.gguf",
        new Containers.Gguf(0, 1)
            .kvString("tokenizer.chat_template", "{{ ()|attr('\\x5f\\x5fclass\\x5f\\x5f') }}")
            .bytes(),
        Verdict.MALICIOUS,
        "gguf.template-injection");
    add(
        "gguf_absurd_counts.gguf",
        new Containers.Gguf(1L << 40, 1L << 40).bytes(),
        s,
        "gguf.malformed");
    add(
        "gguf_string_past_end.gguf",
        new Containers.Gguf(0, 1)
            .raw(
                o -> {
                  le(o, 5, 8);
                  o.writeBytes("a.key".getBytes());
                  le(o, 8, 4);
                  le(o, 1L << 33, 8);
                  return null;
                })
            .bytes(),
        s,
        "gguf.malformed");
    add(
        "gguf_array_count_huge.gguf",
        new Containers.Gguf(0, 1)
            .raw(
                o -> {
                  le(o, 3, 8);
                  o.writeBytes("arr".getBytes());
                  le(o, 9, 4);
                  le(o, 6, 4);
                  le(o, 1L << 50, 8);
                  return null;
                })
            .bytes(),
        s,
        "gguf.malformed");
    add(
        "gguf_bad_version.gguf",
        cat("GGUF".getBytes(), new byte[] {99, 0, 0, 0}, new byte[16]),
        s,
        "gguf.malformed");
  }

  private void tensorflow() {
    add("saved_model_pyfunc.pb", savedModel("PyFunc"), Verdict.MALICIOUS, "savedmodel.py-func");
    add(
        "saved_model_readfile.pb",
        savedModel("ReadFile"),
        Verdict.SUSPICIOUS,
        "savedmodel.file-op");
  }

  // ---------------------------------------------------------------- limits

  private void limits() {
    PickleBytes big = p().proto(4).raw(']');
    for (int i = 0; i < 2000; i++) big.binint1(1).raw('a');
    big.stop();
    add(
        "opcode_limit.pkl",
        big.bytes(),
        Verdict.INCONCLUSIVE,
        "scan.limit",
        ScanLimits.defaults().withMaxOpcodes(1000));
    PickleBytes memo = p().proto(4).emptyDict();
    for (int i = 0; i < 300; i++) memo.memoize();
    memo.stop();
    add(
        "memo_limit.pkl",
        memo.bytes(),
        Verdict.INCONCLUSIVE,
        "scan.limit",
        ScanLimits.defaults().withMaxMemo(100));
    PickleBytes deep = p().proto(4);
    for (int i = 0; i < 200_000; i++) deep.mark();
    add("mark_depth_limit.pkl", deep.bytes(), Verdict.INCONCLUSIVE, "scan.limit");
    add(
        "time_limit.pkl",
        big.bytes(),
        Verdict.INCONCLUSIVE,
        "scan.limit",
        ScanLimits.defaults().withMaxTime(Duration.ofNanos(1)));
  }

  /** Writes every case to a directory (for running the CLI or another scanner on it). */
  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args.length > 0 ? args[0] : "adversarial-corpus");
    Files.createDirectories(dir);
    for (Case c : all()) Files.write(dir.resolve(c.name()), c.data());
    System.out.println(all().size() + " files written to " + dir);
  }
}
