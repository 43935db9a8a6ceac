package dev.mlsec.scan;

/** Thrown when a scan must stop because a {@link ScanLimits} bound was reached. */
public final class LimitReachedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public LimitReachedException(String message) {
    super(message, null, false, false);
  }
}
