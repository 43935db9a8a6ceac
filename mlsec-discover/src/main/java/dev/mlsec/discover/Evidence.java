package dev.mlsec.discover;

/**
 * Where a fact was read: a file relative to the repository, a 1-based line (0 when the whole file
 * is the evidence), and optionally a short note on how it was read.
 */
public record Evidence(String file, int line, String note) implements Comparable<Evidence> {
  public Evidence {
    note = note == null ? "" : note;
  }

  public static Evidence at(String file, int line) {
    return new Evidence(file, line, "");
  }

  public static Evidence at(String file, int line, String note) {
    return new Evidence(file, line, note);
  }

  /** {@code dvc.yaml:12}, or the file alone. */
  public String where() {
    return line > 0 ? file + ":" + line : file;
  }

  @Override
  public int compareTo(Evidence o) {
    int c = file.compareTo(o.file);
    return c != 0 ? c : Integer.compare(line, o.line);
  }
}
