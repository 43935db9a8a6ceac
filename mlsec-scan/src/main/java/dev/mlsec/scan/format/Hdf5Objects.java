package dev.mlsec.scan.format;

import dev.mlsec.scan.ScanContext;
import dev.mlsec.scan.io.Blob;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The object headers of an HDF5 file, read only as far as the scanner needs them: which datasets
 * are chunked, what type their elements have, which filters their chunks went through (the filter
 * pipeline message, type 0x000B, versions 1 and 2) and where the chunks are. Groups are walked from
 * the superblock's root through symbol tables (B-tree and SNOD nodes) and link messages; object
 * headers of versions 1 and 2 with their continuation blocks. Nothing is decoded here.
 */
public final class Hdf5Objects {
  /** Object headers visited per file, and chunk addresses listed per file. */
  public static final int MAX_OBJECTS = 100_000;

  public static final int MAX_CHUNKS = 1_000_000;

  // one object header block, B-tree node or symbol node read at once
  private static final int MAX_BLOCK = 1 << 20;
  // B-tree levels followed
  private static final int MAX_LEVELS = 32;

  /**
   * The shortest pickle that calls something: GLOBAL of a one-letter module and name, EMPTY_TUPLE,
   * REDUCE ({@code ca\nb\n)R}, 7 bytes; REDUCE runs before STOP is read). A string element shorter
   * than this holds no pickle that does anything.
   */
  public static final int MIN_CALL_PICKLE = 7;

  /** The structure cannot be read: a declared offset or length leaves the file or its block. */
  public static final class Malformed extends Exception {
    private static final long serialVersionUID = 1L;
    private final boolean superblock;

    Malformed(String message) {
      this(message, false);
    }

    Malformed(String message, boolean superblock) {
      super(message, null, false, false);
      this.superblock = superblock;
    }

    /**
     * Whether the superblock itself is not one: the HDF5 library cannot open the file either, so no
     * loader reads a dataset of it.
     */
    public boolean noSuperblock() {
      return superblock;
    }
  }

  /** One filter of a pipeline: its id, name (if stored), flags and client data. */
  public static final class Filter {
    private final int id;
    private final String name;
    private final int[] values;

    Filter(int id, String name, int[] values) {
      this.id = id;
      this.name = name;
      this.values = values;
    }

    public int id() {
      return id;
    }

    /** The client data value at {@code i}, or -1 when the filter stored fewer. */
    public int value(int i) {
      return i < values.length ? values[i] : -1;
    }

    /** The registered name of a well-known id, else the name the file stores, else "". */
    public String label() {
      String known = FILTER_NAMES.get(id);
      return known != null ? known : name;
    }
  }

  private static final java.util.Map<Integer, String> FILTER_NAMES =
      java.util.Map.ofEntries(
          java.util.Map.entry(1, "deflate"),
          java.util.Map.entry(2, "shuffle"),
          java.util.Map.entry(3, "fletcher32"),
          java.util.Map.entry(4, "szip"),
          java.util.Map.entry(5, "nbit"),
          java.util.Map.entry(6, "scaleoffset"),
          java.util.Map.entry(305, "lzo"),
          java.util.Map.entry(307, "bzip2"),
          java.util.Map.entry(32000, "lzf"),
          java.util.Map.entry(32001, "blosc"),
          java.util.Map.entry(32004, "lz4"),
          java.util.Map.entry(32008, "bitshuffle"),
          java.util.Map.entry(32015, "zstd"),
          java.util.Map.entry(32026, "blosc2"));

  /**
   * Where one chunk is (a file offset), its stored size and which filters were skipped for it (bit
   * i: the i-th).
   */
  public record Chunk(long address, long size, int mask) {
    public boolean skips(int filterIndex) {
      return filterIndex < 32 && (mask & (1 << filterIndex)) != 0;
    }
  }

