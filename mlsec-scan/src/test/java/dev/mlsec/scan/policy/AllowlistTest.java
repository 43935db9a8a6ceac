package dev.mlsec.scan.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlsec.scan.policy.Callables.Kind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** The generated allowlist resource as the scanner reads it, and how it meets the denylist. */
class AllowlistTest {

  private static final Path TOOLS = Path.of("tools", "allowlist");

  private static Kind kind(String q) {
    int dot = q.indexOf('.');
    return Callables.classify(q.substring(0, dot), q.substring(dot + 1)).kind();
  }

  /** The resource must be regenerated whenever the record or the review changes. */
  @Test
  void everyRecordedGlobalIsInTheResourceUnlessTheScannerJudgesIt() throws IOException {
    Set<String> recorded = new TreeSet<>();
    for (String l : Files.readAllLines(TOOLS.resolve("record.tsv"), StandardCharsets.UTF_8)) {
      if (l.startsWith("#") || l.startsWith("global\t")) continue;
      recorded.add(l.split("\t")[0]);
    }
    assertThat(recorded).hasSizeGreaterThan(300);
    Set<String> scannerJudged =
        Set.of(
            "builtins.getattr",
            "builtins.type",
            "copyreg._reconstructor",
            "copyreg.__newobj__",
            "copyreg.__newobj_ex__",
            "functools.partial",
            "_operator.getitem", // type subscripts: the typing-forms resource (TypingFormsTest)
            "operator.getitem",
            "torch._tensor._rebuild_from_type_v2",
            "torch.storage._load_from_bytes");
    List<String> missing = new ArrayList<>();
    Allowlist a = Allowlist.standard();
    for (String q : recorded)
      if (!scannerJudged.contains(q)
          && !q.startsWith("typing.")
          && (a.find(q) == null || !a.find(q).name().equals(q))) missing.add(q);
    assertThat(missing).isEmpty();
  }

  private static final String HAND_WRITTEN = "; hand-written, not recorded: ";
  private static final java.util.regex.Pattern GLOB_NOTE =
      java.util.regex.Pattern.compile("; pattern over (\\d+) recorded globals, e\\.g\\. (\\S+)$");

  private static Set<String> recorded() throws IOException {
    Set<String> recorded = new TreeSet<>();
    for (String l : Files.readAllLines(TOOLS.resolve("record.tsv"), StandardCharsets.UTF_8))
      if (!l.startsWith("#") && !l.startsWith("global\t")) recorded.add(l.split("\t")[0]);
    return recorded;
  }

  /** make_allowlist.py's glob: a trailing '.*' spans segments, any other '*' stays in one. */
  static boolean globMatches(String q, String pattern) {
    if (pattern.endsWith(".*") && pattern.indexOf('*') == pattern.length() - 1)
      return q.startsWith(pattern.substring(0, pattern.length() - 1));
    StringBuilder re = new StringBuilder();
    for (char ch : pattern.toCharArray())
      re.append(ch == '*' ? "[^.]*" : java.util.regex.Pattern.quote(String.valueOf(ch)));
    return q.matches(re.toString());
  }

  /**
   * What a row's reason must say when the record did not produce the row (a name no recorded pickle
   * emits, or a glob): a hand-written reason of some substance, or, for a glob, the recorded
   * globals it covers. Returns null when the row is fine.
   */
  static String provenanceProblem(String name, String reason, Set<String> recorded) {
    if (recorded.contains(name)) {
      return reason.contains(HAND_WRITTEN) ? "recorded but marked hand-written" : null;
    }
    int at = reason.indexOf(HAND_WRITTEN);
    if (at >= 0) {
      String why = reason.substring(at + HAND_WRITTEN.length()).strip();
      return why.length() >= 40 ? null : "hand-written reason too short to check: '" + why + "'";
    }
    var m = GLOB_NOTE.matcher(reason);
    if (name.contains("*") && m.find()) {
      String example = m.group(2);
      return Integer.parseInt(m.group(1)) > 0
              && recorded.contains(example)
              && globMatches(example, name)
          ? null
          : "glob's recorded example " + example + " is not a recorded global it matches";
    }
    return "not in record.tsv and no reason why (tools/allowlist/unrecorded.tsv)";
  }

  /**
   * Every row the record did not produce says why, in words a reviewer can check against a
   * library's source or release notes; the reasons come from tools/allowlist/unrecorded.tsv.
   */
  @Test
  void everyRowTheRecordDidNotProduceSaysWhy() throws IOException {
    Set<String> recorded = recorded();
    List<String> problems = new ArrayList<>();
    int handWritten = 0;
    Path resource = Path.of("src/main/resources/dev/mlsec/scan/policy/allowlist.tsv");
    for (String l : Files.readAllLines(resource, StandardCharsets.UTF_8)) {
      if (l.startsWith("#") || l.startsWith("global\t") || l.isBlank()) continue;
      String[] c = l.split("\t", -1);
      assertThat(c).as(l).hasSize(6);
      if (c[5].contains(HAND_WRITTEN)) handWritten++;
      String problem = provenanceProblem(c[0], c[5], recorded);
      if (problem != null) problems.add(c[0] + ": " + problem);
    }
    assertThat(problems).isEmpty();
    assertThat(handWritten).isGreaterThan(20);
  }

