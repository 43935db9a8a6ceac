package dev.mlsec.scan;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The seventh blind evaluation ({@code bench/scan/blind7/}, written before its author read the
 * scanner): broken and hostile containers. The files still judged wrongly are listed, so a file
 * that changes its verdict either way fails the test (drop it from the list when fixed).
 */
class Blind7SetTest {

  /** Benign files still not clean: none. */
  private static final Set<String> KNOWN_FALSE_POSITIVES = Set.of();

  /** Adversarial files still clean: none. */
  private static final Set<String> KNOWN_FALSE_NEGATIVES = Set.of();

  @Test
  void benignFilesAreCleanExceptTheKnownOnes() throws Exception {
    BlindSets.assertWrongOnly("blind7", "benign", KNOWN_FALSE_POSITIVES, 240);
  }

  @Test
  void adversarialFilesAreNeverCleanExceptTheKnownOnes() throws Exception {
    BlindSets.assertWrongOnly("blind7", "adversarial", KNOWN_FALSE_NEGATIVES, 115);
  }

  /** Limits and malformed parts are inconclusive, whatever the level of their rule. */
  @Test
  void limitsAndMalformedFilesAreInconclusive() throws Exception {
    BlindSets.assertFlaggedBy(
        "blind7",
        Verdict.INCONCLUSIVE,
        Map.ofEntries(
            Map.entry("A/hdf5_bad_superblock.h5", "scan.unreadable"),
            Map.entry("B/onnx_deep_if.onnx", "onnx.malformed"),
            Map.entry("B/json_deep_config.json", "scan.limit"),
            Map.entry("B/pickle_deep_tuples.pkl", "scan.limit")));
  }

  /** Pickles carried as data no loader unpickles: suspicious, never malicious. */
  @Test
  void picklesCarriedAsDataAreSuspicious() throws Exception {
    BlindSets.assertFlaggedBy(
        "blind7",
        Verdict.SUSPICIOUS,
        Map.ofEntries(
            Map.entry("C/zip_then_pickle_in_comment.pt", "embedded.pickle"),
            Map.entry("C/gguf_then_pickle.gguf", "embedded.pickle"),
            Map.entry("E/gguf_pickle_value.gguf", "embedded.pickle"),
            Map.entry("E/onnx_metadata_pickle.onnx", "embedded.pickle"),
            Map.entry("E/onnx_string_tensor_pickle.onnx", "embedded.pickle"),
            Map.entry("E/st_metadata_b64_pickle.safetensors", "embedded.pickle"),
            Map.entry("E/st_metadata_latin1_pickle.safetensors", "embedded.pickle"),
            Map.entry("E/st_tensor_bytes_pickle.safetensors", "embedded.pickle")));
  }

  /** A safetensors header length past 2^63 is reported by the format's own rule. */
  @Test
  void aHugeSafetensorsHeaderLengthIsMalformed() throws Exception {
    BlindSets.assertFlaggedBy(
        "blind7", Map.of("A/st_header_len_2e63.safetensors", "safetensors.malformed"));
  }

  private static final byte[] PLAIN =
      bytes("\u0080\u0002]q\u0000(K\u0001K\u0002K\u0003K\u0004K\u0005K\u0006K\u0007e.");
  private static final byte[] EVIL =
      bytes("\u0080\u0002cos\nsystem\nq\u0000X\u0004\u0000\u0000\u0000echo\u0085R.");

  private static byte[] bytes(String latin1) {
    return latin1.getBytes(StandardCharsets.ISO_8859_1);
  }

  /** A safetensors file with one metadata value and one U8 tensor. */
  private static byte[] safetensors(String meta, byte[] tensor) {
    String h =
        "{\"__metadata__\":{\"m\":\""
            + meta
            + "\"},\"t\":{\"dtype\":\"U8\",\"shape\":["
            + tensor.length
            + "],\"data_offsets\":[0,"
            + tensor.length
            + "]}}";
    byte[] hb = h.getBytes(StandardCharsets.UTF_8);
    byte[] out = new byte[8 + hb.length + tensor.length];
    long n = hb.length;
    for (int i = 0; i < 8; i++) out[i] = (byte) (n >>> (8 * i));
    System.arraycopy(hb, 0, out, 8, hb.length);
    System.arraycopy(tensor, 0, out, 8 + hb.length, tensor.length);
    return out;
  }

  /** Plain-data pickles and near-pickles as data stay clean; a dangerous one is suspicious. */
  @Test
  void onlyDangerousPicklesAsDataAreFlagged() {
    Scanner s = new Scanner();
    String b64Plain = Base64.getEncoder().encodeToString(PLAIN);
    String b64Evil = Base64.getEncoder().encodeToString(EVIL);
    byte[] zeros = new byte[32];
    zeros[0] = (byte) 0x80;
    zeros[1] = 2;
    for (byte[] benign :
        new byte[][] {
          safetensors(b64Plain, zeros),
          safetensors("gAJ not base64 at all!", PLAIN),
          safetensors("gAIAAAAAAAAAAAAAAAAAAAAA", new byte[16]),
        }) {
      FileReport r = s.scan(benign, "m.safetensors");
      assertThat(r.verdict()).as(BenignCorpusTest.describe(r)).isEqualTo(Verdict.CLEAN);
    }
    for (byte[] evil : new byte[][] {safetensors(b64Evil, zeros), safetensors("x", EVIL)}) {
      FileReport r = s.scan(evil, "m.safetensors");
      assertThat(r.verdict()).as(BenignCorpusTest.describe(r)).isEqualTo(Verdict.SUSPICIOUS);
      assertThat(TestReports.rules(r)).as(BenignCorpusTest.describe(r)).contains("embedded.pickle");
    }
  }

  /** JSON past the nesting or size limit is inconclusive; deep but within the limit is clean. */
  @Test
  void jsonPastItsLimitsIsInconclusive() {
    Scanner s = new Scanner();
    String ok = "{\"a\":".repeat(50) + "1" + "}".repeat(50);
    String deep = "{\"a\":".repeat(300) + "1" + "}".repeat(300);
    assertThat(s.scan(ok.getBytes(StandardCharsets.UTF_8), "config.json").verdict())
        .isEqualTo(Verdict.CLEAN);
    assertThat(s.scan(deep.getBytes(StandardCharsets.UTF_8), "config.json").verdict())
        .isEqualTo(Verdict.INCONCLUSIVE);
    ScanLimits d = ScanLimits.defaults();
    ScanLimits small =
        new ScanLimits(
            d.maxOpcodes(),
            d.maxMemo(),
            d.maxStackDepth(),
            d.maxTime(),
            d.maxDecompressedBytes(),
            d.maxNesting(),
            d.maxEntries(),
            d.maxBufferedBytes(),
            64);
    FileReport r =
        new Scanner(ScanPolicy.DEFAULT, small).scan(ok.getBytes(StandardCharsets.UTF_8), "c.json");
    assertThat(r.verdict()).as(BenignCorpusTest.describe(r)).isEqualTo(Verdict.INCONCLUSIVE);
    assertThat(TestReports.rules(r)).contains("scan.limit");
  }
}
