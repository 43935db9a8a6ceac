package dev.mlsec.scan.adversarial;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.LZMAOutputStream;
import org.tukaani.xz.XZOutputStream;

/** Raw container bytes (zip, tar, compression, protobuf, GGUF) for the adversarial corpus. */
final class Containers {
  private Containers() {}

  /** One zip entry with every field under the test's control. */
  static final class Entry {
    String name;
    String localName;
    byte[] data;
    boolean deflate;
    int method = -1;
    int declaredMethod = -1;
    Long crcOverride;
    int flags;
    int localFlags = -1;

    Entry(String name, byte[] data) {
      this.name = name;
      this.localName = name;
      this.data = data;
    }

    Entry deflate() {
      deflate = true;
      return this;
    }

    /** Compresses with zip method 9 (deflate64: plain deflate without long matches), 12 or 14. */
    Entry method(int m) {
      method = m;
      return this;
    }

    /** Declares another method in both headers than the one the body was written with. */
    Entry rename(int m) {
      declaredMethod = m;
      return this;
    }

    int declared() {
      return declaredMethod >= 0 ? declaredMethod : methodId();
    }

    int methodId() {
      return method >= 0 ? method : deflate ? 8 : 0;
    }

    byte[] body() {
      return switch (methodId()) {
        case 8, 9 -> rawDeflate(data);
        case 12 -> bzip2(data);
        case 14 -> zipLzma(data);
        default -> data;
      };
    }

    Entry crc(long c) {
      crcOverride = c;
      return this;
    }

    Entry flags(int f) {
      flags = f;
      return this;
    }

    Entry localName(String n) {
      localName = n;
      return this;
    }
  }

  static Entry entry(String name, byte[] data) {
    return new Entry(name, data);
  }

  static byte[] zip(Entry... entries) {
    return zip(new byte[0], entries);
  }

