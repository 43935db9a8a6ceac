package dev.mlsec.scan.analyzer;

import dev.mlsec.scan.FileFormat;
import dev.mlsec.scan.ScanContext;
import dev.mlsec.scan.ScanRule;
import dev.mlsec.scan.archive.TarDirectory;
import dev.mlsec.scan.archive.TarEntry;
import dev.mlsec.scan.io.Blob;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** tar (ustar, GNU, pax): entries are slices of the blob, links are reported, never followed. */
final class TarAnalyzer implements FormatAnalyzer {

  @Override
  public FileFormat format() {
    return FileFormat.TAR;
  }

  @Override
  public boolean sniff(byte[] head, Blob blob) {
    return TarDirectory.sniff(head);
  }

  @Override
  public FileFormat analyze(Dispatcher d, Blob b, String member, int depth) throws IOException {
    ScanContext ctx = d.ctx();
    ctx.format(FileFormat.TAR);
    if (d.nestingReached(depth, member, "archive ")) return FileFormat.TAR;
    List<String> problems = new ArrayList<>();
    List<TarEntry> entries = TarDirectory.read(b, ctx.limits().maxEntries(), problems);
    for (String p : problems) {
      if (p.equals("entry limit"))
        ctx.limit(member, -1, "entry limit of " + ctx.limits().maxEntries() + " reached");
      else {
        ctx.report(ScanRule.ZIP_MALFORMED, -1, member, List.of(), p);
        ctx.markInconclusive();
      }
    }
    for (TarEntry e : entries) {
      EntryNames.traversal(ctx, e.name(), e.dataStart() - 512, member);
      if (e.type() == '1' || e.type() == '2') {
        ctx.report(
            ScanRule.TAR_LINK,
            e.dataStart() - 512,
            member,
            List.of(),
            "entry '" + e.name() + "' links to '" + e.linkName() + "'");
        EntryNames.traversal(ctx, e.linkName(), e.dataStart() - 512, member);
        continue;
      }
      if (!e.isFile()) continue;
      d.analyze(
          b.slice(e.dataStart(), e.size()), Dispatcher.join(member, e.name()), e.name(), depth + 1);
    }
    return FileFormat.TAR;
  }
}