  /**
   * A chunked dataset with a filter pipeline: the file offset of its object header, its element
   * type for messages ("int8", "opaque[140]", "string[64]", "float32"), whether its chunks could
   * hold a pickle a loader unpickles (1-byte integers: the array is a byte buffer; opaque elements;
   * strings of {@value #MIN_CALL_PICKLE} bytes or more; compounds, arrays and enums with such a
   * member; not variable-length data, whose chunks hold global heap ids while the heap is never
   * filtered, nor numbers or references), the element size, the filters, the chunks, and why the
   * chunks could not be listed (an index kind not read), or null.
   */
  public record Dataset(
      long header,
      String type,
      boolean holdsPickle,
      int elementSize,
      List<Filter> filters,
      List<Chunk> chunks,
      String unlisted) {}

  private final ScanContext ctx;
  private final Blob b;
  private final long base;
  private int so;
  private int sl;
  private final Set<Long> seen = new HashSet<>();
  // B-tree nodes read: a node two parents name is read once (a crafted tree is not a DAG bomb)
  private final Set<Long> nodes = new HashSet<>();
  private final Deque<Long> queue = new ArrayDeque<>();
  private final List<Dataset> datasets = new ArrayList<>();
  private int chunkCount;

  private Hdf5Objects(ScanContext ctx, Blob b, long base) {
    this.ctx = ctx;
    this.b = b;
    this.base = base;
  }

  /**
   * The result of a walk: the filtered chunked datasets; whether more than {@value #MAX_CHUNKS}
   * chunks or {@value #MAX_OBJECTS} objects left the rest unread.
   */
  public record Walk(List<Dataset> datasets, boolean limitReached) {}

  /**
   * Walks the file whose superblock is at {@code superblock} (also its base address) from the root
   * group.
   */
  public static Walk read(ScanContext ctx, Blob b, long superblock) throws IOException, Malformed {
    Hdf5Objects r = new Hdf5Objects(ctx, b, superblock);
    long root = r.superblock(superblock);
    r.queue.add(root);
    boolean limit = false;
    while (!r.queue.isEmpty()) {
      ctx.checkTime();
      long addr = r.queue.poll();
      if (!r.seen.add(addr)) continue;
      if (r.seen.size() > MAX_OBJECTS || r.chunkCount > MAX_CHUNKS) {
        limit = true;
        break;
      }
      r.object(addr);
    }
    return new Walk(List.copyOf(r.datasets), limit || r.chunkCount > MAX_CHUNKS);
  }

  /** Reads the superblock (versions 0-3): sizes of offsets and lengths, the root's header. */
  private long superblock(long at) throws IOException, Malformed {
    try {
      return superblockFields(at);
    } catch (Malformed e) {
      throw new Malformed(e.getMessage(), true);
    }
  }

  private long superblockFields(long at) throws IOException, Malformed {
    Cursor c = new Cursor(b.bytes(at, 128), 0, "superblock");
    c.skip(8);
    int version = c.u8();
    if (version == 0 || version == 1) {
      c.skip(4);
      so = c.u8();
      sl = c.u8();
      checkSizes();
      c.skip(1 + 2 + 2 + 4 + (version == 1 ? 4 : 0));
      c.skip(4L * so); // base, free space, end of file, driver block
      c.offset(); // the root entry's link name offset
      return c.offset();
    }
    if (version == 2 || version == 3) {
      so = c.u8();
      sl = c.u8();
      checkSizes();
      c.skip(1 + 3L * so); // flags, base, extension, end of file
      return c.offset();
    }
    throw new Malformed("superblock version " + version);
  }

  private void checkSizes() throws Malformed {
    if (so != 2 && so != 4 && so != 8 || sl != 2 && sl != 4 && sl != 8)
      throw new Malformed("superblock declares offsets of " + so + " and lengths of " + sl);
  }

