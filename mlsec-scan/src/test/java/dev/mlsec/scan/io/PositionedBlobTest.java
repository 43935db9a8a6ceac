package dev.mlsec.scan.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class PositionedBlobTest {

  /** An input over bytes in memory. */
  private static final class Input implements PositionedInput {
    final byte[] data;

    Input(byte[] data) {
      this.data = data;
    }

    @Override
    public long size() {
      return data.length;
    }

    @Override
    public int readAt(long pos, byte[] b, int off, int len) {
      if (pos >= data.length) return -1;
      int n = (int) Math.min(len, data.length - pos);
      System.arraycopy(data, (int) pos, b, off, n);
      return n;
    }

    @Override
    public void close() {}
  }

  @Property(tries = 200)
  void everyByteReadIsReportedOnceWithItsValue(
      @ForAll @IntRange(min = 1, max = 100_000) int size,
      @ForAll long seed,
      @ForAll @Size(max = 40) List<@IntRange(min = 1, max = 40_000) Integer> lengths)
      throws IOException {
    byte[] data = new byte[size];
    Random r = new Random(seed);
    r.nextBytes(data);
    BitSet requested = new BitSet();
    BitSet reported = new BitSet();
    BitSet twice = new BitSet();
    BitSet wrong = new BitSet();
    try (PositionedBlob blob =
        new PositionedBlob(
            new Input(data),
            (pos, b, off, len) -> {
              for (int i = 0; i < len; i++) {
                int at = (int) pos + i;
                if (reported.get(at)) twice.set(at);
                if (b[off + i] != data[at]) wrong.set(at);
                reported.set(at);
              }
            })) {
      for (int len : lengths) {
        int pos = r.nextInt(size);
        byte[] buf = new byte[len];
        int n = blob.blob().readFully(pos, buf, 0, len);
        assertThat(n).isEqualTo(Math.min(len, size - pos));
        assertThat(Arrays.equals(buf, 0, n, data, pos, pos + n)).isTrue();
        requested.set(pos, pos + n);
      }
      assertThat(twice.isEmpty()).as("bytes reported twice: %s", twice).isTrue();
      assertThat(wrong.isEmpty()).as("bytes reported with another value: %s", wrong).isTrue();
      // the cache may read ahead, never less than asked
      BitSet missing = (BitSet) requested.clone();
      missing.andNot(reported);
      assertThat(missing.isEmpty()).isTrue();
      assertThat(blob.bytesRead()).isEqualTo(reported.cardinality()).isLessThanOrEqualTo(size);
    }
  }
}
