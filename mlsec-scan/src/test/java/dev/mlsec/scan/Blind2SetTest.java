package dev.mlsec.scan;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The second blind evaluation ({@code bench/scan/blind2/}, written before its author read the
 * scanner): every benign file is clean, no adversarial file is clean, and each class it found is
 * reported by its rule. The files stay where the evaluation keeps them.
 */
class Blind2SetTest {

  /**
   * Still flagged (none since matplotlib joined the allowlist generator and type subscripts are
   * judged by their shape); a file that becomes wrongly clean or flagged fails the test.
   */
  private static final Set<String> KNOWN_FALSE_POSITIVES = Set.of();

  @Test
  void benignFilesAreClean() throws Exception {
    BlindSets.assertWrongOnly("blind2", "benign", KNOWN_FALSE_POSITIVES, 280);
  }

  @Test
  void adversarialFilesAreNeverClean() throws Exception {
    BlindSets.assertWrongOnly("blind2", "adversarial", Set.of(), 170);
  }

  /** The classes the first scan missed, each by the rule that now reports it. */
  @Test
  void theClassesItFoundAreMaliciousByTheirRule() throws Exception {
    Map<String, String> expected =
        Map.ofEntries(
            Map.entry("torch_package_source.pt", "torch.package-source"),
            Map.entry("torch_package_nested_source.pt", "torch.package-source"),
            Map.entry("torch_package_init_source.pt", "torch.package-source"),
            Map.entry("pytables_attr_pickle_pandas.h5", "pickle.exec"),
            Map.entry("pytables_attr_pickle_title.h5", "pickle.exec"),
            Map.entry("keras_activation_layer_eval.keras", "keras.custom-module"),
            Map.entry("keras_compile_config_loss_exec.keras", "keras.custom-module"),
            Map.entry("keras_h5_training_config_loss_module.h5", "keras.custom-module"),
            Map.entry("sympy_sympify_str.pkl", "pickle.eval"),
            Map.entry("numexpr_evaluate.pkl", "pickle.eval"),
            Map.entry("npy_descr_object_word.npy", "pickle.exec"));
    BlindSets.assertFlaggedBy("blind2", Verdict.MALICIOUS, expected);
  }

  @Test
  void pandasHdfMetadataPicklesAreScannedAndClean() throws Exception {
    FileReport r =
        new Scanner().scan(BlindSets.dir("blind2", "benign").resolve("pd_to_hdf_table.h5"));
    assertThat(r.verdict()).as(BenignCorpusTest.describe(r)).isEqualTo(Verdict.CLEAN);
    assertThat(TestReports.rules(r)).contains("hdf5.attribute-pickle");
  }

  /** numpy >= 2 pickles: the BitGenerator class and object shapes, and what they must not admit. */
  @Test
  void numpyTwoRandomShapesAdmitOnlyBitGenerators() {
    Scanner s = new Scanner();
    byte[] benign =
        pickle(
            "numpy.random._pickle",
            "__generator_ctor",
            call(
                "numpy.random._pickle",
                "__bit_generator_ctor",
                global("numpy.random._pcg64", "PCG64")));
    assertThat(s.scan(benign, "np2.pkl").verdict()).isEqualTo(Verdict.CLEAN);
    byte[] popen =
        pickle(
            "numpy.random._pickle",
            "__generator_ctor",
            call("numpy.random._pickle", "__bit_generator_ctor", global("subprocess", "Popen")));
    assertThat(s.scan(popen, "np2_popen.pkl").verdict()).isEqualTo(Verdict.MALICIOUS);
    byte[] unknown =
        pickle("numpy.random._pickle", "__bit_generator_ctor", global("mylib.gen", "Gen"));
    // an unknown class there is judged as a rebuilt one: trusted by default, flagged when strict
    assertThat(
            new Scanner(ScanPolicy.STRICT, ScanLimits.defaults()).scan(unknown, "u.pkl").verdict())
        .isNotEqualTo(Verdict.CLEAN);
  }

