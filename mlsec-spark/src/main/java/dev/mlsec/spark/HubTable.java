package dev.mlsec.spark;

import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.createArrayType;
import static org.apache.spark.sql.types.DataTypes.createStructField;
import static org.apache.spark.sql.types.DataTypes.createStructType;

import java.util.List;
import org.apache.spark.sql.types.StructType;

/**
 * The output table: one row per file, keyed by {@link #KEY} (path, size, modification time). Field
 * names and verdict, format and rule spellings are those of {@code mlsec scan --format json}.
 */
final class HubTable {
  private HubTable() {}

  static final String PATH = "path";
  static final String SIZE = "size";
  static final String MODIFIED = "modificationTime";
  static final String VERDICT = "verdict";
  static final String SCANNED_AT = "scannedAt";
  static final String ERROR = "error";
  static final String MILLIS = "scanMillis";

  /** What makes a row reusable by a later run: the same file, unchanged. */
  static final List<String> KEY = List.of(PATH, SIZE, MODIFIED);

  static final StructType FINDING =
      createStructType(
          List.of(
              createStructField("rule", StringType, false),
              createStructField("level", StringType, false),
              createStructField("offset", LongType, false),
              createStructField("member", StringType, false),
              createStructField("message", StringType, false)));

  /** The columns, in order; {@link FileScan} builds rows in this order. */
  static final StructType SCHEMA =
      createStructType(
          List.of(
              createStructField(PATH, StringType, false),
              createStructField(SIZE, LongType, false),
              createStructField(MODIFIED, LongType, false),
              createStructField("sha256", StringType, true),
              createStructField("hashed", StringType, false),
              createStructField(VERDICT, StringType, false),
              createStructField("format", StringType, false),
              createStructField("formats", createArrayType(StringType, false), false),
              createStructField("rules", createArrayType(StringType, false), false),
              createStructField("findings", createArrayType(FINDING, false), false),
              createStructField("bytesRead", LongType, false),
              createStructField(MILLIS, LongType, false),
              createStructField(ERROR, StringType, true),
              createStructField(SCANNED_AT, StringType, false)));

  /** The listing the scan starts from: {@link #KEY} only. */
  static final StructType LISTING =
      createStructType(
          List.of(
              createStructField(PATH, StringType, false),
              createStructField(SIZE, LongType, false),
              createStructField(MODIFIED, LongType, false)));
}
