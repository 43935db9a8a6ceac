package dev.mlsec.bench.scan;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;

/**
 * Writes a PyTorch-layout zip (archive/data.pkl, archive/data/0, archive/version) whose tensor
 * storage is {@code storageBytes} long, as a sparse hole: multi-GB on the file system, almost
 * nothing on disk. Only the scanner's bytes-read counter matters here.
 */
public final class LargeTorchZip {
  private LargeTorchZip() {}

  /** data.pkl of torch.save({"weight": tensor}) for a float32 tensor over storage "0". */
  static byte[] dataPkl(long elements) {
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    w(o, 0x80, 2);
    ascii(o, "ccollections\nOrderedDict\nq\u0000)Rq\u0001");
    binunicode(o, "weight");
    ascii(o, "ctorch._utils\n_rebuild_tensor_v2\nq\u0002(");
    ascii(o, "(");
    binunicode(o, "storage");
    ascii(o, "ctorch\nFloatStorage\nq\u0003");
    binunicode(o, "0");
    binunicode(o, "cpu");
    w(o, 0x8a, 8); // LONG1 with 8 bytes
    for (int i = 0; i < 8; i++) o.write((int) (elements >>> (8 * i)) & 0xff);
    ascii(o, "tQ");
    w(o, 'K', 0);
    w(o, 0x8a, 8);
    for (int i = 0; i < 8; i++) o.write((int) (elements >>> (8 * i)) & 0xff);
    w(o, 0x85);
    w(o, 'K', 1, 0x85);
    w(o, 0x89);
    ascii(o, "ccollections\nOrderedDict\n)Rtq\u0004Rq\u0005s.");
    return o.toByteArray();
  }

  private static void w(ByteArrayOutputStream o, int... b) {
    for (int x : b) o.write(x);
  }

  private static void ascii(ByteArrayOutputStream o, String s) {
    o.writeBytes(s.getBytes(StandardCharsets.ISO_8859_1));
  }

  private static void binunicode(ByteArrayOutputStream o, String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    o.write('X');
    for (int i = 0; i < 4; i++) o.write((b.length >>> (8 * i)) & 0xff);
    o.writeBytes(b);
  }

  private record Entry(String name, long offset, long size, long crc) {}

  /** Writes the file; storageBytes must stay below 4 GiB - 1 (no zip64 needed). */
  public static void write(Path file, long storageBytes) throws IOException {
    if (storageBytes >= 0xffffffffL - (1 << 20))
      throw new IllegalArgumentException("storage must be below 4 GiB");
    List<Entry> entries = new ArrayList<>();
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
      f.setLength(0);
      byte[] pkl = dataPkl(storageBytes / 4);
      entries.add(local(f, "archive/data.pkl", pkl, pkl.length, crc(pkl)));
      entries.add(local(f, "archive/data/0", null, storageBytes, 0));
      byte[] version = "3\n".getBytes(StandardCharsets.US_ASCII);
      entries.add(local(f, "archive/version", version, version.length, crc(version)));
      long cd = f.getFilePointer();
      for (Entry e : entries) {
        byte[] n = e.name().getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream h = new ByteArrayOutputStream();
        le(h, 0x02014b50L, 4);
        le(h, 20, 2);
        le(h, 20, 2);
        le(h, 0, 2);
        le(h, 0, 2);
        le(h, 0, 4);
        le(h, e.crc(), 4);
        le(h, e.size(), 4);
        le(h, e.size(), 4);
        le(h, n.length, 2);
        le(h, 0, 2);
        le(h, 0, 2);
        le(h, 0, 2);
        le(h, 0, 2);
        le(h, 0, 4);
        le(h, e.offset(), 4);
        h.writeBytes(n);
        f.write(h.toByteArray());
      }
      long cdSize = f.getFilePointer() - cd;
      ByteArrayOutputStream end = new ByteArrayOutputStream();
      le(end, 0x06054b50L, 4);
      le(end, 0, 2);
      le(end, 0, 2);
      le(end, entries.size(), 2);
      le(end, entries.size(), 2);
      le(end, cdSize, 4);
      le(end, cd, 4);
      le(end, 0, 2);
      f.write(end.toByteArray());
    }
  }

  private static Entry local(RandomAccessFile f, String name, byte[] data, long size, long crc)
      throws IOException {
    long off = f.getFilePointer();
    byte[] n = name.getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream h = new ByteArrayOutputStream();
    le(h, 0x04034b50L, 4);
    le(h, 20, 2);
    le(h, 0, 2);
    le(h, 0, 2);
    le(h, 0, 4);
    le(h, crc, 4);
    le(h, size, 4);
    le(h, size, 4);
    le(h, n.length, 2);
    le(h, 0, 2);
    h.writeBytes(n);
    f.write(h.toByteArray());
    if (data != null) f.write(data);
    else f.seek(f.getFilePointer() + size); // a hole: sparse on disk
    return new Entry(name, off, size, crc);
  }

  private static long crc(byte[] b) {
    CRC32 c = new CRC32();
    c.update(b);
    return c.getValue();
  }

  private static void le(ByteArrayOutputStream o, long v, int n) {
    for (int i = 0; i < n; i++) o.write((int) (v >>> (8 * i)) & 0xff);
  }
}
