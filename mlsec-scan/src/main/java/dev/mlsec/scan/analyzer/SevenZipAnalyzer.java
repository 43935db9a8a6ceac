package dev.mlsec.scan.analyzer;

import dev.mlsec.scan.FileFormat;
import dev.mlsec.scan.ScanContext;
import dev.mlsec.scan.ScanRule;
import dev.mlsec.scan.io.Blob;
import dev.mlsec.scan.io.BlobChannel;
import dev.mlsec.scan.io.CountedStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.apache.commons.compress.PasswordRequiredException;
import org.apache.commons.compress.archivers.sevenz.SevenZArchiveEntry;
import org.apache.commons.compress.archivers.sevenz.SevenZFile;
import org.tukaani.xz.MemoryLimitException;

/**
 * 7z archives (commons-compress), as in the nullifAI samples: every entry is decompressed in
 * archive order and streamed into the dispatcher. The declared sizes are checked against the
 * decompressed-size budget before anything is decompressed, since the 7z reader itself decodes what
 * it skips.
 */
final class SevenZipAnalyzer implements FormatAnalyzer {
  private static final byte[] MAGIC = {'7', 'z', (byte) 0xbc, (byte) 0xaf, 0x27, 0x1c};

  @Override
  public FileFormat format() {
    return FileFormat.SEVEN_ZIP;
  }

  @Override
  public boolean sniff(byte[] head, Blob blob) {
    return FormatAnalyzer.startsWith(head, MAGIC);
  }

  @Override
  public FileFormat analyze(Dispatcher d, Blob b, String member, int depth) throws IOException {
    ScanContext ctx = d.ctx();
    ctx.format(FileFormat.SEVEN_ZIP);
    if (d.nestingReached(depth, member, "archive ")) return FileFormat.SEVEN_ZIP;
    SevenZFile z;
    try {
      z =
          SevenZFile.builder()
              .setSeekableByteChannel(new BlobChannel(b))
              .setMaxMemoryLimitKiB(Decompression.XZ_MEMORY_KIB)
              .setTryToRecoverBrokenArchives(false)
              .get();
    } catch (PasswordRequiredException e) {
      encrypted(ctx, member, "the archive's header is encrypted and cannot be analyzed");
      return FileFormat.SEVEN_ZIP;
    } catch (MemoryLimitException e) {
      ctx.limit(member, 0, "7z header needs more than the decoder memory limit");
      return FileFormat.SEVEN_ZIP;
    } catch (IOException | RuntimeException e) {
      // commons-compress reports some corrupt headers as unchecked exceptions
      ctx.unreadable(member, 0, "7z archive is corrupt: " + e.getMessage());
      return FileFormat.SEVEN_ZIP;
    }
    try (z) {
      entries(d, z, member, depth);
    }
    return FileFormat.SEVEN_ZIP;
  }

  private static void entries(Dispatcher d, SevenZFile z, String member, int depth)
      throws IOException {
    ScanContext ctx = d.ctx();
    long declared = 0;
    int count = 0;
    for (SevenZArchiveEntry e : z.getEntries()) {
      count++;
      if (e.hasStream()) declared += Math.max(0, e.getSize());
    }
    if (declared > ctx.limits().maxDecompressedBytes()) {
      ctx.limit(
          member,
          0,
          "7z entries declare "
              + declared
              + " bytes, more than the decompressed size limit of "
              + ctx.limits().maxDecompressedBytes());
      return;
    }
    if (count > ctx.limits().maxEntries())
      ctx.limit(member, -1, "entry limit of " + ctx.limits().maxEntries() + " reached");
    InputStream current = new EntryStream(z);
    for (int i = 0; i < Math.min(count, ctx.limits().maxEntries()); i++) {
      ctx.checkTime();
      SevenZArchiveEntry e;
      try {
        e = z.getNextEntry();
      } catch (PasswordRequiredException ex) {
        encrypted(ctx, member, "an entry is encrypted and cannot be analyzed");
        return;
      } catch (IOException | RuntimeException ex) {
        ctx.unreadable(member, -1, "7z entry cannot be read: " + ex.getMessage());
        return;
      }
      if (e == null) break;
      String name = e.getName() == null ? "" : e.getName();
      EntryNames.traversal(ctx, name, -1, member);
      if (e.isDirectory() || e.isAntiItem() || !e.hasStream()) continue;
      try {
        d.analyzeStream(
            new CountedStream(current, ctx::countDecompressed),
            Dispatcher.join(member, name),
            name,
            depth + 1);
      } catch (PasswordRequiredException ex) {
        encrypted(ctx, Dispatcher.join(member, name), "entry '" + name + "' is encrypted");
      } catch (IOException ex) {
        ctx.unreadable(Dispatcher.join(member, name), -1, "7z data is corrupt: " + ex.getMessage());
      }
    }
  }

  private static void encrypted(ScanContext ctx, String member, String message) {
    ctx.report(ScanRule.ZIP_FLAGS, -1, member, List.of(), message);
    ctx.markInconclusive();
  }

  /** The current entry's bytes, as the 7z reader hands them out. */
  private static final class EntryStream extends InputStream {
    private final SevenZFile z;

    EntryStream(SevenZFile z) {
      this.z = z;
    }

    @Override
    public int read() throws IOException {
      return z.read();
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      return z.read(b, off, len);
    }
  }
}