  /** What one object header says, gathered across its continuation blocks. */
  private static final class Messages {
    String type = "unknown";
    boolean holds = true; // an unread (shared) datatype could be anything
    int elementSize = 1;
    List<Filter> filters;
    boolean pipelineUnread;
    int layoutVersion = -1;
    int indexType;
    long index = -1;
    long[] chunkDims;
    long singleSize = -1;
    int singleMask;
  }

  private void object(long addr) throws IOException, Malformed {
    if (addr < 0) return;
    byte[] head = b.bytes(base + addr, 16);
    Messages m = new Messages();
    Deque<long[]> blocks = new ArrayDeque<>();
    boolean v2;
    if (head.length >= 4 && head[0] == 'O' && head[1] == 'H' && head[2] == 'D' && head[3] == 'R') {
      v2 = true;
      Cursor c = new Cursor(b.bytes(base + addr, 40), 0, "object header");
      c.skip(4);
      if (c.u8() != 2) throw new Malformed("object header version at " + (base + addr));
      int flags = c.u8();
      if ((flags & 0x20) != 0) c.skip(16);
      if ((flags & 0x10) != 0) c.skip(4);
      long size = c.uint(1 << (flags & 3));
      long start = addr + c.pos;
      messages(start, size, true, (flags & 0x04) != 0, m, blocks);
      while (!blocks.isEmpty()) {
        long[] blk = blocks.poll();
        byte[] sig = b.bytes(base + blk[0], 4);
        if (sig.length < 4 || sig[0] != 'O' || sig[1] != 'C' || sig[2] != 'H' || sig[3] != 'K')
          throw new Malformed("continuation block without OCHK at " + (base + blk[0]));
        messages(blk[0] + 4, blk[1] - 8, true, (flags & 0x04) != 0, m, blocks);
      }
    } else {
      v2 = false;
      if (head.length < 16 || head[0] != 1)
        throw new Malformed("object header version at " + (base + addr));
      long size = (head[8] & 0xffL) | (head[9] & 0xffL) << 8 | (head[10] & 0xffL) << 16;
      size |= (head[11] & 0xffL) << 24;
      messages(addr + 16, size, false, false, m, blocks);
      while (!blocks.isEmpty()) {
        long[] blk = blocks.poll();
        messages(blk[0], blk[1], false, false, m, blocks);
      }
    }
    if (m.chunkDims == null || m.filters == null && !m.pipelineUnread) return;
    dataset(addr, m, v2);
  }

  private void messages(
      long at, long size, boolean v2, boolean order, Messages m, Deque<long[]> blocks)
      throws IOException, Malformed {
    if (size < 0 || size > MAX_BLOCK) throw new Malformed("object header block of " + size);
    Cursor c = new Cursor(b.bytes(base + at, (int) size), 0, "object header");
    if (c.end < size) throw new Malformed("object header block past the end of the file");
    int headerLen = v2 ? 4 + (order ? 2 : 0) : 8;
    while (c.end - c.pos >= headerLen) {
      int type = v2 ? c.u8() : c.u16();
      int len = c.u16();
      int flags = c.u8();
      if (v2) c.skip(order ? 2 : 0);
      else c.skip(3);
      if (len > c.end - c.pos) throw new Malformed("header message runs past its block");
      Cursor d = new Cursor(c.m, c.pos, c.pos + len, "header message " + type);
      c.skip(len);
      boolean shared = (flags & 0x02) != 0;
      switch (type) {
        case 0x0003 -> {
          if (!shared) {
            m.elementSize = (int) Math.min(Integer.MAX_VALUE, d.peekSize());
            String[] t = new String[1];
            m.holds = datatype(d, t, 0);
            m.type = t[0];
          }
        }
        case 0x0008 -> layout(d, m);
        case 0x000B -> {
          if (shared) m.pipelineUnread = true;
          else m.filters = pipeline(d);
        }
        case 0x0010 -> blocks.add(new long[] {d.offset(), d.length()});
        case 0x0011 -> groupTree(d.offset(), 0); // then the local heap: names are not needed
        case 0x0006 -> link(d);
        case 0x0002 -> {
          d.u8();
          int f = d.u8();
          if ((f & 1) != 0) d.skip(8);
          long heap = d.offset();
          if (heap >= 0) fractalHeapLinks(heap);
        }
        default -> {}
      }
    }
  }

