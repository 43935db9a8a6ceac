package dev.mlsec.bench.scan;

import java.nio.file.Path;

/** Usage: GenerateLargeTorchZip FILE STORAGE_BYTES. */
public final class GenerateLargeTorchZip {
  private GenerateLargeTorchZip() {}

  public static void main(String[] args) throws Exception {
    LargeTorchZip.write(Path.of(args[0]), Long.parseLong(args[1]));
  }
}
