package dev.mlsec.spark;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mlsec.scan.FileReport;
import dev.mlsec.scan.ScanPolicy;
import dev.mlsec.scan.Scanner;
import dev.mlsec.scan.adversarial.AdversarialCorpus;
import dev.mlsec.scan.output.ReportJson;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The job in local[2] (two threads, tasks retried), against the scanner library and CLI JSON. */
@Tag("spark")
class HubScanTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static SparkSession spark;

  @TempDir Path tmp;

  @BeforeAll
  static void start() {
    spark =
        HubScan.local(SparkSession.builder())
            .master("local[2,3]") // 2 threads; a failed task is tried up to 3 times
            .appName("hub-scan-test")
            .config("spark.sql.shuffle.partitions", "4")
            .config("spark.hadoop.fs.file.impl", FaultyLocalFileSystem.class.getName())
            .config("spark.hadoop.fs.file.impl.disable.cache", "true")
            .getOrCreate();
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  @Test
  void sameVerdictsRulesAndBytesAsMlsecScanJson() throws IOException {
    Path adversarial = tmp.resolve("adversarial");
    AdversarialCorpus.main(new String[] {adversarial.toString()});
    // a repository whose config names its shipped module: the job reads the configs beside a
    // local .py as `mlsec scan DIR` does (hf.remote-code on the module, the training script clean)
    Path repo = Files.createDirectories(tmp.resolve("remote-code"));
    Files.writeString(
        repo.resolve("config.json"), "{\"auto_map\": {\"AutoModel\": \"modeling_m.MModel\"}}");
    Files.writeString(repo.resolve("modeling_m.py"), "import subprocess\n");
    Files.writeString(repo.resolve("train.py"), "print(1)\n");
    List<Path> inputs = new ArrayList<>(List.of(adversarial, repo));
    Path benign = Path.of(System.getProperty("mlsec.shared", "../shared"), "corpus", "benign");
    if (Files.isDirectory(benign)) inputs.add(benign.toAbsolutePath().normalize());
    else System.out.println("benign corpus absent (" + benign + "): adversarial files only");
    Path out = tmp.resolve("out");

    // small part files, so the table is written as several ranges of paths; the stock local file
    // system, whose files the job reads through a FileChannel
    assertThat(
            onStockLocalFileSystem(
                () ->
                    run(
                        inputs,
                        "--out",
                        out.toString(),
                        "--format",
                        "jsonl",
                        "--rows-per-file",
                        "7")))
        .isZero();
    // through Hadoop's own stream (another local file system class is used as it is): same rows
    Path viaHadoop = tmp.resolve("via-hadoop");
    assertThat(run(inputs, "--out", viaHadoop.toString(), "--format", "jsonl")).isZero();
    assertThat(withoutTimes(rows(viaHadoop))).isEqualTo(withoutTimes(rows(out)));

    // what `mlsec scan --format json` prints for the same files
    ByteArrayOutputStream cliOut = new ByteArrayOutputStream();
    List<FileReport> reports = new Scanner().scanAll(inputs);
    ReportJson.write(reports, ScanPolicy.DEFAULT, cliOut);
    JsonNode cli = JSON.readTree(cliOut.toByteArray());
    Map<String, JsonNode> rows = rows(out);
    assertThat(rows.keySet()).hasSize(reports.size());
    for (JsonNode f : cli.get("files")) {
      String path = Path.of(f.get("path").asText()).toAbsolutePath().normalize().toString();
      JsonNode row = rows.get(path);
      assertThat(row).as(path).isNotNull();
      assertThat(row.get("verdict").asText()).as(path).isEqualTo(f.get("verdict").asText());
      assertThat(texts(row.get("rules"))).as(path).isEqualTo(distinctRules(f));
      assertThat(texts(row.get("formats"))).as(path).isEqualTo(texts(f.get("formats")));
      assertThat(row.get("bytesRead").asLong()).as(path).isEqualTo(f.get("bytesRead").asLong());
      assertThat(row.get("error").isNull()).as(path).isTrue();
      assertThat(row.get("sha256").asText()).as(path).matches("[0-9a-f]{64}");
    }
    JsonNode summary = summary(out);
    for (String v : List.of("clean", "suspicious", "malicious", "inconclusive"))
      assertThat(summary.get("verdicts").get(v).asLong())
          .as(v)
          .isEqualTo(cli.get("summary").get(v).asLong());
    assertThat(summary.get("files").asLong()).isEqualTo(reports.size());
    assertThat(summary.get("scanned").asLong()).isEqualTo(reports.size());
    assertThat(summary.get("reused").asLong()).isZero();
    assertThat(summary.get("verdicts").get("malicious").asLong()).isPositive();
    assertThat(texts(rows.get(repo.resolve("modeling_m.py").toString()).get("rules")))
        .containsExactly("hf.remote-code");

    // part files in name order, each in row order, are the table sorted by path
    List<String> inPartOrder = new ArrayList<>();
    for (Path part : parts(out))
      for (String line : Files.readAllLines(part))
        inPartOrder.add(JSON.readTree(line).get("path").asText());
    assertThat(parts(out)).hasSize((reports.size() + 6) / 7);
    assertThat(inPartOrder).hasSize(reports.size()).isSorted().doesNotHaveDuplicates();
  }

  @Test
  void secondRunScansOnlyTheChangedAndTheNewFile() throws IOException {
    Path hub = Files.createDirectories(tmp.resolve("hub"));
    Files.write(hub.resolve("a.pkl"), benignPickle());
    Files.write(hub.resolve("b.pkl"), benignPickle());
    Files.write(hub.resolve("c.pkl"), benignPickle());
    Path out = tmp.resolve("out");
    assertThat(run(List.of(hub), "--out", out.toString())).isZero();
    assertThat(summary(out).get("scanned").asLong()).isEqualTo(3);

    Path changed = hub.resolve("b.pkl");
    Files.write(changed, evilPickle());
    Files.setLastModifiedTime(changed, FileTime.fromMillis(System.currentTimeMillis() + 10_000));
    Files.write(hub.resolve("d.pkl"), benignPickle());
    assertThat(run(List.of(hub), "--out", out.toString(), "--rows-per-file", "1")).isZero();

    JsonNode s = summary(out);
    assertThat(s.get("scanned").asLong()).isEqualTo(2);
    assertThat(s.get("reused").asLong()).isEqualTo(2);
    assertThat(s.get("files").asLong()).isEqualTo(4);
    assertThat(s.get("verdicts").get("malicious").asLong()).isEqualTo(1);
    List<String> paths =
        spark
            .read()
            .parquet(out.resolve("files").toString())
            .select("path")
            .as(org.apache.spark.sql.Encoders.STRING())
            .collectAsList();
    assertThat(paths).hasSize(4).doesNotHaveDuplicates();
    // reused and scanned rows merged in path order: one part per row here, a.pkl first
    List<String> inPartOrder = new ArrayList<>();
    try (Stream<Path> parts = Files.list(out.resolve("files"))) {
      for (Path part :
          parts.filter(p -> p.getFileName().toString().endsWith(".parquet")).sorted().toList())
        inPartOrder.addAll(
            spark
                .read()
                .parquet(part.toString())
                .select("path")
                .as(org.apache.spark.sql.Encoders.STRING())
                .collectAsList());
    }
    assertThat(inPartOrder)
        .extracting(p -> p.substring(p.lastIndexOf('/') + 1))
        .containsExactly("a.pkl", "b.pkl", "c.pkl", "d.pkl");

    // other settings: nothing is reused
    assertThat(run(List.of(hub), "--out", out.toString(), "--policy", "strict")).isZero();
    assertThat(summary(out).get("scanned").asLong()).isEqualTo(4);
  }

  @Test
  void brokenEmptyUnreadableHugeAndRetriedFilesAreRowsNotFailures()
      throws IOException, InterruptedException {
    Path hub = Files.createDirectories(tmp.resolve("hub"));
    Files.write(hub.resolve("empty.pt"), new byte[0]);
    Files.write(
        hub.resolve("garbage.safetensors"), "not a header".getBytes(StandardCharsets.UTF_8));
    byte[] zip = Files.readAllBytes(writeZip(hub.resolve("whole.zip")));
    Files.write(hub.resolve("truncated.pt"), java.util.Arrays.copyOf(zip, zip.length / 2));
    Files.write(hub.resolve("unreadable.pkl"), benignPickle());
    Files.write(hub.resolve("dies-once.pkl"), evilPickle());
    Files.write(hub.resolve("long.pkl"), longPickle(1100)); // 2.2 MB of opcodes to read
    try (RandomAccessFile huge = new RandomAccessFile(hub.resolve("huge.bin").toFile(), "rw")) {
      huge.setLength(6L << 30); // sparse: 6 GiB stored, nothing on disk
    }
    // hidden to Spark's file sources, not to `mlsec scan DIR`
    Files.writeString(hub.resolve(".gitattributes"), "*.pkl filter=lfs\n");
    Files.write(hub.resolve("_private.pkl"), evilPickle());
    Files.write(Files.createDirectories(hub.resolve(".cache")).resolve("cached.pkl"), evilPickle());
    // a hidden link back to the hub: not followed (it would loop), as by `mlsec scan DIR`
    Files.createSymbolicLink(hub.resolve(".linked"), hub);
    Path fifo = hub.resolve("fifo.pkl");
    assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor() == 0).isTrue();
    Path out = tmp.resolve("out");

    assertThat(run(List.of(hub), "--out", out.toString(), "--format", "jsonl", "--max-read", "1"))
        .isZero();

    Map<String, JsonNode> rows = rows(out);
    // the FIFO is not read (a link or device neither), as `mlsec scan DIR` skips it
    assertThat(rows.keySet())
        .extracting(p -> Path.of(p).getFileName().toString())
        .containsExactlyInAnyOrder(
            "empty.pt",
            "garbage.safetensors",
            "whole.zip",
            "truncated.pt",
            "unreadable.pkl",
            "dies-once.pkl",
            "long.pkl",
            "huge.bin",
            ".gitattributes",
            "_private.pkl",
            "cached.pkl");
    assertThat(rows.get(hub.resolve("_private.pkl").toString()).get("verdict").asText())
        .isEqualTo("malicious");
    JsonNode unreadable = rows.get(hub.resolve("unreadable.pkl").toString());
    assertThat(unreadable.get("verdict").asText()).isEqualTo("inconclusive");
    assertThat(unreadable.get("error").asText()).contains("AccessDeniedException");
    assertThat(rows.get(hub.resolve("dies-once.pkl").toString()).get("verdict").asText())
        .isEqualTo("malicious");
    JsonNode longPickle = rows.get(hub.resolve("long.pkl").toString());
    assertThat(longPickle.get("verdict").asText()).isEqualTo("inconclusive");
    assertThat(texts(longPickle.get("rules"))).contains("scan.limit");
    long hugeRead = rows.get(hub.resolve("huge.bin").toString()).get("bytesRead").asLong();
    assertThat(hugeRead)
        .isEqualTo(new Scanner().scan(hub.resolve("huge.bin")).bytesRead())
        .isLessThan(1 << 20);
    for (String name : List.of("empty.pt", "garbage.safetensors", "truncated.pt")) {
      JsonNode r = rows.get(hub.resolve(name).toString());
      assertThat(r.get("error").isNull()).as(name).isTrue();
      assertThat(r.get("verdict").asText())
          .as(name)
          .isEqualTo(new Scanner().scan(hub.resolve(name)).verdict().id());
    }
    assertThat(summary(out).get("errors").asLong()).isEqualTo(1);
  }

  @Test
  void manyFoldersAreListedByTasksHiddenNamesIncludedLinkedFoldersNotFollowed() throws IOException {
    Path hub = Files.createDirectories(tmp.resolve("hub"));
    for (int i = 0; i < 12; i++) {
      Path repo = Files.createDirectories(hub.resolve(String.format("repo-%02d", i)));
      Files.write(repo.resolve("model.pkl"), i % 4 == 0 ? evilPickle() : benignPickle());
      Files.writeString(Files.createDirectories(repo.resolve(".git")).resolve("HEAD"), "ref\n");
      Files.write(Files.createDirectories(repo.resolve("_sub")).resolve("w.pkl"), evilPickle());
    }
    Files.write(
        Files.createDirectories(hub.resolve("repo-03/a/b/c")).resolve("d.pkl"), evilPickle());
    Files.write(hub.resolve("repo-04/.model.pkl.crc"), benignPickle());
    Files.createSymbolicLink(hub.resolve("repo-05/loop"), hub);
    Files.createDirectories(hub.resolve("repo-06/empty"));
    Path single = Files.write(tmp.resolve("single.pkl"), evilPickle());
    Path globbed = Files.createDirectories(tmp.resolve("globbed-1"));
    Files.write(globbed.resolve("g.pkl"), benignPickle());
    List<Path> expected = new ArrayList<>(List.of(single, globbed.resolve("g.pkl")));
    try (Stream<Path> s = Files.walk(hub)) {
      s.filter(Files::isRegularFile).forEach(expected::add);
    }
    Path out = tmp.resolve("out");

    // past 3 folders, the rest of the walk is a job: here from the second level on
    String threshold = "spark.sql.sources.parallelPartitionDiscovery.threshold";
    spark.conf().set(threshold, "3");
    try {
      assertThat(
              run(
                  List.of(hub, single, tmp.resolve("glob*-1")),
                  "--out",
                  out.toString(),
                  "--format",
                  "jsonl"))
          .isZero();
    } finally {
      spark.conf().unset(threshold);
    }

    Map<String, JsonNode> rows = rows(out);
    assertThat(rows.keySet())
        .containsExactlyInAnyOrderElementsOf(expected.stream().map(Path::toString).toList());
    assertThat(rows.get(hub.resolve("repo-03/a/b/c/d.pkl").toString()).get("verdict").asText())
        .isEqualTo("malicious");
    JsonNode summary = summary(out);
    assertThat(summary.get("files").asLong()).isEqualTo(expected.size());
    // repo-00, -04, -08 and single.pkl; a _sub/w.pkl per repo; d.pkl
    assertThat(summary.get("verdicts").get("malicious").asLong()).isEqualTo(4 + 12 + 1);
    assertThat(run(List.of(tmp.resolve("nothing*")), "--out", out.toString())).isEqualTo(2);
  }

  @Test
  void aFailedRunLeavesThePreviousOutputWhole() throws IOException, NoSuchAlgorithmException {
    Path hub = Files.createDirectories(tmp.resolve("hub"));
    Files.write(hub.resolve("a.pkl"), benignPickle());
    Path out = tmp.resolve("out");
    String fileSha =
        HexFormat.of()
            .formatHex(
                MessageDigest.getInstance("SHA-256")
                    .digest(Files.readAllBytes(hub.resolve("a.pkl"))));
    Path channel = tmp.resolve("channel");
    assertThat(
            onStockLocalFileSystem(
                () -> run(List.of(hub), "--out", channel.toString(), "--hash", "file")))
        .isZero();
    assertThat(
            JSON.readTree(
                    spark.read().parquet(channel.resolve("files").toString()).toJSON().first())
                .get("sha256")
                .asText())
        .isEqualTo(fileSha);
    deleteTree(channel);
    assertThat(run(List.of(hub), "--out", out.toString(), "--hash", "file")).isZero();
    String before = Files.readString(out.resolve("summary.json"));
    JsonNode row =
        JSON.readTree(spark.read().parquet(out.resolve("files").toString()).toJSON().first());
    assertThat(row.get("hashed").asText()).isEqualTo("file");
    assertThat(row.get("sha256").asText()).isEqualTo(fileSha);

    assertThat(run(List.of(tmp.resolve("missing")), "--out", out.toString())).isEqualTo(2);
    assertThat(Files.readString(out.resolve("summary.json"))).isEqualTo(before);
    try (Stream<Path> s = Files.list(tmp)) {
      assertThat(s.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("hub", "out");
    }

    Path notOurs = Files.createDirectories(tmp.resolve("notours"));
    Files.writeString(notOurs.resolve("keep.txt"), "mine");
    assertThat(run(List.of(hub), "--out", notOurs.toString())).isEqualTo(2);
    assertThat(notOurs.resolve("keep.txt")).hasContent("mine");
    assertThat(run(List.of(hub), "--out", hub.resolve("out").toString())).isEqualTo(2);
  }

  /**
   * Runs {@code job} with Hadoop's stock local file system instead of the faulty one (the cache of
   * file systems is off in these tests, so the configuration decides each lookup).
   */
  private static int onStockLocalFileSystem(java.util.function.IntSupplier job) {
    org.apache.hadoop.conf.Configuration c = spark.sparkContext().hadoopConfiguration();
    String faulty = c.get("fs.file.impl");
    c.set("fs.file.impl", org.apache.hadoop.fs.LocalFileSystem.class.getName());
    try {
      return job.getAsInt();
    } finally {
      c.set("fs.file.impl", faulty);
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) Files.delete(p);
    }
  }

  /** Rows without the fields that differ between two runs over the same files. */
  private static Map<String, JsonNode> withoutTimes(Map<String, JsonNode> rows) {
    Map<String, JsonNode> out = new TreeMap<>();
    rows.forEach(
        (path, row) -> {
          com.fasterxml.jackson.databind.node.ObjectNode o = row.deepCopy();
          o.remove(List.of("scanMillis", "scannedAt"));
          out.put(path, o);
        });
    return out;
  }

  private static int run(List<Path> inputs, String... options) {
    List<String> args = new ArrayList<>();
    for (Path p : inputs) args.add(p.toString());
    args.addAll(List.of(options));
    return HubScan.run(args.toArray(String[]::new));
  }

  /** The JSON-lines table, by local path; fails on a path that has two rows. */
  private static Map<String, JsonNode> rows(Path out) throws IOException {
    Map<String, JsonNode> rows = new TreeMap<>();
    for (Path part : parts(out))
      for (String line : Files.readAllLines(part)) {
        JsonNode row = JSON.readTree(line);
        String local = new org.apache.hadoop.fs.Path(row.get("path").asText()).toUri().getPath();
        assertThat(rows.put(local, row)).as("a second row for " + local).isNull();
      }
    return rows;
  }

  /** The JSON-lines part files, by name: part-00000-..., part-00001-..., ... */
  private static List<Path> parts(Path out) throws IOException {
    try (Stream<Path> s = Files.list(out.resolve("files"))) {
      return s.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList();
    }
  }

  private static JsonNode summary(Path out) throws IOException {
    return JSON.readTree(out.resolve("summary.json").toFile());
  }

  private static List<String> texts(JsonNode array) {
    List<String> l = new ArrayList<>();
    array.forEach(n -> l.add(n.asText()));
    return l;
  }

  private static List<String> distinctRules(JsonNode cliFile) {
    LinkedHashSet<String> rules = new LinkedHashSet<>();
    cliFile.get("findings").forEach(f -> rules.add(f.get("rule").asText()));
    return List.copyOf(rules);
  }

  /** {@code pickle.dumps({"k": 1}, protocol=2)}. */
  static byte[] benignPickle() {
    return new byte[] {(byte) 0x80, 2, '}', 'q', 0, 'U', 1, 'k', 'K', 1, 's', '.'};
  }

  /** A protocol-2 pickle calling {@code os.system("id")}. */
  static byte[] evilPickle() {
    return "\u0080\u0002cos\nsystem\nq\u0000U\u0002id\u0085R."
        .getBytes(StandardCharsets.ISO_8859_1);
  }

  /** A benign list built by {@code batches} APPENDS of 1000 small ints: 2 KB per batch. */
  static byte[] longPickle(int batches) {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    b.write(0x80);
    b.write(2);
    b.write(']');
    for (int i = 0; i < batches; i++) {
      b.write('(');
      for (int k = 0; k < 1000; k++) {
        b.write('K');
        b.write(1);
      }
      b.write('e');
    }
    b.write('.');
    return b.toByteArray();
  }

  private static Path writeZip(Path zip) throws IOException {
    try (var z = new java.util.zip.ZipOutputStream(Files.newOutputStream(zip))) {
      z.putNextEntry(new java.util.zip.ZipEntry("archive/data.pkl"));
      z.write(benignPickle());
      z.closeEntry();
      z.putNextEntry(new java.util.zip.ZipEntry("archive/data/0"));
      z.write(new byte[4096]);
      z.closeEntry();
    }
    return zip;
  }
}
