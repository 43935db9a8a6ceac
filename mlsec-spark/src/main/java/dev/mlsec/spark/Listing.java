package dev.mlsec.spark;

import static org.apache.spark.sql.functions.asc;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.desc;
import static org.apache.spark.sql.functions.expr;

import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.fs.FileStatus;
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
   * {@code binaryFile} source with only those columns selected, so no file is opened. Like every
   * Spark file source it leaves out names starting with {@code _} or {@code .}. Empty files are
   * added from the file index (the source skips them).
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
    List<Row> empty = emptyFiles(files);
    return empty.isEmpty() ? files : files.union(spark.createDataFrame(empty, HubTable.LISTING));
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
