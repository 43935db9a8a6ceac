package dev.mlsec.model;

/** Where a node stands in a source file: 1-based line and column, as editors count them. */
public record Position(String file, int line, int column) implements Comparable<Position> {

  public static final Position NONE = new Position("", 0, 0);

  @Override
  public String toString() {
    return file + ":" + line + ":" + column;
  }

  @Override
  public int compareTo(Position o) {
    int c = file.compareTo(o.file);
    if (c != 0) return c;
    c = Integer.compare(line, o.line);
    return c != 0 ? c : Integer.compare(column, o.column);
  }
}
