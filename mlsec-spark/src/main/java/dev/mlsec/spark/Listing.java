package dev.mlsec.spark;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;

/** The files under the inputs, and their spread over partitions. */
final class Listing {
  private Listing() {}

  /**
   * Path, size and modification time (ms) of every file under {@code inputs} (files, folders or
   * globs), sorted by path: every name, hidden ones too ({@code .gitattributes}, {@code
   * _private.pkl}, which Spark's file sources leave out), as {@code mlsec scan DIR} reads them, and
   * no linked folder followed. One listing: the driver lists the top levels of the folders until
   * more than {@code threshold} folders are left, and then one job walks those to the bottom,
   * {@code slices} tasks on the cluster (Spark's own {@code parallelPartitionDiscovery} settings).
   */
  static List<FileKey> files(
      JavaSparkContext jsc,
      Broadcast<HadoopConf> conf,
      List<String> inputs,
      int threshold,
      int slices) {
    Configuration c = conf.value().get();
    List<FileKey> files = new ArrayList<>();
    List<Path> folders = new ArrayList<>();
    try {
      for (String input : inputs) {
        Path pattern = new Path(input);
        FileSystem fs = raw(pattern.getFileSystem(c));
        FileStatus[] roots = fs.globStatus(pattern); // inputs may be globs, as for Spark
        if (roots == null || roots.length == 0)
          throw new HubScanException("no such file or folder: " + input);
        for (FileStatus root : roots)
          if (root.isDirectory()) folders.add(root.getPath());
          else files.add(key(root));
      }
      while (!folders.isEmpty() && folders.size() <= threshold) {
        List<Path> below = new ArrayList<>();
        for (Path folder : folders) list(raw(folder.getFileSystem(c)), folder, files, below);
        folders = below;
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (!folders.isEmpty()) {
      List<String> names = folders.stream().map(Path::toString).sorted().toList();
      files.addAll(
          jsc.parallelize(names, Math.max(1, Math.min(slices, names.size())))
              .mapPartitions(new Walk(conf))
              .collect());
    }
    // by path: a file two inputs both name (overlapping globs) keeps one entry
    Map<String, FileKey> byPath = new TreeMap<>();
    for (FileKey f : files) byPath.putIfAbsent(f.path(), f);
    return List.copyOf(byPath.values());
  }

  /** The files under some folders, on an executor: each folder walked to the bottom. */
  private static final class Walk implements FlatMapFunction<Iterator<String>, FileKey> {
    private static final long serialVersionUID = 1L;
    private final Broadcast<HadoopConf> conf;

    Walk(Broadcast<HadoopConf> conf) {
      this.conf = conf;
    }

    @Override
    public Iterator<FileKey> call(Iterator<String> folders) throws IOException {
      Configuration c = conf.value().get();
      List<FileKey> files = new ArrayList<>();
      List<Path> todo = new ArrayList<>();
      folders.forEachRemaining(f -> todo.add(new Path(f)));
      while (!todo.isEmpty()) {
        Path folder = todo.remove(todo.size() - 1);
        list(raw(folder.getFileSystem(c)), folder, files, todo);
      }
      return files.iterator();
    }
  }

  /**
   * One folder: its files to {@code files}, its folders to {@code folders}. Plain {@code
   * FileStatus} listings, not {@code FileSystem.listFiles}: its {@code LocatedFileStatus} asks
   * every local file for its permissions, which Hadoop without its native library answers by
   * running {@code ls -ld} once per file and folder (a process per entry).
   */
  static void list(FileSystem fs, Path folder, List<FileKey> files, List<Path> folders)
      throws IOException {
    RemoteIterator<FileStatus> it;
    try {
      it = fs.listStatusIterator(folder);
    } catch (FileNotFoundException e) {
      return; // deleted since its parent was listed: nothing to scan
    }
    while (it.hasNext()) {
      FileStatus f = it.next();
      if (!f.isDirectory()) files.add(key(f));
      // like `mlsec scan DIR`, a linked folder is not followed (a link to a parent would loop)
      else if (!isLocalLink(fs, f.getPath())) folders.add(f.getPath());
    }
  }

  private static FileKey key(FileStatus f) {
    return new FileKey(f.getPath().toString(), f.getLen(), f.getModificationTime());
  }

  /** The local file system without its checksums, which hide {@code .*.crc} files. */
  private static FileSystem raw(FileSystem fs) {
    return fs instanceof LocalFileSystem local ? local.getRaw() : fs;
  }

  private static boolean isLocalLink(FileSystem fs, Path p) {
    return "file".equals(fs.getUri().getScheme())
        && java.nio.file.Files.isSymbolicLink(java.nio.file.Paths.get(p.toUri()));
  }

  /**
   * Spreads files over at most {@code n} partitions evenly by size: ranked by size (largest first,
   * then by path), the file of rank {@code i} goes to partition {@code i mod n}, so every partition
   * gets the same number of files, within one, and nearly the same bytes, large and small mixed. No
   * partition is empty; the result depends on the files only, not on their order.
   */
  static List<List<FileKey>> balance(List<FileKey> files, int n) {
    List<FileKey> ranked = new ArrayList<>(files);
    ranked.sort(Comparator.comparingLong(FileKey::size).reversed().thenComparing(FileKey::path));
    int parts = Math.max(1, Math.min(n, ranked.size()));
    List<List<FileKey>> spread = new ArrayList<>(parts);
    for (int p = 0; p < parts; p++) spread.add(new ArrayList<>(ranked.size() / parts + 1));
    for (int i = 0; i < ranked.size(); i++) spread.get(i % parts).add(ranked.get(i));
    return spread;
  }
}
