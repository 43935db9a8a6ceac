package dev.mlsec.scan.format;

import dev.mlsec.scan.ScanContext;
import dev.mlsec.scan.ScanRule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The external data files a local model names (ONNX {@code location}s inside its directory),
 * checked on disk without being opened or followed: a symbolic link on the way makes the runtime
 * read whatever it points to ({@code /etc/passwd}, a file of another model), so it is reported.
 */
public final class ExternalData {
  private ExternalData() {}

  /** Reports each noted location of the file scanned that is, or passes through, a link. */
  public static void judgeLinks(ScanContext ctx, Path local) {
    Path dir = local.toAbsolutePath().normalize().getParent();
    if (dir == null) return;
    for (String[] noted : ctx.externalFiles()) {
      if (!noted[0].isEmpty()) continue; // a member of an archive is not on this disk
      try {
        Path p = dir;
        for (String part : noted[1].split("/")) {
          if (part.isEmpty() || part.equals(".")) continue;
          p = p.resolve(part);
          if (!Files.isSymbolicLink(p)) continue;
          ctx.report(
              ScanRule.ONNX_EXTERNAL_LINK,
              0,
              "",
              List.of("location: " + noted[1], dir.relativize(p) + " is a symbolic link"),
              "external data '"
                  + noted[1]
                  + "' is a symbolic link ("
                  + dir.relativize(p)
                  + "): the runtime reads the file it points to, which the scanner does not follow");
          break;
        }
      } catch (RuntimeException e) {
        // an unusable location name adds nothing here: Protobuf judged its text already
      }
    }
  }
}
