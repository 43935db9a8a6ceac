package dev.mlsec.spark;

import static org.apache.spark.sql.functions.col;

import dev.mlsec.scan.ScanPolicy;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.internal.SQLConf;
import org.apache.spark.util.CollectionAccumulator;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import scala.Tuple2;

/**
 * {@code mlsec hub-scan}: scans every file under the inputs with the mlsec scanner on Spark and
 * writes one row per file plus {@code summary.json}; a second run over the same {@code --out} scans
 * only new and changed files. Run it with {@code spark-submit --class dev.mlsec.spark.HubScan} or
 * locally with {@code ./mlsec hub-scan}.
 */
@Command(
    name = "mlsec hub-scan",
    mixinStandardHelpOptions = true,
    versionProvider = HubScan.Version.class,
    description = "Scans the model files of a whole hub on Apache Spark (see docs/hub-scan.md).",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:every file has a row (whatever its verdict)", "2:usage or I/O error"})
public final class HubScan implements Callable<Integer> {
  static final int EXIT_INPUT = 2;

  @Parameters(
      arity = "1..*",
      paramLabel = "INPUT",
      description = "Directories or files: local paths, hdfs://, s3a://, any Hadoop file system.")
  List<String> inputs;

  @Option(
      names = "--out",
      required = true,
      paramLabel = "DIR",
      description = "Output directory: files/ (the table) and summary.json; replaced at the end.")
  String out;

  @Option(
      names = "--previous",
      paramLabel = "DIR",
      description = "Earlier output whose rows are reused for unchanged files (default: --out).")
  String previous;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      defaultValue = "parquet",
      description = "Table format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  TableFormat format;

  @Option(
      names = "--master",
      paramLabel = "URL",
      description = "Spark master (default: spark-submit's, else local[*]).")
  String master;

  @Option(
      names = "--partitions",
      paramLabel = "N",
      description = "Scan partitions (default: 4 per core of the cluster).")
  Integer partitions;

  @Option(
      names = "--rows-per-file",
      paramLabel = "N",
      defaultValue = "2500",
      description =
          "Rows per part file of the table, each a range of paths (default: ${DEFAULT-VALUE}).")
  int rowsPerFile;

  @Option(
      names = "--policy",
      paramLabel = "POLICY",
      defaultValue = "default",
      description = "Scan policy: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  ScanPolicy policy;

  @Option(
      names = "--max-time",
      paramLabel = "SECONDS",
      defaultValue = "120",
      description = "Scanner wall time per file; past it the file is inconclusive (default: 120).")
  long maxTimeSeconds;

  @Option(
      names = "--max-read",
      paramLabel = "MIB",
      defaultValue = "4096",
      description =
          "MiB fetched from storage per file; past it the file is inconclusive (default: 4096).")
  long maxReadMib;

  @Option(
      names = "--hash",
      paramLabel = "WHAT",
      defaultValue = "read",
      description =
          "sha256 of what the scanner read (read) or of the whole file (file, reads every byte).")
  Settings.Hash hash;

  @Option(
      names = "--slowest",
      paramLabel = "N",
      defaultValue = "10",
      description = "Slowest files listed in summary.json (default: 10).")
  int slowest;

  @Option(names = "--debug", description = "Show stack traces of errors.")
  boolean debug;

  public static void main(String[] args) {
    int code;
    try {
      code = run(args);
    } finally {
      SparkSession.getActiveSession()
          .foreach(
              s -> {
                s.stop();
                return null;
              });
    }
    System.exit(code);
  }

  /** Runs the command in this JVM's Spark session (created when there is none). */
  public static int run(String... args) {
    CommandLine cl = new CommandLine(new HubScan());
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    cl.registerConverter(TableFormat.class, TableFormat::parse);
    cl.registerConverter(ScanPolicy.class, ScanPolicy::parse);
    cl.setExecutionExceptionHandler(
        (ex, line, parsed) -> {
          PrintWriter e = line.getErr();
          if (((HubScan) line.getCommand()).debug) ex.printStackTrace(e);
          e.println("mlsec hub-scan: " + message(ex));
          e.flush();
          return EXIT_INPUT;
        });
    cl.setParameterExceptionHandler(
        (ex, a) -> {
          PrintWriter e = ex.getCommandLine().getErr();
          e.println("mlsec hub-scan: " + ex.getMessage());
          e.println("Try 'mlsec hub-scan --help' for more information.");
          e.flush();
          return EXIT_INPUT;
        });
    return cl.execute(args);
  }

  private static String message(Throwable ex) {
    if (ex instanceof UncheckedIOException u) ex = u.getCause();
    if (ex instanceof HubScanException) return ex.getMessage();
    // Spark wraps a missing input in its own exception; its message names the path
    return ex.getClass().getSimpleName() + ": " + ex.getMessage();
  }

  @Override
  public Integer call() throws IOException {
    SparkSession spark = session();
    Summary s = run(spark);
    System.out.println(s.line(out));
    return 0;
  }

  private SparkSession session() {
    SparkSession.Builder b = SparkSession.builder().appName("mlsec hub-scan");
    String m = master != null ? master : new SparkConf().get("spark.master", "local[*]");
    b.master(m);
    if (m.startsWith("local")) local(b);
    return b.getOrCreate();
  }

  /**
   * The settings of a local run: no port beyond the loopback, no web UI, and no generated code. The
   * job's plans are a scan of rows already made and a write of them; compiling their generated code
   * with Janino took 0.5-2 s of the driver's thread before the scan and again in the first write
   * tasks after it (serial time, and a metadata-triggered full collection), more than interpreting
   * the one row per file costs (docs/performance.md).
   */
  static SparkSession.Builder local(SparkSession.Builder b) {
    return b.config("spark.ui.enabled", "false")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.sql.codegen.wholeStage", "false")
        .config("spark.sql.codegen.factoryMode", "NO_CODEGEN");
  }

  Settings settings() {
    return new Settings(
        Version.number(), policy, Duration.ofSeconds(maxTimeSeconds), maxReadMib << 20, hash);
  }

  /** The whole run: list, reuse, scan, write, summarize, swap. */
  Summary run(SparkSession spark) throws IOException {
    if (maxTimeSeconds <= 0
        || maxReadMib <= 0
        || slowest < 0
        || rowsPerFile <= 0
        || (partitions != null && partitions <= 0))
      throw new HubScanException(
          "--max-time, --max-read, --rows-per-file and --partitions must be positive");
    Settings settings = settings();
    Phases phases = new Phases();
    String scannedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS).toString();
    Configuration hadoop = spark.sparkContext().hadoopConfiguration();
    // on S3, positioned reads must be ranged GETs, not a stream of the whole object
    hadoop.setIfUnset("fs.s3a.experimental.input.fadvise", "random");
    Path outPath = new Path(out);
    FileSystem outFs = outPath.getFileSystem(hadoop);
    outPath = outFs.makeQualified(outPath);
    refuseOutputInsideInput(hadoop, outPath);
    Previous prev = previous(outFs, hadoop, outPath, settings);

    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    Broadcast<HadoopConf> conf = jsc.broadcast(new HadoopConf(hadoop));
    try {
      // many folders are listed on the cluster, as Spark's file sources list them
      SQLConf sql = spark.sessionState().conf();
      List<FileKey> listing =
          Listing.files(
              jsc,
              conf,
              inputs,
              sql.parallelPartitionDiscoveryThreshold(),
              Math.min(sql.parallelPartitionDiscoveryParallelism(), 4 * jsc.defaultParallelism()));
      List<FileKey> toScan = listing;
      Dataset<Row> reused = null;
      if (prev != null) {
        Column[] key = HubTable.KEY.stream().map(c -> col(c)).toArray(Column[]::new);
        scala.collection.immutable.Seq<String> keySeq =
            scala.jdk.javaapi.CollectionConverters.asScala(HubTable.KEY).toList();
        Dataset<Row> listed =
            spark.createDataFrame(listing.stream().map(FileKey::row).toList(), HubTable.LISTING);
        // rows whose file could not be read are tried again
        Dataset<Row> old = prev.table(spark).filter(col(HubTable.ERROR).isNull());
        reused = old.join(listed, keySeq, "left_semi");
        // only the keys of new and changed files reach the driver, which spreads them by size
        toScan =
            listed.join(old.select(key), keySeq, "left_anti").collectAsList().stream()
                .map(FileKey::of)
                .toList();
      }
      phases.end("listing");

      int n = partitions != null ? partitions : Math.max(1, 4 * jsc.defaultParallelism());
      List<List<FileKey>> spread = Listing.balance(toScan, n);
      // one element per slice: partition i scans spread.get(i), the same files on every attempt
      JavaRDD<Row> scanned =
          jsc.parallelize(spread, spread.size())
              .flatMap(List::iterator)
              .mapPartitions(new FileScan(settings, conf, scannedAt));
      // one shuffle puts every row, scanned or reused, in its range of paths, sorted: part files
      // in partition order are the table sorted by path, written by as many tasks as there are
      // parts
      JavaPairRDD<String, Row> rows = scanned.mapToPair(HubScan::byPath);
      if (reused != null) rows = rows.union(reused.toJavaRDD().mapToPair(HubScan::byPath));
      // each write task counts the rows it writes: the summary without reading the table again
      CollectionAccumulator<Summary.Tally> counts = jsc.sc().collectionAccumulator("summary");
      Dataset<Row> table =
          spark.createDataFrame(
              rows.repartitionAndSortWithinPartitions(PathRanges.of(listing, rowsPerFile))
                  .values()
                  .mapPartitions(new Summary.Counting(counts, scannedAt, slowest)),
              HubTable.SCHEMA);

      OutputDir dir = OutputDir.create(outFs, outPath);
      try {
        format.write(table, dir.files().toString());
        phases.end("scanAndWrite");
        Summary summary = Summary.of(counts.value(), scannedAt, slowest);
        phases.end("summary");
        try (OutputStream o = outFs.create(dir.summary(), false)) {
          summary.write(o, settings, format.id(), inputs, scannedAt, phases);
        }
        dir.swap();
        return summary;
      } catch (IOException | RuntimeException e) {
        dir.discard();
        throw e;
      }
    } finally {
      conf.destroy();
    }
  }

  private static Tuple2<String, Row> byPath(Row row) {
    return new Tuple2<>(row.getString(0), row);
  }

  /** The earlier output to reuse, or null (none, or scanned with other settings). */
  private Previous previous(FileSystem outFs, Configuration hadoop, Path outPath, Settings s)
      throws IOException {
    Previous prev;
    if (previous != null) {
      Path p = new Path(previous);
      FileSystem fs = p.getFileSystem(hadoop);
      if (!OutputDir.isOutput(fs, p))
        throw new HubScanException("--previous " + previous + " is not a hub-scan output");
      prev = Previous.read(fs, fs.makeQualified(p));
    } else if (OutputDir.isOutput(outFs, outPath)) {
      prev = Previous.read(outFs, outPath);
    } else return null;
    if (!prev.settings().equals(s.fingerprint())) {
      System.err.println(
          "mlsec hub-scan: "
              + prev.dir()
              + " was scanned with other settings ("
              + prev.settings()
              + "): scanning every file again");
      return null;
    }
    return prev;
  }

  /** An output under an input would be scanned by the next run. */
  private void refuseOutputInsideInput(Configuration hadoop, Path outPath) throws IOException {
    String o = outPath.toString() + "/";
    for (String i : inputs) {
      Path p = new Path(i);
      String in = p.getFileSystem(hadoop).makeQualified(p).toString();
      if (o.startsWith(in.endsWith("/") ? in : in + "/"))
        throw new HubScanException("--out " + out + " is inside the input " + i);
    }
  }

  /** The mlsec version, from the build. */
  static final class Version implements CommandLine.IVersionProvider {
    static String number() {
      Properties p = new Properties();
      try (InputStream in = HubScan.class.getResourceAsStream("version.properties")) {
        if (in != null) p.load(in);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return p.getProperty("version", "unknown");
    }

    @Override
    public String[] getVersion() {
      return new String[] {"mlsec hub-scan " + number()};
    }
  }
}
