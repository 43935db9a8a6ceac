package dev.mlsec.scan.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The chunk decoders on hand-made inputs: what each format means, and corrupt input bounded. */
class Hdf5PipelineTest {

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  @Test
  void lzfLiteralsAndOverlappingBackReferences() {
    // 3 literals "abc", then a reference of length 2+4=6 at distance 3 (it overlaps itself)
    byte[] in = {2, 'a', 'b', 'c', (byte) (4 << 5), 2};
    assertThat(Hdf5Pipeline.lzf(in, 100)).isEqualTo(ascii("abcabcabc"));
    assertThat(Hdf5Pipeline.lzf(in, 5)).isEqualTo(ascii("abcab"));
  }

  @Test
  void lzfReferenceBeforeTheOutputEndsIt() {
    byte[] in = {0, 'x', (byte) (1 << 5), 9};
    assertThat(Hdf5Pipeline.lzf(in, 100)).isEqualTo(ascii("x"));
  }

  @Test
  void lzoLiteralRunAndEndMarker() {
    // first byte 17+5: five literals, then M4 with distance 0 (0x11 0x00 0x00): the end
    byte[] in = {22, 'h', 'e', 'l', 'l', 'o', 0x11, 0, 0};
    assertThat(Hdf5Pipeline.lzo1x(in, 100)).isEqualTo(ascii("hello"));
    // cut before the marker: what was decoded stands
    assertThat(Hdf5Pipeline.lzo1x(java.util.Arrays.copyOf(in, 4), 100)).isEmpty();
  }

  @Test
  void unshuffleRestoresElementsAndKeepsTheTail() {
    // two 3-byte elements (a1 a2 a3)(b1 b2 b3) shuffled into planes, then one byte left over
    byte[] planes = {'a', 'b', '1', '1', 'x', 'y', 'z'};
    assertThat(Hdf5Pipeline.unshuffle(planes, 3)).isEqualTo(ascii("a1xb1yz"));
  }

  @Test
  void bloscBufferStoredAsItIsAndOneThatClaimsHugeBlocks() throws Exception {
    byte[] memcpy = new byte[16 + 4];
    memcpy[0] = 2;
    memcpy[2] = 0x02; // memcpyed
    memcpy[3] = 1;
    memcpy[4] = 4; // nbytes
    System.arraycopy(ascii("data"), 0, memcpy, 16, 4);
    assertThat(Hdf5Pipeline.blosc(memcpy, 100)).isEqualTo(ascii("data"));
    byte[] huge = new byte[32];
    huge[0] = 2;
    huge[3] = 1;
    huge[4] = 8;
    huge[8] = (byte) 0xff;
    huge[9] = (byte) 0xff;
    huge[10] = (byte) 0xff;
    huge[11] = 0x7f; // a 2 GB block
    assertThat(Hdf5Pipeline.blosc(huge, 100)).isEmpty();
  }
}
