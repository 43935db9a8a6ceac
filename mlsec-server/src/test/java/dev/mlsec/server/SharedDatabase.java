package dev.mlsec.server;

import dev.mlsec.server.store.Store;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One embedded PostgreSQL for every test in this JVM: it takes seconds to start. Tests keep apart
 * by giving their projects, users and tokens names of their own. With MLSEC_TEST_DB (a JDBC URL,
 * user and password in MLSEC_TEST_DB_USER / MLSEC_TEST_DB_PASSWORD) they run against that
 * PostgreSQL instead, as {@code --db} does; it must be an empty database.
 */
public final class SharedDatabase {
  private static Database database;

  private SharedDatabase() {}

  public static Store store() {
    return store(null);
  }

  /**
   * The shared database, accepting findings of {@code secondApprovalFrom} or worse in two steps.
   */
  public static synchronized Store store(String secondApprovalFrom) {
    if (database == null && System.getenv("MLSEC_TEST_DB") != null) {
      database =
          Database.connect(
              System.getenv("MLSEC_TEST_DB"),
              System.getenv("MLSEC_TEST_DB_USER"),
              System.getenv("MLSEC_TEST_DB_PASSWORD"));
    }
    if (database == null) {
      try {
        Path dir = Files.createTempDirectory("mlsec-server-test-");
        database = Database.embedded(dir);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      Runtime.getRuntime().addShutdownHook(new Thread(database::close));
    }
    return new Store(database.jdbi(), secondApprovalFrom);
  }
}