  /** A zip whose first local header follows {@code prefix}; offsets are absolute. */
  static byte[] zip(byte[] prefix, Entry... entries) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(prefix, 0, prefix.length);
    List<long[]> meta = new ArrayList<>();
    List<byte[]> stored = new ArrayList<>();
    for (Entry e : entries) {
      byte[] body = e.body();
      CRC32 c = new CRC32();
      c.update(e.data);
      long crc = e.crcOverride != null ? e.crcOverride : c.getValue();
      long off = out.size();
      byte[] ln = e.localName.getBytes(StandardCharsets.UTF_8);
      le(out, 0x04034b50L, 4);
      le(out, 20, 2);
      le(out, e.localFlags >= 0 ? e.localFlags : e.flags, 2);
      le(out, e.declared(), 2);
      le(out, 0, 4);
      le(out, crc, 4);
      le(out, body.length, 4);
      le(out, e.data.length, 4);
      le(out, ln.length, 2);
      le(out, 0, 2);
      out.write(ln, 0, ln.length);
      out.write(body, 0, body.length);
      meta.add(new long[] {off, crc, body.length});
      stored.add(body);
    }
    long cd = out.size();
    for (int i = 0; i < entries.length; i++) {
      Entry e = entries[i];
      byte[] n = e.name.getBytes(StandardCharsets.UTF_8);
      le(out, 0x02014b50L, 4);
      le(out, 20, 2);
      le(out, 20, 2);
      le(out, e.flags, 2);
      le(out, e.declared(), 2);
      le(out, 0, 4);
      le(out, meta.get(i)[1], 4);
      le(out, meta.get(i)[2], 4);
      le(out, e.data.length, 4);
      le(out, n.length, 2);
      le(out, 0, 2);
      le(out, 0, 2);
      le(out, 0, 2);
      le(out, 0, 2);
      le(out, 0, 4);
      le(out, meta.get(i)[0], 4);
      out.write(n, 0, n.length);
    }
    long cdSize = out.size() - cd;
    le(out, 0x06054b50L, 4);
    le(out, 0, 2);
    le(out, 0, 2);
    le(out, entries.length, 2);
    le(out, entries.length, 2);
    le(out, cdSize, 4);
    le(out, cd, 4);
    le(out, 0, 2);
    return out.toByteArray();
  }

  /** Two central entries pointing at the same local data (overlap bomb). */
  static byte[] overlappingZip(byte[] data, int copies) {
    byte[] one = zip(entry("a.bin", data));
    // rebuild the directory with `copies` entries at offset 0
    int cdStart = 30 + 5 + data.length;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(one, 0, cdStart);
    byte[] cdEntry = java.util.Arrays.copyOfRange(one, cdStart, one.length - 22);
    for (int i = 0; i < copies; i++) out.write(cdEntry, 0, cdEntry.length);
    long cdSize = (long) cdEntry.length * copies;
    le(out, 0x06054b50L, 4);
    le(out, 0, 2);
    le(out, 0, 2);
    le(out, copies, 2);
    le(out, copies, 2);
    le(out, cdSize, 4);
    le(out, cdStart, 4);
    le(out, 0, 2);
    return out.toByteArray();
  }

  static byte[] rawDeflate(byte[] data) {
    Deflater d = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
    return compress(data, o -> new DeflaterOutputStream(o, d));
  }

  interface Wrap {
    OutputStream wrap(OutputStream o) throws IOException;
  }

  static byte[] compress(byte[] data, Wrap w) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      try (OutputStream o = w.wrap(out)) {
        o.write(data);
      }
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static byte[] gzip(byte[] d) {
    return compress(d, GZIPOutputStream::new);
  }

  static byte[] zlib(byte[] d) {
    return compress(d, DeflaterOutputStream::new);
  }

  static byte[] bzip2(byte[] d) {
    return compress(d, BZip2CompressorOutputStream::new);
  }

  static byte[] xz(byte[] d) {
    return compress(d, o -> new XZOutputStream(o, new LZMA2Options(3)));
  }

  static byte[] lzma(byte[] d) {
    return compress(d, o -> new LZMAOutputStream(o, new LZMA2Options(3), -1));
  }

  /** A ustar archive; type '0' files, '2' symlinks (data ignored, link name = data). */
  /** Zip method 14: version, properties size 5, props byte and dictionary, raw LZMA with marker. */
  static byte[] zipLzma(byte[] d) {
    LZMA2Options o;
    try {
      o = new LZMA2Options(3);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    byte props = (byte) ((o.getPb() * 5 + o.getLp()) * 9 + o.getLc());
    ByteArrayOutputStream h = new ByteArrayOutputStream();
    le(h, 0x1409, 2);
    le(h, 5, 2);
    h.write(props);
    le(h, o.getDictSize(), 4);
    return cat(h.toByteArray(), compress(d, out -> new LZMAOutputStream(out, o, true)));
  }

  static byte[] tar(Object... nameTypeData) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int i = 0; i < nameTypeData.length; i += 3) {
      String name = (String) nameTypeData[i];
      char type = (Character) nameTypeData[i + 1];
      byte[] data = (byte[]) nameTypeData[i + 2];
      byte[] h = new byte[512];
      put(h, 0, name);
      put(h, 100, "0000644");
      put(h, 108, "0000000");
      put(h, 116, "0000000");
      long size = type == '2' ? 0 : data.length;
      put(h, 124, String.format("%011o", size));
      put(h, 136, "00000000000");
      h[156] = (byte) type;
      if (type == '2') put(h, 157, new String(data, StandardCharsets.UTF_8));
      put(h, 257, "ustar");
      h[262] = 0;
      put(h, 263, "00");
      for (int k = 148; k < 156; k++) h[k] = ' ';
      long sum = 0;
      for (byte b : h) sum += b & 0xff;
      put(h, 148, String.format("%06o", sum));
      h[154] = 0;
      h[155] = ' ';
      out.write(h, 0, 512);
      if (type != '2') {
        out.write(data, 0, data.length);
        int pad = (512 - data.length % 512) % 512;
        out.write(new byte[pad], 0, pad);
      }
    }
    out.write(new byte[1024], 0, 1024);
    return out.toByteArray();
  }

  private static void put(byte[] h, int off, String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    System.arraycopy(b, 0, h, off, b.length);
  }

  static void le(ByteArrayOutputStream out, long v, int n) {
    for (int i = 0; i < n; i++) out.write((int) (v >>> (8 * i)) & 0xff);
  }

  // ---- protobuf ----

  static byte[] varint(long v) {
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    while ((v & ~0x7fL) != 0) {
      o.write((int) ((v & 0x7f) | 0x80));
      v >>>= 7;
    }
    o.write((int) v);
    return o.toByteArray();
  }

  static byte[] pbVarint(int field, long v) {
    return cat(varint((long) field << 3), varint(v));
  }

  static byte[] pbBytes(int field, byte[] payload) {
    return cat(varint((long) field << 3 | 2), varint(payload.length), payload);
  }

  static byte[] pbString(int field, String s) {
    return pbBytes(field, s.getBytes(StandardCharsets.UTF_8));
  }

  static byte[] cat(byte[]... parts) {
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    for (byte[] p : parts) o.write(p, 0, p.length);
    return o.toByteArray();
  }

  /** An ONNX model whose one initializer keeps its data at {@code location}. */
  static byte[] onnxExternal(String location) {
    byte[] kv = cat(pbString(1, "location"), pbString(2, location));
    byte[] tensor =
        cat(pbVarint(1, 4), pbVarint(2, 1), pbString(8, "W"), pbBytes(13, kv), pbVarint(14, 1));
    byte[] node = cat(pbString(1, "X"), pbString(1, "W"), pbString(2, "Y"), pbString(4, "MatMul"));
    byte[] graph = cat(pbBytes(1, node), pbString(2, "g"), pbBytes(5, tensor));
    byte[] opset = cat(pbString(1, ""), pbVarint(2, 13));
    return cat(pbVarint(1, 8), pbString(2, "adversarial"), pbBytes(7, graph), pbBytes(8, opset));
  }

  /**
   * An ONNX model with a plain inference graph whose TrainingInfoProto (field 20) keeps one
   * initializer's data at {@code location}, in its initialization (1) or algorithm (2) graph.
   */
  static byte[] onnxTrainingExternal(String location, int trainingGraph) {
    byte[] kv = cat(pbString(1, "location"), pbString(2, location));
    byte[] tensor =
        cat(pbVarint(1, 4), pbVarint(2, 1), pbString(8, "W"), pbBytes(13, kv), pbVarint(14, 1));
    byte[] node = cat(pbString(1, "X"), pbString(2, "Y"), pbString(4, "Identity"));
    byte[] graph = cat(pbBytes(1, node), pbString(2, "g"));
    byte[] training = pbBytes(trainingGraph, cat(pbString(2, "t"), pbBytes(5, tensor)));
    byte[] opset = cat(pbString(1, ""), pbVarint(2, 13));
    return cat(pbVarint(1, 8), pbBytes(7, graph), pbBytes(8, opset), pbBytes(20, training));
  }

  /** A SavedModel with one graph node running {@code op}. */
  static byte[] savedModel(String op) {
    byte[] node = cat(pbString(1, "n1"), pbString(2, op));
    byte[] graphDef = pbBytes(1, node);
    byte[] meta = cat(pbBytes(1, pbString(1, "serve")), pbBytes(2, graphDef));
    return cat(pbVarint(1, 1), pbBytes(2, meta));
  }

  // ---- GGUF ----

  static final class Gguf {
    final ByteArrayOutputStream out = new ByteArrayOutputStream();

    Gguf(long tensors, long kvs) {
      out.write('G');
      out.write('G');
      out.write('U');
      out.write('F');
      le(out, 3, 4);
      le(out, tensors, 8);
      le(out, kvs, 8);
    }

    Gguf str(String s) {
      byte[] b = s.getBytes(StandardCharsets.UTF_8);
      le(out, b.length, 8);
      out.write(b, 0, b.length);
      return this;
    }

    Gguf kvString(String k, String v) {
      str(k);
      le(out, 8, 4);
      return str(v);
    }

    Gguf kvU32(String k, long v) {
      str(k);
      le(out, 4, 4);
      le(out, v, 4);
      return this;
    }

    Gguf raw(Function<ByteArrayOutputStream, Void> f) {
      f.apply(out);
      return this;
    }

    byte[] bytes() {
      return out.toByteArray();
    }
  }
}