  /** NoneType is pickled as builtins.type(None); type(name, bases, dict) makes a class. */
  @Test
  void typeOfAValueIsCleanAndMakingAClassIsNot() {
    Scanner s = new Scanner();
    byte[] noneType = pickle("builtins", "type", new byte[] {'N'});
    assertThat(s.scan(noneType, "none_type.pkl").verdict()).isEqualTo(Verdict.CLEAN);
    byte[] newClass =
        cat(
            new byte[] {(byte) 0x80, 4},
            global("builtins", "type"),
            str("X"),
            new byte[] {'('},
            global("builtins", "object"),
            new byte[] {'t', '}', (byte) 0x87, 'R', '.'});
    FileReport r = s.scan(newClass, "new_class.pkl");
    assertThat(r.verdict()).isEqualTo(Verdict.MALICIOUS);
    assertThat(TestReports.rules(r)).contains("pickle.eval");
  }

  /**
   * typing.List[int] pickles as operator.getitem(typing.List, int): clean; getitem on anything that
   * is not a type form (sys.modules, typing.sys.modules) or with a non-type argument is not.
   */
  @Test
  void typeSubscriptsAreCleanAndOtherGetitemsAreNot() {
    Scanner s = new Scanner();
    byte[] listOfInt =
        pair("_operator", "getitem", global("typing", "List"), global("builtins", "int"));
    assertThat(s.scan(listOfInt, "list_int.pkl").verdict()).isEqualTo(Verdict.CLEAN);
    byte[] nested =
        pair(
            "_operator",
            "getitem",
            global("typing", "Union"), // Optional[List[str]] pickles as a Union
            cat(
                call2(
                    "_operator", "getitem", global("typing", "List"), global("builtins", "str"))));
    assertThat(s.scan(nested, "opt_list.pkl").verdict()).isEqualTo(Verdict.CLEAN);
    byte[] alias =
        pair(
            "types",
            "GenericAlias",
            global("builtins", "dict"),
            cat(
                new byte[] {'('},
                global("builtins", "str"),
                global("builtins", "int"),
                new byte[] {'t'}));
    assertThat(s.scan(alias, "dict_alias.pkl").verdict()).isEqualTo(Verdict.CLEAN);
    for (byte[] bad :
        List.of(
            pair("_operator", "getitem", global("sys", "modules"), str("os")),
            pair("_operator", "getitem", global("typing", "sys.modules"), str("os")),
            pair("_operator", "getitem", global("builtins", "globals"), str("x")),
            pair("_operator", "getitem", global("typing", "List"), global("os", "system")),
            pair("types", "GenericAlias", global("typing", "List"), global("builtins", "int")),
            pair(
                "_operator",
                "getitem",
                global("typing", "List"),
                call("os", "system", str("echo mlsec"))))) {
      assertThat(s.scan(bad, "getitem.pkl").verdict()).isNotEqualTo(Verdict.CLEAN);
    }
  }

  private static byte[] call2(String module, String name, byte[] a, byte[] b) {
    return cat(global(module, name), a, b, new byte[] {(byte) 0x86, 'R'});
  }

  private static byte[] pair(String module, String name, byte[] a, byte[] b) {
    return cat(new byte[] {(byte) 0x80, 4}, call2(module, name, a, b), new byte[] {'.'});
  }

  // ---- a few protocol-4 opcodes, enough for the shapes above

  private static byte[] global(String module, String name) {
    return cat(str(module), str(name), new byte[] {(byte) 0x93});
  }

  private static byte[] call(String module, String name, byte[] arg) {
    return cat(global(module, name), arg, new byte[] {(byte) 0x85, 'R'});
  }

  private static byte[] pickle(String module, String name, byte[] arg) {
    return cat(new byte[] {(byte) 0x80, 4}, call(module, name, arg), new byte[] {'.'});
  }

  private static byte[] str(String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    return cat(new byte[] {(byte) 0x8c, (byte) b.length}, b);
  }

  private static byte[] cat(byte[]... parts) {
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    for (byte[] p : parts) o.writeBytes(p);
    return o.toByteArray();
  }
}
