package dev.mlsec.scan.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlsec.scan.ScanRule;
import org.junit.jupiter.api.Test;

/**
 * From-import re-exports of dangerous callables (bench/scan/blind6) are classified as the object
 * they are, checked in the libraries' source (CPython 3.11 bz2/tokenize/tarfile, sklearn 1.2
 * utils/_joblib.py, statsmodels 0.13 iolib/api.py).
 */
class ReexportsTest {
  private static ScanRule rule(String module, String name) {
    Callables.Verdict v = Callables.classify(module, name);
    assertThat(v.kind()).as(module + "." + name).isEqualTo(Callables.Kind.DANGEROUS);
    return v.rule();
  }

  @Test
  void reexportsAreWhatTheyName() {
    assertThat(rule("bz2", "_builtin_open")).isEqualTo(ScanRule.PICKLE_FILE);
    assertThat(rule("tokenize", "_builtin_open")).isEqualTo(ScanRule.PICKLE_FILE);
    assertThat(rule("tarfile", "bltn_open")).isEqualTo(ScanRule.PICKLE_FILE);
    assertThat(rule("sklearn.utils._joblib", "load")).isEqualTo(ScanRule.PICKLE_NESTED);
    assertThat(rule("sklearn.utils._joblib", "dump")).isEqualTo(ScanRule.PICKLE_FILE);
    assertThat(rule("statsmodels.iolib.api", "load_pickle")).isEqualTo(ScanRule.PICKLE_NESTED);
    assertThat(Callables.reexported("sklearn.utils._joblib.Memory")).isEqualTo("joblib.Memory");
  }

  @Test
  void namesBesideTheReexportsKeepTheirOwnVerdict() {
    assertThat(Callables.reexported("bz2.BZ2File")).isNull();
    assertThat(Callables.reexported("sklearn.utils.Bunch")).isNull();
    assertThat(Callables.classify("bz2", "_builtin_open_x").kind())
        .isNotEqualTo(Callables.Kind.DANGEROUS);
  }
}
