package dev.mlsec.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.execution.datasources.HadoopFsRelation;
import org.apache.spark.sql.execution.datasources.LogicalRelation;
import org.apache.spark.sql.execution.datasources.PartitioningAwareFileIndex;
import scala.jdk.javaapi.CollectionConverters;

/** The files under the inputs, and their spread over partitions. */
final class Listing {
  private Listing() {}

  /**
   * Path, size and modification time (ms) of every file under {@code inputs}, sorted by path: the
   * file index that Spark's {@code binaryFile} source builds on the driver when it is loaded
   * (listing folders in parallel on the cluster when there are many), read without running a job
   * over the source, so no file is opened and the hub is listed once. Empty files are in the index
   * too (the source itself yields no row for them); hidden files, which every Spark file source
   * leaves out, are added from a listing of the driver's.
   */
  static List<FileKey> files(SparkSession spark, List<String> inputs) {
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    // the driver walks the folders for hidden files while Spark lists them
    CompletableFuture<List<FileKey>> hidden =
        CompletableFuture.supplyAsync(() -> hiddenFiles(conf, inputs));
    Dataset<Row> files =
        spark
            .read()
            .format("binaryFile")
            .option("recursiveFileLookup", "true")
            .load(inputs.toArray(String[]::new));
    // by path: a file both listings name (should the rules ever differ) keeps one entry
    Map<String, FileKey> byPath = new TreeMap<>();
    for (FileKey f : indexed(files)) byPath.put(f.path(), f);
    try {
      for (FileKey f : hidden.join()) byPath.putIfAbsent(f.path(), f);
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException r) throw r;
      throw e;
    }
    return List.copyOf(byPath.values());
  }

  /**
   * The files of the source's index: its {@code path}, {@code length}, {@code modificationTime}.
   */
  private static List<FileKey> indexed(Dataset<Row> files) {
    List<FileKey> listed = new ArrayList<>();
    boolean found = false;
    for (LogicalPlan leaf :
        CollectionConverters.asJava(files.queryExecution().analyzed().collectLeaves()))
      if (leaf instanceof LogicalRelation r
          && r.relation() instanceof HadoopFsRelation fs
          && fs.location() instanceof PartitioningAwareFileIndex index) {
        found = true;
        for (FileStatus f : CollectionConverters.asJava(index.allFiles()))
          listed.add(new FileKey(f.getPath().toString(), f.getLen(), f.getModificationTime()));
      }
    if (!found) throw new IllegalStateException("the binaryFile source has no file index");
    return listed;
  }

  /**
   * The files Spark's listing leaves out as hidden (a name, or a folder's name, under an input that
   * starts with {@code .} or {@code _}, or ends with {@code ._COPYING_}): {@code mlsec scan DIR}
   * reads them, and so must the hub scan ({@code .gitattributes}, {@code _private.pkl}). One more
   * listing of the inputs by the driver, which keeps only those.
   */
  private static List<FileKey> hiddenFiles(Configuration conf, List<String> inputs) {
    List<FileKey> hidden = new ArrayList<>();
    try {
      for (String input : inputs) {
        Path pattern = new Path(input);
        FileSystem fs = pattern.getFileSystem(conf);
        FileStatus[] roots = fs.globStatus(pattern); // inputs may be globs, as for Spark
        if (roots == null) continue;
        for (FileStatus root : roots)
          if (root.isDirectory()) walk(fs, root.getPath(), root.getPath().depth(), hidden);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return hidden;
  }

  /**
   * Depth-first through plain {@code FileStatus} listings. Not {@code FileSystem.listFiles}: its
   * {@code LocatedFileStatus} asks every local file for its permissions, which Hadoop without its
   * native library answers by running {@code ls -ld} once per file and folder (a process per entry:
   * most of the driver's time on a large local hub).
   */
  private static void walk(FileSystem fs, Path dir, int rootDepth, List<FileKey> hidden)
      throws IOException {
    RemoteIterator<FileStatus> it = fs.listStatusIterator(dir);
    while (it.hasNext()) {
      FileStatus f = it.next();
      if (f.isDirectory()) {
        // like `mlsec scan DIR`, a linked folder is not followed (a link to a parent would loop)
        if (!isLocalLink(fs, f.getPath())) walk(fs, f.getPath(), rootDepth, hidden);
      } else if (hiddenToSpark(f.getPath(), rootDepth))
        hidden.add(new FileKey(f.getPath().toString(), f.getLen(), f.getModificationTime()));
    }
  }

  private static boolean isLocalLink(FileSystem fs, Path p) {
    return "file".equals(fs.getUri().getScheme())
        && java.nio.file.Files.isSymbolicLink(java.nio.file.Paths.get(p.toUri()));
  }

  /** Spark's rule for names its file sources skip, applied to every level below the input. */
  static boolean hiddenToSpark(Path file, int rootDepth) {
    for (Path p = file; p != null && p.depth() > rootDepth; p = p.getParent()) {
      String n = p.getName();
      boolean exclude =
          (n.startsWith("_") && !n.contains("=")) || n.startsWith(".") || n.endsWith("._COPYING_");
      boolean include = n.startsWith("_common_metadata") || n.startsWith("_metadata");
      if (exclude && !include) return true;
    }
    return false;
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
