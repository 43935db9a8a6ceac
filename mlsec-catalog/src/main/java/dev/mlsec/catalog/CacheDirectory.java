package dev.mlsec.catalog;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Where mlsec keeps what it may recompute between runs ({@code $MLSEC_CACHE_DIR}, else {@code
 * $XDG_CACHE_HOME/mlsec}, else {@code ~/.cache/mlsec}): a user catalog's checked conditions, the
 * command line's mapped concerns. Only a cache: whatever cannot be read or written there is
 * computed again.
 */
public final class CacheDirectory {
  private CacheDirectory() {}

  /** The folder, or empty when the environment names none (no home). */
  public static Optional<Path> get() {
    String own = System.getenv("MLSEC_CACHE_DIR");
    if (own != null && !own.isBlank()) return Optional.of(Path.of(own));
    String xdg = System.getenv("XDG_CACHE_HOME");
    if (xdg != null && !xdg.isBlank()) return Optional.of(Path.of(xdg, "mlsec"));
    String home = System.getProperty("user.home");
    return home == null || home.isBlank()
        ? Optional.empty()
        : Optional.of(Path.of(home, ".cache", "mlsec"));
  }
}