  @Test
  void aHandWrittenRowWithoutAReasonFails() {
    Set<String> recorded = Set.of("numpy.float64", "torch.float32");
    assertThat(provenanceProblem("numpy.float64", "numpy scalar class", recorded)).isNull();
    assertThat(provenanceProblem("torch.half", "dtype singleton", recorded)).isNotNull();
    assertThat(
            provenanceProblem("torch.half", "dtype singleton" + HAND_WRITTEN + "alias", recorded))
        .contains("too short");
    assertThat(
            provenanceProblem(
                "torch.half",
                "dtype singleton"
                    + HAND_WRITTEN
                    + "alias: torch.half is torch.float16, which dtypes pickle as",
                recorded))
        .isNull();
    assertThat(
            provenanceProblem(
                "numpy.float*", "x; pattern over 1 recorded globals, e.g. numpy.float64", recorded))
        .isNull();
    assertThat(
            provenanceProblem(
                "numpy.float*", "x; pattern over 1 recorded globals, e.g. torch.float32", recorded))
        .isNotNull();
    assertThat(provenanceProblem("numpy.float*", "numpy float classes", recorded)).isNotNull();
    assertThat(provenanceProblem("numpy.float64", "x" + HAND_WRITTEN + "y", recorded))
        .contains("recorded but marked");
    assertThat(globMatches("sklearn.externals.joblib.numpy_pickle.NDArrayWrapper", "sklearn.*"))
        .isTrue();
    assertThat(globMatches("torch.quantization.x", "torch.q*")).isFalse();
    assertThat(globMatches("torch.FloatStorage", "torch.*Storage")).isTrue();
  }

  /**
   * An exact allowlist entry wins over the denylist, so every name that is both must be one the
   * review meant: a generated entry must never open a denied name by accident.
   */
  @Test
  void allowlistedNamesThatTheDenylistAlsoMatchesAreReviewedExceptions() {
    Set<String> both = new TreeSet<>();
    for (String q : Allowlist.standard().exactNames())
      if (Callables.deniedRule(q) != null) both.add(q);
    // members of the http enums, what getattr(HTTPStatus, 'NAME') returns: int and str constants
    both.removeIf(q -> q.startsWith("http.HTTPStatus.") || q.startsWith("http.HTTPMethod."));
    assertThat(both)
        .containsExactlyInAnyOrder(
            "pathlib.PurePosixPath",
            "pathlib.PureWindowsPath",
            // values: a concrete path's construction does no I/O (its I/O methods stay denied)
            "pathlib.PosixPath",
            "pathlib.WindowsPath",
            // stdlib enums and their members pickled by global name: constants
            "http.HTTPStatus",
            "http.HTTPMethod",
            "signal.SIGTERM",
            "signal.SIGINT",
            "signal.SIGKILL",
            "signal.SIGHUP",
            "signal.SIGQUIT",
            "signal.SIGUSR1",
            "signal.SIGUSR2",
            "signal.SIGALRM",
            "signal.SIGCHLD",
            "signal.SIGPIPE",
            "signal.SIGABRT",
            "signal.SIGSEGV",
            "signal.SIGCONT",
            "signal.SIGSTOP",
            "signal.SIG_DFL",
            "signal.SIG_IGN",
            "signal.SIG_BLOCK",
            "signal.Signals",
            "signal.Handlers",
            "signal.Sigmasks",
            "socket.AF_INET",
            "socket.AF_INET6",
            "socket.AF_UNIX",
            "socket.AF_UNSPEC",
            "socket.AF_PACKET",
            "socket.SOCK_STREAM",
            "socket.SOCK_DGRAM",
            "socket.SOCK_RAW",
            "socket.SOCK_SEQPACKET",
            "socket.AddressFamily",
            "socket.SocketKind",
            "urllib.parse.ParseResult",
            "urllib.parse.SplitResult",
            "urllib.parse.DefragResult",
            "urllib.parse.ParseResultBytes",
            "urllib.parse.SplitResultBytes",
            "urllib.parse.DefragResultBytes",
            "uuid.UUID",
            "torch.serialization._get_layout",
            "numpy.random._pickle.__bit_generator_ctor",
            "numpy.random._pickle.__generator_ctor",
            "numpy.random._pickle.__randomstate_ctor",
            "torch.jit._pickle.build_boollist",
            "torch.jit._pickle.build_doublelist",
            "torch.jit._pickle.build_intlist",
            "torch.jit._pickle.build_tensor_from_id",
            "torch.jit._pickle.build_tensorlist",
            "torch.jit._pickle.restore_type_tag",
            // structseq values of os/posix/signal/_thread (bench/scan/blind4): made from a
            // tuple, no system call
            "os.stat_result",
            "os.statvfs_result",
            "os.terminal_size",
            "posix.sched_param",
            "posix.times_result",
            "posix.uname_result",
            "posix.waitid_result",
            "signal.struct_siginfo",
            "_thread._ExceptHookArgs");
  }

