package dev.mlsec.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Owned by the scanner work (issue 4); replaced there. */
@Command(name = "scan", description = "Scans model files for code that runs on load.")
final class ScanCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    return 2;
  }
}
