package dev.mlsec.scan.pickle;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class CodeStateTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "y ~ a + C(g)",
        "np.log(y) ~ x1 * x2 - 1",
        "y ~ I(x ** 2) + center(z) + C(g, Treatment('b'))",
        "y ~ x1:x2 + bs(x3, df=4)"
      })
  void formulasOfColumnsAndTransformsAreTheLibrarys(String f) {
    assertThat(CodeState.formulaProblem(f)).isNull();
    assertThat(CodeState.judge(Map.of("restore_design_info", PickleValue.TRUE, "formula", s(f))))
        .isNull();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "y ~ a + I(__import__('os').system('echo x'))",
        "y ~ os.system",
        "y ~ exec(x)",
        "y ~ eval('1')",
        "y ~ getattr(a, b)",
        "y ~ a; import os",
        "y ~ (lambda: 1)()",
        "y ~ x[0]"
      })
  void formulasThatRunCodeAreFlagged(String f) {
    assertThat(CodeState.judge(Map.of("restore_design_info", PickleValue.TRUE, "formula", s(f))))
        .isNotNull();
  }

  /** What scipy 1.10 generates for one shape (gamma) and for a discrete distribution. */
  static Stream<String> scipysOwnTemplates() {
    return Stream.of(
        String.join(
            "\n",
            "",
            "def _parse_args(self, a,  loc=0, scale=1):",
            "    return (a, ), loc, scale",
            "",
            "def _parse_args_rvs(self, a,  loc=0, scale=1, size=None):",
            "    return self._argcheck_rvs(a,  loc, scale, size=size)",
            "",
            "def _parse_args_stats(self, a,  loc=0, scale=1, moments='mv'):",
            "    return (a, ), loc, scale, moments",
            ""),
        String.join(
            "\n",
            "",
            "def _parse_args(self,  loc=0):",
            "    return (), loc, 1",
            "",
            "def _parse_args_rvs(self,  loc=0, size=None):",
            "    return self._argcheck_rvs( loc, 1, size=size)",
            "",
            "def _parse_args_stats(self,  loc=0, moments='mv'):",
            "    return (), loc, 1, moments",
            ""));
  }

  @ParameterizedTest
  @MethodSource("scipysOwnTemplates")
  void scipysOwnTemplatesPass(String t) {
    assertThat(CodeState.judge(Map.of("_parse_arg_template", s(t)))).isNull();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "import os\nos.system('x')\ndef _parse_args(self,  loc=0):\n    return (), loc, 1\n",
        "\ndef _parse_args(self, a,  loc=0, scale=1):\n    return (a, ), loc, __import__('os')\n"
      })
  void otherTemplatesAreFlagged(String t) {
    assertThat(CodeState.judge(Map.of("_parse_arg_template", s(t))).field())
        .isEqualTo("_parse_arg_template");
  }

  private static PickleValue.Str s(String v) {
    return new PickleValue.Str(v, false);
  }
}
