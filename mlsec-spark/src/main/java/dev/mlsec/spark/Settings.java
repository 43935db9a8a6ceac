package dev.mlsec.spark;

import dev.mlsec.scan.ScanLimits;
import dev.mlsec.scan.ScanPolicy;
import java.io.Serializable;
import java.time.Duration;
import java.util.Locale;

/**
 * What a run's rows depend on besides the files. Rows of a previous run are reused only when its
 * settings are equal: another policy, limit, hash or scanner version means scanning again.
 *
 * @param version the mlsec version that scanned
 * @param policy the scan policy
 * @param maxTime the scanner's wall-time limit per file
 * @param maxReadBytes bytes fetched from storage per file before the scan stops (inconclusive)
 * @param hash what {@code sha256} is taken of
 */
record Settings(String version, ScanPolicy policy, Duration maxTime, long maxReadBytes, Hash hash)
    implements Serializable {

  /** {@code read}: the bytes the scanner read, each once, in the order first read. */
  enum Hash {
    READ,
    FILE;

    String id() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  ScanLimits limits() {
    return ScanLimits.defaults().withMaxTime(maxTime);
  }

  /** One line that equals another run's exactly when their rows are interchangeable. */
  String fingerprint() {
    return "mlsec "
        + version
        + ", policy "
        + policy.id()
        + ", max time "
        + maxTime.toMillis()
        + " ms, max read "
        + maxReadBytes
        + " bytes, sha256 of "
        + hash.id();
  }
}