  @Test
  void theNamesOfTheIssueAreAllowedWithTheirShapes() {
    assertThat(kind("pandas.core.indexes.base._new_Index")).isEqualTo(Kind.SAFE_CALL);
    assertThat(Allowlist.standard().find("pandas.core.indexes.base._new_Index").shapes())
        .containsExactly(List.of("class", "dict"));
    assertThat(kind("array._array_reconstructor")).isEqualTo(Kind.SAFE_CALL);
    assertThat(kind("pathlib.PurePosixPath")).isEqualTo(Kind.SAFE_CALL);
    assertThat(kind("sklearn._loss._loss.__pyx_unpickle_CyHalfBinomialLoss"))
        .isEqualTo(Kind.CYTHON_UNPICKLE);
    // a Cython reconstructor the record never saw, of a class of an allowlisted package
    assertThat(kind("sklearn.tree._tree.__pyx_unpickle_SomeFutureNode"))
        .isEqualTo(Kind.CYTHON_UNPICKLE);
    assertThat(kind("mlsec_unlisted.__pyx_unpickle_Runner")).isEqualTo(Kind.UNKNOWN);
  }

  @Test
  void pathsAndLoadersThatTouchFilesStayDenied() {
    for (String q :
        List.of(
            "pathlib.Path",
            "pathlib.PosixPath.write_text",
            "pathlib.PosixPath.open",
            "pathlib.Path.read_text",
            "pathlib.PurePosixPath.write_text",
            "numpy.load",
            "numpy.lib.npyio.load",
            "torch.load",
            "torch.hub.load",
            "pandas.read_pickle",
            "pandas.read_csv",
            "pandas.eval",
            "pandas.core.frame.DataFrame.query",
            "uuid._get_command_stdout")) assertThat(kind(q)).as(q).isEqualTo(Kind.DANGEROUS);
    assertThat(kind("uuid.UUID")).isEqualTo(Kind.SAFE_CALL);
  }

  @Test
  void packageGlobsThatMayBeCalledReachOneSegmentOnly() {
    assertThat(kind("pandas._libs.tslibs.offsets.BusinessHour")).isEqualTo(Kind.SAFE_CALL);
    // deeper names are the Cython module's own imports: rebuilt at most (pandas._libs.tslibs.*),
    // never called
    assertThat(kind("pandas._libs.tslibs.offsets.np.load")).isEqualTo(Kind.REBUILD_ONLY);
    assertThat(kind("pandas._libs.tslibs.offsets.os.system")).isEqualTo(Kind.DANGEROUS);
    assertThat(kind("torch.qint8")).isEqualTo(Kind.SAFE_CALL);
    // torch.q* (dtypes) may be called; deeper names only rebuilt (torch.*)
    assertThat(kind("torch.quantization.quantize")).isEqualTo(Kind.REBUILD_ONLY);
    // classes of a package may be rebuilt at any depth, never called
    assertThat(kind("sklearn.ensemble._forest.RandomForestClassifier"))
        .isEqualTo(Kind.REBUILD_ONLY);
  }

  @Provide
  Arbitrary<String> dangerous() {
    return Arbitraries.of(new ArrayList<>(new TreeSet<>(Callables.dangerousNames())));
  }

  @Provide
  Arbitrary<String> allowlistedModule() {
    return Arbitraries.of(
        "sklearn.utils",
        "pandas._libs.tslibs.offsets",
        "numpy.random",
        "torch.nn.modules.linear",
        "datetime",
        "collections",
        "scipy.sparse._csr");
  }

  @Provide
  Arbitrary<String> attribute() {
    return Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(8);
  }

  /** A denied name stays denied under any attribute, unless that exact name is allowlisted. */
  @Property(tries = 300)
  void deniedNamesStayDeniedUnderAttributes(
      @ForAll("dangerous") String d, @ForAll("attribute") String attr) {
    String q = d + "." + attr;
    Allowlist.Entry e = Allowlist.standard().find(q);
    if (e != null && e.name().equals(q)) return;
    assertThat(kind(q)).as(q).isEqualTo(Kind.DANGEROUS);
  }

  /** Reaching a denied module through an allowlisted module's imports is still denied. */
  @Property(tries = 300)
  void aliasesThroughAllowlistedModulesStayDenied(
      @ForAll("allowlistedModule") String m,
      @ForAll("dangerous") String d,
      @ForAll("attribute") String attr) {
    String q = m + "." + d + "." + attr;
    assertThat(kind(q)).as(q).isNotIn(Kind.SAFE_CALL, Kind.CYTHON_UNPICKLE);
  }
}
