package dev.mlsec.analysis;

import dev.mlsec.catalog.Catalog;
import dev.mlsec.catalog.Family;
import dev.mlsec.catalog.Threat;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;
import java.util.zip.Checksum;

/**
 * The texts {@link ConcernMatcher} indexes for each threat and their checksums, apart from the
 * matcher so that {@link ConcernCache} can key its answers without starting Lucene.
 */
final class ConcernTexts {
  private ConcernTexts() {}

  /** The indexed fields, in the order of {@link #texts}. */
  static final List<String> INDEXED =
      List.of("title", "keywords", "id", "summary", "detail", "family", "refs");

  /** Each threat's indexed texts, in {@link #INDEXED} order; an absent family is null. */
  static List<List<String>> texts(Catalog catalog) {
    List<List<String>> out = new ArrayList<>();
    for (Threat t : catalog.threats()) {
      List<String> names = new ArrayList<>();
      addTitles(names, catalog, "atlas", t.refs().atlas());
      addTitles(names, catalog, "owasp-ml", t.refs().owaspMl());
      addTitles(names, catalog, "owasp-llm", t.refs().owaspLlm());
      addTitles(names, catalog, "nist-aml", t.refs().nistAml());
      out.add(
          Arrays.asList(
              t.title(),
              String.join(". ", t.keywords()),
              t.id().replace('-', ' '),
              t.summary(),
              t.detail(),
              catalog.family(t.family()).map(Family::title).orElse(null),
              String.join(". ", names)));
    }
    return out;
  }

  /**
   * CRC-32 and CRC-32C of texts (nested lists in order), each text with its length first, and the
   * count of bytes: a change of the catalog's text changes it (the index is a cache, not a security
   * boundary). Both checksums are native code: no message digest has to start at run time.
   */
  static byte[] digest(List<?> texts) {
    CRC32 crc = new CRC32();
    CRC32C crcc = new CRC32C();
    long count = update(texts, crc, crcc);
    return ByteBuffer.allocate(24)
        .putLong(crc.getValue())
        .putLong(crcc.getValue())
        .putLong(count)
        .array();
  }

  /** Adds texts to both checksums; returns the count of bytes added. */
  private static long update(List<?> texts, Checksum a, Checksum b) {
    long count = 0;
    for (Object o : texts) {
      if (o instanceof List<?> l) {
        count += update(List.of("list of " + l.size()), a, b) + update(l, a, b);
        continue;
      }
      byte[] bytes = o == null ? new byte[0] : ((String) o).getBytes(StandardCharsets.UTF_8);
      byte[] length = ByteBuffer.allocate(4).putInt(o == null ? -1 : bytes.length).array();
      for (Checksum c : List.of(a, b)) {
        c.update(length, 0, 4);
        c.update(bytes, 0, bytes.length);
      }
      count += 4 + bytes.length;
    }
    return count;
  }

  private static void addTitles(List<String> out, Catalog c, String framework, List<String> ids) {
    for (String id : ids) c.referenceTitle(framework, id).ifPresent(out::add);
  }
}
