package dev.mlsec.scan.archive;

/** A tar member: {@code type} is the header's type flag ('0' file, '1'/'2' links, ...). */
public record TarEntry(String name, char type, long dataStart, long size, String linkName) {
  public boolean isFile() {
    return type == '0' || type == '\0' || type == '7';
  }
}
