package dev.mlsec.catalog;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * Where a user catalog's checked conditions are kept between runs: one file per content of the
 * catalog files, in the {@link CacheDirectory}. It is only a cache: a file that cannot be read or
 * written is ignored.
 */
final class ConditionCache {
  /** A cache file larger than this is not read. */
  static final long MAX_BYTES = 16L << 20;

  private final Path file;

  private ConditionCache(Path file) {
    this.file = file;
  }

  static ConditionCache forFiles(List<Path> userFiles) {
    return forFiles(userFiles, directory());
  }

  static ConditionCache forFiles(List<Path> userFiles, Path dir) {
    if (dir == null) return new ConditionCache(null);
    StringBuilder content = new StringBuilder(CheckedConditions.toolVersion());
    for (Path p : userFiles) {
      try {
        if (!Files.isRegularFile(p) || Files.size(p) > YamlNodes.MAX_CHARS)
          return new ConditionCache(null);
        content.append('\0').append(Files.readString(p));
      } catch (IOException | RuntimeException e) {
        return new ConditionCache(null); // the loader reports the unreadable file
      }
    }
    return new ConditionCache(
        dir.resolve("conditions-" + CheckedConditions.sha256(content.toString()) + ".bin"));
  }

  private static Path directory() {
    return CacheDirectory.get().orElse(null);
  }

  void readInto(CheckedConditions store) {
    if (file == null) return;
    try {
      if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) || Files.size(file) > MAX_BYTES)
        return;
      try (InputStream in = Files.newInputStream(file)) {
        store.read(in);
      }
    } catch (IOException | RuntimeException e) {
      // a damaged cache only means the conditions are compiled again
    }
  }

  void write(CheckedConditions store) {
    if (file == null) return;
    try {
      Files.createDirectories(file.getParent());
      Path tmp = Files.createTempFile(file.getParent(), "conditions-", ".tmp");
      try (OutputStream out = Files.newOutputStream(tmp)) {
        store.write(out);
      }
      try {
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException | RuntimeException e) {
      // read-only home or full disk: the next run compiles again
    }
  }

  Path file() {
    return file;
  }
}
