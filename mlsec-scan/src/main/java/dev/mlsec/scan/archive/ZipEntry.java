package dev.mlsec.scan.archive;

/**
 * One entry as the central directory and its local header describe it. Offsets are absolute in the
 * archive blob; {@code dataStart} is -1 when the local header is unreadable.
 */
public record ZipEntry(
    String name,
    String localName,
    int flags,
    int localFlags,
    int method,
    int localMethod,
    long crc,
    long compressedSize,
    long size,
    long headerOffset,
    long dataStart) {

  public boolean encrypted() {
    return (flags & 1) != 0 || (localFlags & 1) != 0;
  }

  public boolean isDirectory() {
    return name.endsWith("/");
  }
}
