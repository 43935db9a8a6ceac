package dev.mlsec.spark;

/** A usage error (a missing input, an output that is not ours): exit code 2, one message. */
final class HubScanException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  HubScanException(String message) {
    super(message);
  }
}
