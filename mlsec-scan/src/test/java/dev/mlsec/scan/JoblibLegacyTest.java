package dev.mlsec.scan;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Real multi-file dumps in joblib's legacy format (joblib-legacy/make_legacy.py: NDArrayWrapper and
 * ZNDArrayWrapper records naming companion files, loaded back by joblib) are clean; the same files
 * with a companion name that leaves the dump's directory are not.
 */
class JoblibLegacyTest {
  static Path dir() throws URISyntaxException {
    return Path.of(JoblibLegacyTest.class.getResource("joblib-legacy").toURI());
  }

  @Test
  void everyDumpDirectoryIsClean() throws Exception {
    List<FileReport> all = new Scanner().scanAll(List.of(dir()));
    List<FileReport> files = all.stream().filter(r -> !r.path().endsWith(".py")).toList();
    assertThat(files).hasSizeGreaterThanOrEqualTo(25);
    for (FileReport r : files) {
      assertThat(r.verdict()).as(r.path() + " " + r.findings()).isEqualTo(Verdict.CLEAN);
      assertThat(r.formats()).as(r.path()).doesNotContain("unknown");
      assertThat(r.findings())
          .as(r.path())
          .allSatisfy(f -> assertThat(f.ruleId()).isEqualTo("npy.object-dtype"));
    }
  }

  @Test
  void theRecordsAreReadAsJoblibPickles() throws Exception {
    assertThat(new Scanner().scan(dir().resolve("logreg_joblib09_p2/model.pkl")).formats())
        .containsExactly("pickle");
    assertThat(new Scanner().scan(dir().resolve("state_dict_compress3_cache0/model.pkl")).formats())
        .containsExactly("joblib-zf", "pickle");
  }

  @Test
  void aCompanionNameOutsideTheDumpIsFlagged() throws Exception {
    for (String dump : List.of("logreg_joblib09_p2", "logreg_p5", "state_dict_p0")) {
      byte[] real = Files.readAllBytes(dir().resolve(dump + "/model.pkl"));
      // same length, so every opcode's length prefix stays right
      for (String evil : List.of("../../../x01.npy", "/etc/evil_01.npy", "a/../../x_01.npy")) {
        byte[] mutated = replace(real, "model.pkl_01.npy", evil);
        FileReport r = new Scanner().scan(mutated, "model.pkl");
        // .npy companions are np.load'ed with allow_pickle=True: a nested unpickle
        assertThat(r.verdict()).as(dump + " " + evil).isEqualTo(Verdict.MALICIOUS);
        assertThat(r.findings())
            .as(dump + " " + evil)
            .anySatisfy(f -> assertThat(f.ruleId()).isEqualTo("joblib.companion-path"));
      }
    }
  }

  private static byte[] replace(byte[] data, String from, String to) {
    byte[] f = from.getBytes(StandardCharsets.US_ASCII);
    byte[] t = to.getBytes(StandardCharsets.US_ASCII);
    assertThat(t).hasSameSizeAs(f);
    byte[] out = data.clone();
    int hits = 0;
    outer:
    for (int i = 0; i + f.length <= out.length; i++) {
      for (int j = 0; j < f.length; j++) if (out[i + j] != f[j]) continue outer;
      System.arraycopy(t, 0, out, i, t.length);
      hits++;
    }
    assertThat(hits).isPositive();
    return out;
  }
}