  /** Filter pipeline message, versions 1 and 2. */
  private static List<Filter> pipeline(Cursor d) throws Malformed {
    int version = d.u8();
    int n = d.u8();
    if (version != 1 && version != 2) throw new Malformed("filter pipeline version " + version);
    if (version == 1) d.skip(6);
    List<Filter> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int id = d.u16();
      int nameLen = version == 1 || id >= 256 ? d.u16() : 0;
      d.u16(); // flags (optional or mandatory: a skipped optional filter is in the chunk's mask)
      int nValues = d.u16();
      String name = "";
      if (nameLen > 0) {
        byte[] raw = d.bytes(nameLen);
        int z = 0;
        while (z < raw.length && raw[z] != 0) z++;
        name = new String(raw, 0, z, StandardCharsets.US_ASCII);
      }
      if (nValues > 4096) throw new Malformed("filter with " + nValues + " client values");
      int[] values = new int[nValues];
      for (int k = 0; k < nValues; k++) values[k] = (int) d.uint(4);
      if (version == 1 && nValues % 2 == 1) d.skip(4);
      out.add(new Filter(id, name, values));
    }
    return List.copyOf(out);
  }

  /**
   * Reads a datatype message, returns whether its elements could hold a pickle (see {@link
   * Dataset#holdsPickle}) and names it in {@code name[0]}.
   */
  private static boolean datatype(Cursor d, String[] name, int depth) throws Malformed {
    if (depth > 16) throw new Malformed("datatype nested too deep");
    int first = d.u8();
    int cls = first & 0x0f;
    int version = first >> 4;
    int bits = d.u8() | d.u8() << 8 | d.u8() << 16;
    long size = d.uint(4);
    switch (cls) {
      case 0, 4 -> {
        d.skip(4);
        name[0] = (cls == 0 ? "int" : "bitfield") + size * 8;
        return size == 1;
      }
      case 1 -> {
        d.skip(12);
        name[0] = "float" + size * 8;
        return false;
      }
      case 2 -> {
        d.skip(2);
        name[0] = "time";
        return false;
      }
      case 3 -> {
        name[0] = "string[" + size + "]";
        return size >= MIN_CALL_PICKLE;
      }
      case 5 -> {
        d.skip(bits & 0xff);
        name[0] = "opaque[" + size + "]";
        return true;
      }
      case 6 -> {
        int n = bits & 0xffff;
        boolean holds = false;
        StringBuilder sb = new StringBuilder("compound{");
        for (int i = 0; i < n; i++) {
          memberName(d, version);
          if (version == 3) d.skip(offsetBytes(size));
          else d.skip(4);
          if (version == 1) d.skip(28);
          String[] member = new String[1];
          holds |= datatype(d, member, depth + 1);
          if (i > 0) sb.append(',');
          sb.append(member[0]);
        }
        name[0] = sb.append('}').toString();
        return holds;
      }
      case 7 -> {
        name[0] = "reference";
        return false;
      }
      case 8 -> {
        String[] baseName = new String[1];
        boolean holds = datatype(d, baseName, depth + 1);
        int n = bits & 0xffff;
        for (int i = 0; i < n; i++) memberName(d, version);
        d.skip(n * size);
        name[0] = "enum(" + baseName[0] + ")";
        return holds;
      }
      case 9 -> {
        String[] baseName = new String[1];
        datatype(d, baseName, depth + 1);
        name[0] = "vlen(" + baseName[0] + ")";
        return false; // the elements are in the global heap, which is scanned as it is
      }
      case 10 -> {
        int dims = d.u8();
        if (version < 3) d.skip(3);
        d.skip(4L * dims);
        if (version < 3) d.skip(4L * dims);
        String[] baseName = new String[1];
        boolean holds = datatype(d, baseName, depth + 1);
        name[0] = "array(" + baseName[0] + ")";
        return holds;
      }
      default -> throw new Malformed("datatype class " + cls);
    }
  }

  private static void memberName(Cursor d, int version) throws Malformed {
    int start = d.pos;
    while (d.u8() != 0) {
      // the name, NUL-terminated
    }
    if (version < 3) d.skip((8 - (d.pos - start) % 8) % 8);
  }

  private static int offsetBytes(long size) {
    int n = 1;
    while (n < 8 && size >>> (8 * n) != 0) n++;
    return n;
  }

  /** Data layout message: for chunked data, the chunk index and the chunk's dimensions. */
  private void layout(Cursor d, Messages m) throws Malformed {
    int version = d.u8();
    m.layoutVersion = version;
    if (version == 1 || version == 2) {
      int dims = d.u8();
      int cls = d.u8();
      d.skip(5);
      if (cls != 2) return;
      m.index = d.offset();
      m.chunkDims = new long[dims];
      for (int i = 0; i < dims; i++) m.chunkDims[i] = d.uint(4);
    } else if (version == 3) {
      if (d.u8() != 2) return;
      int dims = d.u8();
      m.index = d.offset();
      m.chunkDims = new long[dims];
      for (int i = 0; i < dims; i++) m.chunkDims[i] = d.uint(4);
    } else if (version == 4) {
      if (d.u8() != 2) return;
      int flags = d.u8();
      int dims = d.u8();
      int enc = d.u8();
      if (enc < 1 || enc > 8) throw new Malformed("layout dimension size of " + enc + " bytes");
      m.chunkDims = new long[dims];
      for (int i = 0; i < dims; i++) m.chunkDims[i] = d.uint(enc);
      m.indexType = d.u8();
      switch (m.indexType) {
        case 1 -> {
          if ((flags & 2) != 0) {
            m.singleSize = d.length();
            m.singleMask = (int) d.uint(4);
          }
        }
        case 2 -> {}
        case 3 -> d.skip(1);
        case 4 -> d.skip(5);
        case 5 -> d.skip(6);
        default -> throw new Malformed("chunk index type " + m.indexType);
      }
      m.index = d.offset();
    } else throw new Malformed("layout version " + version);
  }

  private void dataset(long addr, Messages m, boolean v2) throws IOException, Malformed {
    List<Chunk> chunks = new ArrayList<>();
    String unlisted = null;
    long chunkBytes = 1;
    for (long x : m.chunkDims)
      chunkBytes = x > 0 && chunkBytes <= Long.MAX_VALUE / x ? chunkBytes * x : -1;
    if (m.index < 0) {
      // no chunk written yet: nothing to read
    } else if (m.layoutVersion < 4) chunkTree(m.index, m.chunkDims.length, chunks, 0, -1);
    else if (m.indexType == 1)
      chunks.add(
          new Chunk(base + m.index, m.singleSize >= 0 ? m.singleSize : chunkBytes, m.singleMask));
    else if (m.indexType == 3 && fixedArray(m.index, chunkBytes, chunks)) {
      // listed
    } else if (m.indexType != 2)
      unlisted =
          switch (m.indexType) {
            case 3 -> "a paged fixed array chunk index";
            case 4 -> "an extensible array chunk index";
            default -> "a version 2 B-tree chunk index";
          };
    chunkCount += chunks.size();
    List<Filter> filters = m.filters == null ? List.of() : m.filters;
    if (m.pipelineUnread) unlisted = "a shared filter pipeline message";
    datasets.add(
        new Dataset(
            base + addr, m.type, m.holds, m.elementSize, filters, List.copyOf(chunks), unlisted));
  }

  /**
   * A fixed array chunk index (layout 4, index type 3: h5py's libver='latest' for fixed-size
   * dimensions): its header (FAHD) and unpaged data block (FADB), one entry per chunk: the address,
   * and for filtered chunks their stored size and filter mask. False when the data block is paged
   * (more than 2^page-bits entries), which is not read.
   */
  private boolean fixedArray(long header, long chunkBytes, List<Chunk> out)
      throws IOException, Malformed {
    Cursor h = new Cursor(b.bytes(base + header, 12 + sl + so), 0, "fixed array header");
    if (h.u8() != 'F' || h.u8() != 'A' || h.u8() != 'H' || h.u8() != 'D')
      throw new Malformed("no fixed array header at " + (base + header));
    h.skip(1);
    int client = h.u8();
    int entry = h.u8();
    int pageBits = h.u8();
    long count = h.length();
    long data = h.offset();
    if (data < 0 || count == 0) return true;
    if (pageBits < 63 && count > 1L << pageBits) return false;
    int sizeBytes = client == 1 ? entry - so - 4 : 0;
    if (client > 1 || entry < so || sizeBytes < 0 || sizeBytes > 8)
      throw new Malformed("fixed array entries of " + entry + " bytes");
    if (count > MAX_CHUNKS || count * entry > MAX_BLOCK)
      throw new Malformed("fixed array of " + count + " chunks");
    Cursor d = new Cursor(b.bytes(base + data, (int) (6 + so + count * entry)), 0, "fixed array");
    if (d.u8() != 'F' || d.u8() != 'A' || d.u8() != 'D' || d.u8() != 'B')
      throw new Malformed("no fixed array data block at " + (base + data));
    d.skip(2 + so); // version, client, header address
    for (long i = 0; i < count; i++) {
      long addr = d.offset();
      long size = client == 1 ? d.uint(sizeBytes) : chunkBytes;
      int mask = client == 1 ? (int) d.uint(4) : 0;
      if (addr >= 0) out.add(new Chunk(base + addr, size, mask));
    }
    return true;
  }

  /** A version 1 B-tree of chunks (node type 1): every leaf entry is a chunk. */
  private void chunkTree(long node, int dims, List<Chunk> out, int depth, int expectLevel)
      throws IOException, Malformed {
    if (depth > MAX_LEVELS) throw new Malformed("chunk B-tree deeper than " + MAX_LEVELS);
    if (!nodes.add(node)) return;
    ctx.checkTime();
    int keyLen = 8 + 8 * dims;
    Cursor c = new Cursor(b.bytes(base + node, 8 + 2 * so), 0, "chunk B-tree");
    if (c.u8() != 'T' || c.u8() != 'R' || c.u8() != 'E' || c.u8() != 'E' || c.u8() != 1)
      throw new Malformed("no chunk B-tree node at " + (base + node));
    int level = c.u8();
    int entries = c.u16();
    if (expectLevel >= 0 && level != expectLevel)
      throw new Malformed("chunk B-tree levels disagree");
    long len = 8 + 2L * so + (long) entries * (keyLen + so) + keyLen;
    if (len > MAX_BLOCK) throw new Malformed("chunk B-tree node of " + len + " bytes");
    Cursor e = new Cursor(b.bytes(base + node, (int) len), 8 + 2 * so, "chunk B-tree");
    if (e.end < len) throw new Malformed("chunk B-tree node past the end of the file");
    for (int i = 0; i < entries; i++) {
      long size = e.uint(4);
      int mask = (int) e.uint(4);
      e.skip(8L * dims);
      long child = e.offset();
      if (level == 0) {
        out.add(new Chunk(base + child, size, mask));
        if (out.size() + chunkCount > MAX_CHUNKS) return;
      } else chunkTree(child, dims, out, depth + 1, level - 1);
    }
  }

  /** A version 1 B-tree of a group's symbol nodes (node type 0), and the objects they name. */
  private void groupTree(long node, int depth) throws IOException, Malformed {
    if (depth > MAX_LEVELS) throw new Malformed("group B-tree deeper than " + MAX_LEVELS);
    if (node < 0 || !nodes.add(node)) return;
    ctx.checkTime();
    Cursor c = new Cursor(b.bytes(base + node, 8 + 2 * so), 0, "group B-tree");
    if (c.u8() != 'T' || c.u8() != 'R' || c.u8() != 'E' || c.u8() != 'E' || c.u8() != 0)
      throw new Malformed("no group B-tree node at " + (base + node));
    int level = c.u8();
    int entries = c.u16();
    long len = 8 + 2L * so + (long) entries * (sl + so) + sl;
    if (len > MAX_BLOCK) throw new Malformed("group B-tree node of " + len + " bytes");
    Cursor e = new Cursor(b.bytes(base + node, (int) len), 8 + 2 * so, "group B-tree");
    for (int i = 0; i < entries; i++) {
      e.skip(sl);
      long child = e.offset();
      if (level > 0) groupTree(child, depth + 1);
      else symbols(child);
    }
  }

  private void symbols(long node) throws IOException, Malformed {
    Cursor c = new Cursor(b.bytes(base + node, 8), 0, "symbol node");
    if (c.u8() != 'S' || c.u8() != 'N' || c.u8() != 'O' || c.u8() != 'D')
      throw new Malformed("no symbol node at " + (base + node));
    c.skip(2);
    int n = c.u16();
    int entry = 2 * so + 24;
    Cursor e = new Cursor(b.bytes(base + node + 8, n * entry), 0, "symbol node");
    for (int i = 0; i < n; i++) {
      e.offset();
      long header = e.offset();
      e.skip(24);
      if (header >= 0) queue.add(header);
    }
  }

  /**
   * A group's links in a fractal heap (dense storage: more than 8 links with h5py's libver='latest'
   * or track_order=True): the heap header, then its root direct block or the direct blocks its root
   * indirect block lists; each direct block's managed objects are link messages, back to back from
   * its start (a deleted link's hole ends the block's list).
   */
  private void fractalHeapLinks(long heap) throws IOException, Malformed {
    if (!nodes.add(heap)) return;
    Cursor h = new Cursor(b.bytes(base + heap, 64 + 12 * sl + 4 * so), 0, "fractal heap");
    if (h.u8() != 'F' || h.u8() != 'R' || h.u8() != 'H' || h.u8() != 'P')
      throw new Malformed("no fractal heap at " + (base + heap));
    h.skip(1 + 2); // version, heap id length
    int filters = h.u16();
    int flags = h.u8();
    h.skip(4 + sl); // largest managed object, next huge object id
    h.offset(); // huge objects' B-tree
    h.skip(sl); // free space
    h.offset(); // free-space manager
    h.skip(8L * sl); // managed, allocated, iterator, managed count, huge and tiny sizes and counts
    int width = h.u16();
    long start = h.length();
    long maxDirect = h.length();
    int offsetBytes = (h.u16() + 7) / 8;
    h.u16(); // starting rows of the root indirect block
    long root = h.offset();
    int rows = h.u16();
    if (filters != 0) throw new Malformed("a filtered fractal heap of links");
    if (start <= 0
        || maxDirect < start
        || Long.bitCount(start) != 1
        || Long.bitCount(maxDirect) != 1)
      throw new Malformed("fractal heap block sizes " + start + ", " + maxDirect);
    boolean checksums = (flags & 2) != 0;
    if (root < 0) return;
    if (rows == 0) {
      directBlock(root, start, offsetBytes, checksums);
      return;
    }
    int directRows = Long.numberOfTrailingZeros(maxDirect) - Long.numberOfTrailingZeros(start) + 2;
    if (rows > directRows || (long) rows * width > 1 << 16)
      throw new Malformed("fractal heap of links with indirect child blocks");
    Cursor ib =
        new Cursor(b.bytes(base + root, 5 + so + offsetBytes + rows * width * so), 0, "heap block");
    if (ib.u8() != 'F' || ib.u8() != 'H' || ib.u8() != 'I' || ib.u8() != 'B')
      throw new Malformed("no fractal heap indirect block at " + (base + root));
    ib.skip(1);
    ib.offset();
    ib.skip(offsetBytes);
    for (int r = 0; r < rows; r++) {
      long size = r <= 1 ? start : start << (r - 1);
      for (int k = 0; k < width; k++) {
        long child = ib.offset();
        if (child >= 0) directBlock(child, size, offsetBytes, checksums);
      }
    }
  }

  private void directBlock(long addr, long size, int offsetBytes, boolean checksums)
      throws IOException, Malformed {
    if (!nodes.add(addr)) return;
    if (size > MAX_BLOCK) throw new Malformed("fractal heap block of " + size + " bytes");
    ctx.checkTime();
    Cursor c = new Cursor(b.bytes(base + addr, (int) size), 0, "heap block");
    if (c.u8() != 'F' || c.u8() != 'H' || c.u8() != 'D' || c.u8() != 'B')
      throw new Malformed("no fractal heap direct block at " + (base + addr));
    c.skip(1);
    c.offset();
    c.skip(offsetBytes + (checksums ? 4 : 0));
    while (c.end - c.pos > 2 && c.m[c.pos] == 1) link(c);
  }

  /** Link message: a hard link names an object header. */
  private void link(Cursor d) throws Malformed {
    if (d.u8() != 1) throw new Malformed("link message version");
    int flags = d.u8();
    int type = (flags & 0x08) != 0 ? d.u8() : 0;
    if ((flags & 0x04) != 0) d.skip(8);
    if ((flags & 0x10) != 0) d.skip(1);
    long nameLen = d.uint(1 << (flags & 3));
    d.skip(nameLen);
    if (type == 0) {
      long header = d.offset();
      if (header >= 0) queue.add(header);
    }
  }

  /** Little-endian reads inside one block; any read past it is {@link Malformed}. */
  private final class Cursor {
    final byte[] m;
    int pos;
    final int end;
    final String what;

    Cursor(byte[] m, int pos, String what) {
      this(m, pos, m.length, what);
    }

    Cursor(byte[] m, int pos, int end, String what) {
      this.m = m;
      this.pos = pos;
      this.end = end;
      this.what = what;
    }

    void need(long n) throws Malformed {
      if (n < 0 || n > end - pos) throw new Malformed(what + " is cut short");
    }

    void skip(long n) throws Malformed {
      need(n);
      pos += (int) n;
    }

    int u8() throws Malformed {
      need(1);
      return m[pos++] & 0xff;
    }

    int u16() throws Malformed {
      return (int) uint(2);
    }

    long uint(int n) throws Malformed {
      need(n);
      long v = 0;
      for (int i = n - 1; i >= 0; i--) v = v << 8 | (m[pos + i] & 0xff);
      pos += n;
      return v;
    }

    byte[] bytes(int n) throws Malformed {
      need(n);
      byte[] out = java.util.Arrays.copyOfRange(m, pos, pos + n);
      pos += n;
      return out;
    }

    /** A file offset; -1 for the undefined address (all bits set). */
    long offset() throws Malformed {
      need(so);
      boolean undefined = true;
      for (int i = 0; i < so; i++) undefined &= m[pos + i] == (byte) 0xff;
      long v = uint(so);
      if (undefined) return -1;
      if (v < 0 || v > b.size()) throw new Malformed(what + " points past the end of the file");
      return v;
    }

    long length() throws Malformed {
      long v = uint(sl);
      if (v < 0) throw new Malformed(what + " declares a negative length");
      return v;
    }

    /** The size field of the datatype starting here, without moving. */
    long peekSize() throws Malformed {
      need(8);
      return (m[pos + 4] & 0xffL)
          | (m[pos + 5] & 0xffL) << 8
          | (m[pos + 6] & 0xffL) << 16
          | (m[pos + 7] & 0xffL) << 24;
    }
  }
}
