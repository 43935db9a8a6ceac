package dev.mlsec.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mlsec.scan.output.ReportJson;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A directory scanned on several threads gives the same reports, in the same order, as on one. */
class ParallelScanTest {

  private static String json(List<FileReport> reports) throws Exception {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    ReportJson.write(reports, ScanPolicy.DEFAULT, b);
    return b.toString(StandardCharsets.UTF_8);
  }

  @Test
  void sameBytesAndOrderWhateverTheThreads() throws Exception {
    List<Path> files = new ArrayList<>(Scanner.expand(BenignStackTest.corpus("benign-sweep")));
    files.addAll(Scanner.expand(JoblibLegacyTest.dir()));
    Scanner s = new Scanner();
    String one = json(s.scanFiles(files, 1, null));
    for (int threads : new int[] {2, 3, 8}) {
      List<String> seen = new ArrayList<>();
      List<FileReport> r = s.scanFiles(files, threads, f -> seen.add(f.path()));
      assertThat(json(r)).as(threads + " threads").isEqualTo(one);
      assertThat(seen).containsExactlyElementsOf(files.stream().map(Path::toString).toList());
    }
  }

  @Test
  void theFirstUnreadableFileInOrderIsTheError(@TempDir Path dir) throws Exception {
    Path a = Files.write(dir.resolve("a.pkl"), new byte[] {(byte) 0x80, 4, 'N', '.'});
    List<Path> files = List.of(a, dir.resolve("b-missing.pkl"), a, dir.resolve("c-missing.pkl"));
    assertThatThrownBy(() -> new Scanner().scanFiles(files, 4, null))
        .isInstanceOf(FileSystemException.class)
        .hasMessageContaining("b-missing.pkl");
  }
}
