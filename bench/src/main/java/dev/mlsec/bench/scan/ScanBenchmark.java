package dev.mlsec.bench.scan;

import dev.mlsec.scan.FileReport;
import dev.mlsec.scan.Scanner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * JMH: scanning the large benign pickles of the shared corpus and a generated 3.5 GB sparse PyTorch
 * zip, under a 256 MB heap. The shared corpus is found through -Dmlsec.shared (default ../shared).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Xmx256m")
public class ScanBenchmark {
  @Param({"pickle_list_2M_ints.pkl", "pickle_dict_200k_str_keys.pkl", "large-torch.pt"})
  public String file;

  private Path path;
  private Path generated;
  private final Scanner scanner = new Scanner();

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    if (file.equals("large-torch.pt")) {
      generated = Files.createTempFile("mlsec-bench", ".pt");
      LargeTorchZip.write(generated, 3_500_000_000L);
      path = generated;
    } else {
      path = Path.of(System.getProperty("mlsec.shared", "../shared"), "corpus", "benign", file);
      if (!Files.exists(path)) throw new IOException("missing " + path + " (set -Dmlsec.shared)");
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    if (generated != null) Files.deleteIfExists(generated);
  }

  @Benchmark
  public FileReport scan() throws IOException {
    return scanner.scan(path);
  }
}
