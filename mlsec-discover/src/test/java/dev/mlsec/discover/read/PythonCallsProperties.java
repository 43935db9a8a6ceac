package dev.mlsec.discover.read;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** The Python reader sees calls in code, never in strings or comments, and never fails. */
class PythonCallsProperties {

  @Property(tries = 300)
  void neverFails(@ForAll String source) {
    PythonCalls.read(source);
  }

  @Property(tries = 200)
  void callsInStringsAndCommentsAreNotCalls(@ForAll("plain") String s) {
    String src =
        "x = \"torch.load("
            + s
            + ")\"\n"
            + "# pickle.load("
            + s
            + ")\n"
            + "y = '''\njoblib.load("
            + s
            + ")\n'''\n"
            + "z = r'numpy.load("
            + s
            + ", allow_pickle=True)'\n";
    assertThat(PythonCalls.read(src).calls()).isEmpty();
  }

  @Property(tries = 200)
  void aLiteralArgumentIsReadBack(@ForAll("plain") String path) {
    PythonCalls code =
        PythonCalls.read(
            "import torch as t\nm = t.load(\n    \"" + path + "\",\n    weights_only=False)\n");
    assertThat(code.calls()).hasSize(1);
    PythonCalls.Call c = code.calls().get(0);
    assertThat(c.qualified()).isEqualTo("torch.load");
    assertThat(c.line()).isEqualTo(2);
    assertThat(c.positional(0).flatMap(PythonCalls.Arg::string)).contains(path);
    assertThat(c.keyword("weights_only").map(PythonCalls.Arg::text)).contains("False");
  }

  @Provide
  Arbitrary<String> plain() {
    return Arbitraries.strings().withChars("abcXYZ019_./- ").ofMaxLength(30);
  }

  @Test
  void importsNameWhatACallMeans() {
    PythonCalls code =
        PythonCalls.read(
            """
            from joblib import load as jl
            import numpy as np, pickle
            a = jl('m.joblib')
            b = np.load(f, allow_pickle=True)
            c = pickle.loads(blob)
            """);
    assertThat(code.calls())
        .extracting(PythonCalls.Call::qualified)
        .containsExactly("joblib.load", "numpy.load", "pickle.loads");
    assertThat(code.imports())
        .extracting(PythonCalls.Import::module)
        .isEqualTo(List.of("joblib.load", "numpy", "pickle"));
  }

  @Test
  void decoratorsKnowWhatTheyDecorate() {
    PythonCalls code =
        PythonCalls.read(
            "@tool\ndef search(q):\n    pass\n\n@app.get('/x')\nasync def x():\n  pass\n");
    assertThat(code.decorators())
        .extracting(PythonCalls.Decorated::target)
        .containsExactly("search", "x");
  }
}
