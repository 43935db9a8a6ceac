package dev.mlsec.scan;

import dev.mlsec.scan.analyzer.Dispatcher;
import dev.mlsec.scan.format.ExternalData;
import dev.mlsec.scan.format.LoaderConfigs;
import dev.mlsec.scan.format.LoaderConventions;
import dev.mlsec.scan.format.MlflowCodePaths;
import dev.mlsec.scan.format.SparkMl;
import dev.mlsec.scan.format.YamlConfigs;
import dev.mlsec.scan.io.Blob;
import dev.mlsec.scan.io.ChannelInput;
import dev.mlsec.scan.io.PositionedBlob;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.LongSupplier;
import java.util.stream.Stream;

/**
 * Scans model files for code that runs on load, without executing or deserializing anything.
 *
 * <pre>{@code
 * Scanner s = new Scanner(ScanPolicy.DEFAULT, ScanLimits.defaults());
 * FileReport r = s.scan(Path.of("model.pt"));
 * }</pre>
 */
public final class Scanner {
  private final ScanPolicy policy;
  private final ScanLimits limits;

  public Scanner(ScanPolicy policy, ScanLimits limits) {
    this.policy = Objects.requireNonNull(policy);
    this.limits = Objects.requireNonNull(limits);
  }

  public Scanner() {
    this(ScanPolicy.DEFAULT, ScanLimits.defaults());
  }

  public ScanPolicy policy() {
    return policy;
  }

  public ScanLimits limits() {
    return limits;
  }

  /** Scans one regular file. I/O errors opening it are thrown; errors inside become findings. */
  public FileReport scan(Path file) throws IOException {
    return scan(
        file,
        LoaderConfigs.Directories.none(limits.maxHeaderBytes()),
        SparkMl.Folders.none(limits.maxHeaderBytes()));
  }

  /**
   * A run of scans that share what they read beside the files: the loader configurations of a
   * directory ({@link LoaderConfigs}) are read once per session instead of once per {@code .py}
   * file, within the bounds of {@link LoaderConfigs.Directories}. One per directory tree scanned
   * (as {@link #scanFiles} makes) or per Spark task; thread-safe; nothing outlives it.
   */
  public Session session() {
    return new Session();
  }

  /** See {@link #session()}. */
  public final class Session {
    private final LoaderConfigs.Directories configs =
        LoaderConfigs.Directories.forScan(limits.maxHeaderBytes());
    private final SparkMl.Folders spark = SparkMl.Folders.forScan(limits.maxHeaderBytes());

    private Session() {}

    /** As {@link Scanner#scan(Path)}, with the configs of this session. */
    public FileReport scan(Path file) throws IOException {
      return Scanner.this.scan(file, configs, spark);
    }

    /**
     * As {@link Scanner#scan(PositionedBlob, String)}; {@code local} (may be null) is the same file
     * on the local disk, whose siblings are then read as context as for {@link #scan(Path)}.
     */
    public FileReport scan(PositionedBlob input, String path, Path local) throws IOException {
      String name = path.substring(path.lastIndexOf('/') + 1);
      return Scanner.this.scan(input.blob(), path, name, input::bytesRead, local, configs, spark);
    }
  }

  private FileReport scan(Path file, LoaderConfigs.Directories configs, SparkMl.Folders spark)
      throws IOException {
    if (!Files.isRegularFile(file))
      throw new java.nio.file.FileSystemException(file.toString(), null, "not a regular file");
    try (PositionedBlob blob =
        new PositionedBlob(new ChannelInput(FileChannel.open(file, StandardOpenOption.READ)))) {
      return scan(
          blob.blob(),
          file.toString(),
          file.getFileName() == null ? "" : file.getFileName().toString(),
          blob::bytesRead,
          file,
          configs,
          spark);
    }
  }

  /**
   * Scans bytes read through positioned reads (a file of Hadoop's FileSystem, an object in a
   * store): the same reads as {@link #scan(Path)} makes of a local file. {@code path} is what the
   * report shows; its last {@code /}-separated name is used for the extension check. Read errors
   * inside become findings, as for a local file; the caller closes {@code input}.
   */
  public FileReport scan(PositionedBlob input, String path) throws IOException {
    String name = path.substring(path.lastIndexOf('/') + 1);
    return scan(input.blob(), path, name, input::bytesRead, null, null, null);
  }

