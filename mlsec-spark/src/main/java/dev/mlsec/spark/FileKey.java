package dev.mlsec.spark;

import java.io.Serializable;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * A listed file: the key of its row ({@link HubTable#KEY}).
 *
 * @param path the file's URI as the listing spells it ({@code Path.toString()})
 * @param size bytes stored
 * @param modified modification time, ms since the epoch
 */
record FileKey(String path, long size, long modified) implements Serializable {

  /** A row of {@link HubTable#LISTING}. */
  Row row() {
    return RowFactory.create(path, size, modified);
  }

  static FileKey of(Row listing) {
    return new FileKey(listing.getString(0), listing.getLong(1), listing.getLong(2));
  }
}
