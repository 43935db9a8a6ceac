package dev.mlsec.spark;

import static org.apache.spark.sql.functions.asc;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.desc;
import static org.apache.spark.sql.functions.expr;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.spark.HashPartitioner;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.execution.datasources.HadoopFsRelation;
import org.apache.spark.sql.execution.datasources.LogicalRelation;
import org.apache.spark.sql.execution.datasources.PartitioningAwareFileIndex;
import scala.Tuple2;
import scala.jdk.javaapi.CollectionConverters;

/** The files under the inputs, and their spread over partitions. */
final class Listing {
  private Listing() {}

  /**
   * Path, size and modification time (ms) of every file under {@code inputs}, through Spark's
   * {@code binaryFile} source with only those columns selected, so no file is opened. Empty files
   * (the source yields no row for them) are added from its file index, hidden files (which every
   * Spark file source leaves out) from a listing of the driver's.
   */
  static Dataset<Row> files(SparkSession spark, List<String> inputs) {
    Dataset<Row> files =
        spark
            .read()
            .format("binaryFile")
            .option("recursiveFileLookup", "true")
            .load(inputs.toArray(String[]::new))
            .select(
                col("path").as(HubTable.PATH),
                col("length").as(HubTable.SIZE),
                expr("unix_millis(modificationTime)").as(HubTable.MODIFIED));
    List<Row> extra = emptyFiles(files);
    extra.addAll(hiddenFiles(spark, inputs));
    if (extra.isEmpty()) return files;
    // a file both sources name (should the rules ever differ) keeps one row
    return files
        .union(spark.createDataFrame(extra, HubTable.LISTING))
        .dropDuplicates(HubTable.PATH);
  }

  /**
   * The files Spark's listing leaves out as hidden (a name, or a folder's name, under an input that
   * starts with {@code .} or {@code _}, or ends with {@code ._COPYING_}): {@code mlsec scan DIR}
   * reads them, and so must the hub scan ({@code .gitattributes}, {@code _private.pkl}). One more
   * listing of the inputs by the driver, which keeps only those.
   */
  private static List<Row> hiddenFiles(SparkSession spark, List<String> inputs) {
    List<Row> hidden = new ArrayList<>();
    Configuration conf = spark.sparkContext().hadoopConfiguration();
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
  private static void walk(FileSystem fs, Path dir, int rootDepth, List<Row> hidden)
      throws IOException {
    RemoteIterator<FileStatus> it = fs.listStatusIterator(dir);
    while (it.hasNext()) {
      FileStatus f = it.next();
      if (f.isDirectory()) {
        // like `mlsec scan DIR`, a linked folder is not followed (a link to a parent would loop)
        if (!isLocalLink(fs, f.getPath())) walk(fs, f.getPath(), rootDepth, hidden);
      } else if (hiddenToSpark(f.getPath(), rootDepth))
        hidden.add(RowFactory.create(f.getPath().toString(), f.getLen(), f.getModificationTime()));
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
   * The source yields no row for an empty file (it has no split to read); the file index that Spark
   * already holds on the driver has them, as it has every listed file.
   */
  private static List<Row> emptyFiles(Dataset<Row> files) {
    List<Row> empty = new ArrayList<>();
    for (LogicalPlan leaf :
        CollectionConverters.asJava(files.queryExecution().analyzed().collectLeaves()))
      if (leaf instanceof LogicalRelation r
          && r.relation() instanceof HadoopFsRelation fs
          && fs.location() instanceof PartitioningAwareFileIndex index)
        for (FileStatus f : CollectionConverters.asJava(index.allFiles()))
          if (f.getLen() == 0)
            empty.add(RowFactory.create(f.getPath().toString(), 0L, f.getModificationTime()));
    return empty;
  }

  /**
   * Spreads files over {@code n} partitions evenly by size: ranked by size (largest first), the
   * file of rank {@code i} goes to partition {@code i mod n}, so every partition gets the same
   * number of files, within one, and nearly the same bytes, large and small mixed.
   */
  static JavaRDD<Row> balance(Dataset<Row> files, int n) {
    return files
        .select(HubTable.KEY.stream().map(c -> col(c)).toArray(org.apache.spark.sql.Column[]::new))
        .orderBy(desc(HubTable.SIZE), asc(HubTable.PATH))
        .toJavaRDD()
        .zipWithIndex()
        .mapToPair(t -> new Tuple2<>(t._2() % n, t._1()))
        .partitionBy(new HashPartitioner(n))
        .values();
  }
}
