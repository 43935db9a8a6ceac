package dev.mlsec.catalog.doc;

/** A Markdown text being built line by line, always with Unix line ends. */
final class Markdown {

  private final StringBuilder text = new StringBuilder();

  void line(String line) {
    text.append(line.replace("\r", "").replace("\n", " ").stripTrailing()).append('\n');
  }

  /** Lines kept as they are, for code blocks. */
  void block(String lines) {
    for (String l : lines.strip().split("\n", -1)) {
      text.append(l.replace("\r", "").stripTrailing()).append('\n');
    }
  }

  void blank() {
    text.append('\n');
  }

  /** A table row; pipes inside cells are escaped so that they do not split the cell. */
  void row(String... cells) {
    StringBuilder b = new StringBuilder("|");
    for (String c : cells) {
      b.append(' ').append(c.replace("|", "\\|")).append(" |");
    }
    line(b.toString());
  }

  @Override
  public String toString() {
    return text.toString();
  }
}
