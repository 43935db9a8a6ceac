package dev.mlsec.scan.pickle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlsec.scan.ScanContext;
import dev.mlsec.scan.ScanLimits;
import dev.mlsec.scan.ScanPolicy;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Bytes that are only possibly a pickle (HDF5 attribute and dataset bytes): a global whose module
 * or name no import or getattr can resolve is noise, not a dangerous attribute walk. A 200 MB h5py
 * file of random float64 weights was malicious for such a "global" parsed from a stray \x80\x02;
 * read as a real pickle the same bytes still report.
 */
class SpeculativeNamesTest {

  /** PROTO 2, SHORT_BINUNICODE module, SHORT_BINUNICODE name, STACK_GLOBAL, STOP. */
  private static byte[] pickle(String module, String name) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(0x80);
    out.write(2);
    for (String s : new String[] {module, name}) {
      byte[] b = s.getBytes(StandardCharsets.UTF_8);
      out.write(0x8c);
      out.write(b.length);
      out.write(b, 0, b.length);
    }
    out.write(0x93);
    out.write('.');
    return out.toByteArray();
  }

  private static ScanContext scan(byte[] data, boolean speculative) throws Exception {
    ScanContext ctx = new ScanContext(ScanLimits.defaults(), ScanPolicy.DEFAULT);
    PickleScanner.scan(ctx, new ByteArrayInputStream(data), data.length, "", false, speculative);
    return ctx;
  }

  @Test
  void unresolvableNamesInPossiblePicklesAreNoise() throws Exception {
    byte[] garbage = pickle("\u00ea?\u00e7(}", "\u00d9r ..?O\u00e9k");
    assertThat(scan(garbage, true).findings()).isEmpty();
    assertThat(scan(garbage, false).findings())
        .anySatisfy(f -> assertThat(f.ruleId()).isEqualTo("pickle.attribute-walk"));
  }

  @Test
  void resolvableDangerousNamesStillReport() throws Exception {
    assertThat(scan(pickle("os", "system"), true).findings()).isNotEmpty();
    assertThat(scan(pickle("builtins", "getattr.__globals__"), true).findings()).isNotEmpty();
  }
}
