package dev.mlsec.scan;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** Invariants over arbitrary and mutated inputs. */
class ScanPropertiesTest {
  private static final byte[] EVIL =
      "\u0080\u0002cposix\nsystem\nX\u0002\u0000\u0000\u0000id\u0085R}."
          .getBytes(StandardCharsets.ISO_8859_1);
  private static final int AFTER_CALL = EVIL.length - 2;

  @Property(tries = 300)
  void anyBytesGiveTheSameReportTwiceAndNoInternalError(
      @ForAll @Size(max = 2048) byte[] data, @ForAll("names") String name) {
    Scanner s = new Scanner();
    FileReport a = s.scan(data, name);
    FileReport b = s.scan(data, name);
    assertThat(a).isEqualTo(b);
    assertThat(a.findings()).noneSatisfy(f -> assertThat(f.message()).startsWith("internal error"));
  }

  @net.jqwik.api.Provide
  net.jqwik.api.Arbitrary<String> names() {
    return net.jqwik.api.Arbitraries.of(
        "x.pkl", "x.pt", "x.zip", "x.npy", "x.safetensors", "x.gguf", "x.onnx", "x", "x.h5");
  }

  @Property(tries = 100)
  void aTruncatedPickleIsNeverClean(@ForAll @IntRange(min = 2, max = 40) int cut) {
    int n = Math.min(cut, EVIL.length);
    FileReport r = new Scanner().scan(Arrays.copyOf(EVIL, n), "cut.pkl");
    assertThat(r.verdict()).isNotEqualTo(Verdict.CLEAN);
    if (n >= AFTER_CALL) assertThat(r.verdict()).isEqualTo(Verdict.MALICIOUS);
  }

  @Property(tries = 200)
  void junkAppendedAfterAPayloadNeverHidesIt(@ForAll @Size(max = 512) byte[] junk) {
    byte[] data = Arrays.copyOf(EVIL, EVIL.length + junk.length);
    System.arraycopy(junk, 0, data, EVIL.length, junk.length);
    assertThat(new Scanner().scan(data, "m.pkl").verdict()).isEqualTo(Verdict.MALICIOUS);
  }

  @Property(tries = 200)
  void aSingleFlippedByteNeverCrashes(
      @ForAll @IntRange(min = 0, max = 29) int at, @ForAll byte value) {
    byte[] data = EVIL.clone();
    data[Math.min(at, data.length - 1)] = value;
    FileReport r = new Scanner().scan(data, "m.pkl");
    assertThat(r.findings()).noneSatisfy(f -> assertThat(f.message()).startsWith("internal error"));
  }
}
