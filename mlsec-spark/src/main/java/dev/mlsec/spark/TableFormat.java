package dev.mlsec.spark;

import java.util.Locale;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/** How the table is stored under {@code files/}. */
enum TableFormat {
  /** Columnar, for Spark SQL and other engines. */
  PARQUET,
  /** JSON lines: one object per file, every column present (null when empty). */
  JSONL;

  String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  static TableFormat parse(String s) {
    for (TableFormat f : values()) if (f.id().equals(s)) return f;
    throw new HubScanException("unknown table format '" + s + "' (parquet or jsonl)");
  }

  void write(Dataset<Row> table, String dir) {
    var w = table.write().mode(SaveMode.ErrorIfExists);
    if (this == PARQUET) w.parquet(dir);
    else w.option("ignoreNullFields", "false").json(dir);
  }

  Dataset<Row> read(SparkSession spark, String dir) {
    var r = spark.read().schema(HubTable.SCHEMA);
    return this == PARQUET ? r.parquet(dir) : r.json(dir);
  }
}
