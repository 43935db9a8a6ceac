package dev.mlsec.spark;

import java.io.IOException;
import java.util.UUID;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The output directory of a run ({@code files/} and {@code summary.json}), written in a hidden
 * sibling first and swapped in at the end, so a run that fails leaves the previous output whole.
 */
final class OutputDir {
  static final String FILES = "files";
  static final String SUMMARY = "summary.json";

  private final FileSystem fs;
  private final Path out;
  private final Path temp;

  private OutputDir(FileSystem fs, Path out, Path temp) {
    this.fs = fs;
    this.out = out;
    this.temp = temp;
  }

  /** A fresh temporary sibling of {@code out}; refuses an {@code out} that is not ours. */
  static OutputDir create(FileSystem fs, Path out) throws IOException {
    if (fs.exists(out) && !isOutput(fs, out))
      throw new HubScanException(
          "--out "
              + out
              + " exists and is not a hub-scan output (no "
              + SUMMARY
              + "): not replaced");
    Path parent = out.getParent();
    if (parent != null) fs.mkdirs(parent);
    return new OutputDir(fs, out, sibling(out, "tmp"));
  }

  static boolean isOutput(FileSystem fs, Path dir) throws IOException {
    return fs.exists(new Path(dir, SUMMARY));
  }

  private static Path sibling(Path out, String what) {
    return new Path(out.getParent(), "." + out.getName() + "." + what + "-" + UUID.randomUUID());
  }

  Path files() {
    return new Path(temp, FILES);
  }

  Path summary() {
    return new Path(temp, SUMMARY);
  }

  /** Puts the new output in place of the old one, which is deleted only once it is replaced. */
  void swap() throws IOException {
    Path old = null;
    if (fs.exists(out)) {
      old = sibling(out, "old");
      if (!fs.rename(out, old)) throw new IOException("could not move " + out + " aside");
    }
    if (!fs.rename(temp, out)) {
      if (old != null) fs.rename(old, out);
      throw new IOException("could not move the new output to " + out);
    }
    if (old != null) fs.delete(old, true);
  }

  /** Removes what a failed run wrote; the previous output is untouched. */
  void discard() throws IOException {
    fs.delete(temp, true);
  }
}
