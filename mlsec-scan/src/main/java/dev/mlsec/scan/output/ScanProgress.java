package dev.mlsec.scan.output;

import dev.mlsec.scan.FileReport;
import dev.mlsec.scan.Verdict;
import java.io.Console;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One progress line on stderr while a directory is scanned: files done, bytes, verdicts so far, the
 * current file. It is written only to a terminal; redirected or piped, it writes nothing, so output
 * files and CI logs stay clean.
 */
public final class ScanProgress {
  private final PrintStream err;
  private final boolean enabled;
  private final int total;
  private final long totalBytes;
  private final int width;
  private final Map<Verdict, Integer> verdicts = new EnumMap<>(Verdict.class);
  private int done;
  private long bytes;
  private boolean drawn;

  /**
   * @param enabled whether to draw at all (see {@link #stderrIsTerminal()})
   * @param width the terminal's width in columns
   */
  public ScanProgress(PrintStream err, boolean enabled, int total, long totalBytes, int width) {
    this.err = err;
    this.enabled = enabled && total > 1;
    this.total = total;
    this.totalBytes = totalBytes;
    this.width = Math.max(20, width);
  }

  /** A file is about to be scanned. */
  public void starting(Path file) {
    if (!enabled) return;
    err.print(
        "\r" + render(done, total, bytes, totalBytes, verdicts, file.toString(), width) + "\033[K");
    err.flush();
    drawn = true;
  }

  /** A file was scanned. */
  public void finished(FileReport r) {
    done++;
    bytes += r.size();
    verdicts.merge(r.verdict(), 1, Integer::sum);
  }

  /** Clears the line, before the report is printed. */
  public void close() {
    if (drawn) err.print("\r\033[K");
    err.flush();
  }

  /**
   * The progress line, at most {@code width} columns: {@code [12/40 30%] 1.2/8.0 MB clean 10
   * suspicious 1 | path}; the path is shortened from the left and made safe for a terminal.
   */
  public static String render(
      int done,
      int total,
      long bytes,
      long totalBytes,
      Map<Verdict, Integer> verdicts,
      String current,
      int width) {
    StringBuilder b = new StringBuilder();
    int pct = total == 0 ? 100 : (int) (100L * done / total);
    b.append('[').append(done).append('/').append(total).append(' ').append(pct).append("%] ");
    b.append(size(bytes)).append('/').append(size(totalBytes));
    for (Verdict v : Verdict.values()) {
      Integer n = verdicts.get(v);
      if (n != null && n > 0)
        b.append(' ').append(v.name().toLowerCase(Locale.ROOT)).append(' ').append(n);
    }
    b.append(" | ");
    int room = width - 1 - b.length();
    String path = ReportText.safe(current);
    if (room < 4) return b.substring(0, Math.min(b.length(), width - 1));
    if (path.length() > room) path = "..." + path.substring(path.length() - (room - 3));
    return b.append(path).toString();
  }

  static String size(long n) {
    if (n < 1024) return n + " B";
    String[] units = {"KB", "MB", "GB", "TB"};
    double v = n;
    int u = -1;
    while (v >= 1024 && u < units.length - 1) {
      v /= 1024;
      u++;
    }
    return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
  }

  /**
   * Whether stderr is a terminal ({@link #isTerminal}). {@code TERM=dumb} and CI never get a
   * progress line.
   */
  public static boolean stderrIsTerminal() {
    if ("dumb".equals(System.getenv("TERM")) || System.getenv("CI") != null) return false;
    return isTerminal(2);
  }

  /**
   * Whether a standard stream (1 for stdout, 2 for stderr) is a terminal: on Linux, what its file
   * descriptor links to ({@code /dev/pts/N}, {@code /dev/ttyN}); elsewhere, whether the JVM has a
   * console that is a terminal.
   */
  public static boolean isTerminal(int fd) {
    Path link = Path.of("/proc/self/fd/" + fd);
    try {
      if (Files.isSymbolicLink(link)) {
        String target = Files.readSymbolicLink(link).toString();
        return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
      }
    } catch (IOException | SecurityException | UnsupportedOperationException e) {
      // fall through to the console test
    }
    return Optional.ofNullable(System.console()).map(ScanProgress::isTerminal).orElse(false);
  }

  /** From Java 22 on there is always a console; its isTerminal says whether it is a terminal. */
  private static boolean isTerminal(Console console) {
    try {
      return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
    } catch (ReflectiveOperationException e) {
      return true; // Java 17 to 21: a console exists only on a terminal
    }
  }

  /** The terminal width from {@code COLUMNS}, 80 when unknown. */
  public static int terminalWidth() {
    try {
      String c = System.getenv("COLUMNS");
      return c == null ? 80 : Integer.parseInt(c.strip());
    } catch (NumberFormatException e) {
      return 80;
    }
  }
}