  /** Scans bytes in memory (tests, fuzzing); {@code name} is used for the extension check. */
  public FileReport scan(byte[] data, String name) {
    try {
      return scan(Blob.of(data), name, name, null, null, null, null);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * {@code local} is the file on disk (null for other inputs): configs beside it are context, read
   * through {@code configs}.
   */
  private FileReport scan(
      Blob blob,
      String path,
      String name,
      LongSupplier bytesRead,
      Path local,
      LoaderConfigs.Directories configs,
      SparkMl.Folders spark)
      throws IOException {
    ScanContext ctx = new ScanContext(limits, policy);
    FileFormat top = FileFormat.UNKNOWN;
    try {
      top = new Dispatcher(ctx).analyze(blob, "", name, 0);
      // a .py a model config beside it names as loader code runs on load
      if (local != null) {
        LoaderConfigs.judgeShippedCode(ctx, local, configs); // also PipelineConfigs' descriptions
        LoaderConventions.judgeShippedCode(ctx, local);
        YamlConfigs.judgeMlmodelEnvironment(ctx, local);
        MlflowCodePaths.judgeLocal(ctx, local); // code: directories, pickles importing from them
        SparkMl.judgeShippedCode(ctx, local, spark);
        ExternalData.judgeLinks(ctx, local);
      }
    } catch (LimitReachedException e) {
      ctx.limit("", -1, e.getMessage());
    } catch (IOException | RuntimeException e) {
      if (e instanceof UncheckedIOException || e instanceof IOException) {
        ctx.unreadable("", -1, "read error: " + e.getMessage());
      } else {
        // a bug in an analyzer must not turn into "clean"
        ctx.unreadable("", -1, "internal error: " + e);
      }
    } catch (StackOverflowError e) {
      ctx.limit("", -1, "nesting too deep for the analyzer");
    }
    List<ScanFinding> findings = ctx.findings();
    Verdict v = verdict(findings, ctx.inconclusive());
    List<String> formats = ctx.formats();
    // nothing recognized at all: say so once rather than print an empty chain
    if (formats.isEmpty()) formats = List.of(top.id());
    String format = formats.get(0);
    long read = bytesRead == null ? blob.size() : bytesRead.getAsLong();
    return new FileReport(path, format, v, findings, read, blob.size(), formats);
  }

  static Verdict verdict(List<ScanFinding> findings, boolean inconclusive) {
    Level max = null;
    for (ScanFinding f : findings) if (max == null || f.level().atLeast(max)) max = f.level();
    if (max == Level.CRITICAL) return Verdict.MALICIOUS;
    if (max == Level.HIGH || max == Level.MEDIUM) return Verdict.SUSPICIOUS;
    if (inconclusive) return Verdict.INCONCLUSIVE;
    return Verdict.CLEAN;
  }

  /**
   * Scans files and directories (recursively, regular files only, symbolic links not followed), in
   * sorted path order, on {@link #defaultThreads()} threads (the order of the reports does not
   * depend on them).
   */
  public List<FileReport> scanAll(List<Path> paths) throws IOException {
    List<Path> files = new ArrayList<>();
    for (Path p : paths) files.addAll(expand(p));
    return scanFiles(files, defaultThreads(), null);
  }

  /** One thread per available core, at most {@value #MAX_THREADS}. */
  public static int defaultThreads() {
    return Math.min(MAX_THREADS, Runtime.getRuntime().availableProcessors());
  }

  /** Beyond this, threads wait on the disk more than they scan; each may hold a member buffer. */
  public static final int MAX_THREADS = 8;

  /**
   * Scans regular files on a fixed pool of {@code threads} threads. The reports come back in the
   * order of {@code files} whatever the scheduling, so output stays byte for byte the same, and
   * {@code done} (may be null) sees each report on the caller's thread, in that order, as soon as
   * it and every file before it are finished. At most {@code 2 * threads} files are in flight, so
   * memory is bounded by the scan limits times that, not by the number of files. The files share
   * one {@link #session()}: the loader configs of each directory are read once. An I/O error
   * opening a file is thrown for the first such file in order, as a sequential scan would.
   */
  public List<FileReport> scanFiles(
      List<Path> files, int threads, java.util.function.Consumer<FileReport> done)
      throws IOException {
    if (threads < 1) throw new IllegalArgumentException("threads must be at least 1");
    List<FileReport> out = new ArrayList<>(files.size());
    Session session = session();
    if (threads == 1 || files.size() < 2) {
      for (Path f : files) {
        FileReport r = session.scan(f);
        if (done != null) done.accept(r);
        out.add(r);
      }
      return out;
    }
    int n = Math.min(threads, files.size());
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(
            n,
            task -> {
              Thread t = new Thread(task, "mlsec-scan");
              t.setDaemon(true);
              return t;
            });
    try {
      java.util.ArrayDeque<java.util.concurrent.Future<FileReport>> window =
          new java.util.ArrayDeque<>();
      int next = 0;
      int inFlight = 2 * n;
      while (out.size() < files.size()) {
        while (next < files.size() && window.size() < inFlight) {
          Path f = files.get(next++);
          window.add(pool.submit(() -> session.scan(f)));
        }
        FileReport r = await(window.poll());
        if (done != null) done.accept(r);
        out.add(r);
      }
      return out;
    } finally {
      pool.shutdownNow();
    }
  }

  private static FileReport await(java.util.concurrent.Future<FileReport> f) throws IOException {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new java.io.InterruptedIOException("scan interrupted");
    } catch (java.util.concurrent.ExecutionException e) {
      Throwable c = e.getCause();
      if (c instanceof IOException io) throw io;
      if (c instanceof RuntimeException re) throw re;
      if (c instanceof Error err) throw err;
      throw new IOException(c);
    }
  }

  /** The files a path stands for, sorted; a missing path is an I/O error. */
  public static List<Path> expand(Path p) throws IOException {
    if (Files.isDirectory(p)) {
      try (Stream<Path> s = Files.walk(p)) {
        return s.filter(f -> Files.isRegularFile(f, java.nio.file.LinkOption.NOFOLLOW_LINKS))
            .sorted()
            .toList();
      }
    }
    if (!Files.exists(p)) throw new java.nio.file.NoSuchFileException(p.toString());
    // A FIFO or device would block the open or never end: only regular files are read.
    if (!Files.isRegularFile(p))
      throw new java.nio.file.FileSystemException(p.toString(), null, "not a regular file");
    return List.of(p);
  }
}
