package dev.mlsec.spark;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The output of an earlier run: its table and the settings it was scanned with.
 *
 * @param dir the output directory
 * @param format {@code parquet} or {@code jsonl}
 * @param settings {@link Settings#fingerprint()} of that run
 */
record Previous(Path dir, TableFormat format, String settings) {

  /** Reads {@code dir/summary.json}. */
  static Previous read(FileSystem fs, Path dir) throws IOException {
    String format = null;
    String settings = null;
    try (InputStream in = fs.open(new Path(dir, OutputDir.SUMMARY));
        JsonParser p = new JsonFactory().createParser(in)) {
      if (p.nextToken() != JsonToken.START_OBJECT)
        throw new HubScanException(dir + "/" + OutputDir.SUMMARY + " is not a JSON object");
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken value = p.nextToken();
        if (value == JsonToken.VALUE_STRING && name.equals("format")) format = p.getText();
        else if (value == JsonToken.VALUE_STRING && name.equals("settings")) settings = p.getText();
        else p.skipChildren();
      }
    }
    if (format == null || settings == null)
      throw new HubScanException(
          dir + "/" + OutputDir.SUMMARY + " has no format or settings: not a hub-scan output");
    return new Previous(dir, TableFormat.parse(format), settings);
  }

  Dataset<Row> table(SparkSession spark) {
    return format.read(spark, new Path(dir, OutputDir.FILES).toString());
  }
}
