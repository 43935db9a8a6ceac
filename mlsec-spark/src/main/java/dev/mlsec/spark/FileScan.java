package dev.mlsec.spark;

import dev.mlsec.scan.FileReport;
import dev.mlsec.scan.ScanFinding;
import dev.mlsec.scan.Scanner;
import dev.mlsec.scan.Verdict;
import dev.mlsec.scan.io.ChannelInput;
import dev.mlsec.scan.io.PositionedBlob;
import dev.mlsec.scan.io.PositionedInput;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.util.functional.FutureIO;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * Scans the files of one partition with one {@link Scanner}, lazily (one file in memory at a time),
 * reading each through positioned reads of its Hadoop {@code FileSystem} (of a {@link FileChannel}
 * for the stock local file system). Every failure is a row with its error, never a failed task: a
 * task fails only when its JVM does, and then Spark scans the whole partition again, so its rows
 * are written once.
 */
final class FileScan implements FlatMapFunction<Iterator<FileKey>, Row> {
  private static final long serialVersionUID = 1L;
  // Hadoop's standard openFile() options: random reads (ranged GETs on S3), length known (no HEAD)
  private static final String READ_POLICY = "fs.option.openfile.read.policy";
  private static final String LENGTH = "fs.option.openfile.length";

  private final Settings settings;
  private final Broadcast<HadoopConf> conf;
  private final String scannedAt;

  FileScan(Settings settings, Broadcast<HadoopConf> conf, String scannedAt) {
    this.settings = settings;
    this.conf = conf;
    this.scannedAt = scannedAt;
  }

  @Override
  public Iterator<Row> call(Iterator<FileKey> listing) {
    Partition part = new Partition(new Scanner(settings.policy(), settings.limits()), conf.value());
    return new Iterator<>() {
      private Row next;

      @Override
      public boolean hasNext() {
        while (next == null && listing.hasNext()) {
          FileKey f = listing.next();
          next = scan(part, f.path(), f.size(), f.modified()); // null: not a regular file
        }
        return next != null;
      }

      @Override
      public Row next() {
        if (!hasNext()) throw new NoSuchElementException();
        Row r = next;
        next = null;
        return r;
      }
    };
  }

  /**
   * What a task keeps from file to file: its scanner, one digest (reset for each file) and the file
   * systems it has used, by scheme and authority, so that a file costs no lookup in Hadoop's shared
   * {@code FileSystem} cache (a lock and the current user's credentials each time).
   */
  static final class Partition {
    // the loader configs beside the task's local .py files are read once per directory
    final Scanner.Session scanner;
    final Configuration conf;
    final MessageDigest sha = sha256();
    private final Map<String, FileSystem> fileSystems = new HashMap<>();

    Partition(Scanner scanner, HadoopConf conf) {
      this.scanner = scanner.session();
      this.conf = conf.get();
    }

    /** The file system that reads {@code p}, unwrapped to the bytes themselves. */
    FileSystem fileSystem(Path p) throws IOException {
      URI u = p.toUri();
      String root = u.getScheme() + "://" + u.getAuthority();
      FileSystem fs = fileSystems.get(root);
      if (fs == null) {
        fs = p.getFileSystem(conf);
        // the checksumming wrapper would read .crc files too; scan the bytes themselves
        if (fs instanceof LocalFileSystem local) fs = local.getRaw();
        fileSystems.put(root, fs);
      }
      return fs;
    }
  }

  /** The row of one file, or null for a local symbolic link or special file (never read). */
  Row scan(Partition part, String path, long size, long modified) {
    long start = System.nanoTime();
    try {
      // the listing's path is Path.toString(), of which this constructor is the inverse
      Path p = new Path(path);
      FileSystem fs = part.fileSystem(p);
      java.nio.file.Path local = null;
      java.nio.file.Path onDisk = null; // its siblings are context, as for `mlsec scan DIR`
      if ("file".equals(fs.getUri().getScheme())) {
        local = Paths.get(p.toUri());
        onDisk = local;
        // like `mlsec scan DIR`: links are not followed, and a FIFO would block the open
        if (!Files.isRegularFile(local, LinkOption.NOFOLLOW_LINKS)) return null;
        // Hadoop's own local stream costs a 64 KB buffer, a statistics map (merged through the
        // common fork-join pool on close) and a builder per file; a channel makes the same preads.
        // A file system configured in its place (fs.file.impl) is used as it is.
        if (fs.getClass() != RawLocalFileSystem.class) local = null;
      }
      MessageDigest sha = part.sha;
      sha.reset();
      PositionedInput source =
          local != null
              ? new ChannelInput(FileChannel.open(local, StandardOpenOption.READ))
              : FileInput.of(
                  FutureIO.awaitFuture(
                      fs.openFile(p)
                          .opt(READ_POLICY, "random")
                          .opt(LENGTH, Long.toString(size))
                          .build()),
                  size);
      FileReport r;
      PositionedBlob.FirstRead hashRead =
          settings.hash() == Settings.Hash.READ
              ? (pos, b, off, len) -> sha.update(b, off, len)
              : null;
      try (PositionedBlob blob =
          new PositionedBlob(new FileInput(source, size, settings.maxReadBytes()), hashRead)) {
        r = part.scanner.scan(blob, path, onDisk);
      }
      if (settings.hash() == Settings.Hash.FILE)
        try (InputStream in = local != null ? Files.newInputStream(local) : fs.open(p)) {
          hashWhole(in, sha);
        }
      return row(path, size, modified, HexFormat.of().formatHex(sha.digest()), r, null, start);
    } catch (IOException | RuntimeException e) {
      String error = e.getClass().getSimpleName() + ": " + e.getMessage();
      FileReport none =
          new FileReport(path, "unknown", Verdict.INCONCLUSIVE, List.of(), 0, size, List.of());
      return row(path, size, modified, null, none, error, start);
    }
  }

  private static void hashWhole(InputStream in, MessageDigest sha) throws IOException {
    byte[] buf = new byte[1 << 20];
    for (int n; (n = in.read(buf)) > 0; ) sha.update(buf, 0, n);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  private Row row(
      String path, long size, long modified, String sha, FileReport r, String error, long start) {
    LinkedHashSet<String> rules = new LinkedHashSet<>();
    List<Row> findings = new ArrayList<>();
    for (ScanFinding f : r.findings()) {
      rules.add(f.ruleId());
      findings.add(
          RowFactory.create(f.ruleId(), f.level().id(), f.offset(), f.member(), f.message()));
    }
    List<String> formats = r.formats().isEmpty() ? List.of(r.format()) : r.formats();
    return RowFactory.create(
        path,
        size,
        modified,
        sha,
        settings.hash().id(),
        r.verdict().id(),
        r.format(),
        // the row encoder takes arrays (or Scala sequences), not Java lists
        formats.toArray(String[]::new),
        rules.toArray(String[]::new),
        findings.toArray(Row[]::new),
        r.bytesRead(),
        (System.nanoTime() - start) / 1_000_000,
        error,
        scannedAt);
  }
}
