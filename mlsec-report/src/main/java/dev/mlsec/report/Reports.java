package dev.mlsec.report;

import dev.mlsec.analysis.Analysis;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The entry point: {@link #write} puts one format on a writer ({@code --format}), {@link #writeAll}
 * every format into a directory under fixed names ({@code --output DIR}).
 */
public final class Reports {
  private Reports() {}

  /** The writer of a format ({@link Format#writer()}). */
  public static ReportWriter writer(Format format) {
    return format.writer();
  }

  public static void write(Analysis analysis, Format format, Writer out, ReportOptions options)
      throws IOException {
    writer(format).write(analysis, out, options);
    out.flush();
  }

  public static String render(Analysis analysis, Format format, ReportOptions options) {
    StringWriter out = new StringWriter();
    try {
      write(analysis, format, out, options);
    } catch (IOException e) {
      throw new IllegalStateException("a StringWriter does not fail", e);
    }
    return out.toString();
  }

  /**
   * Writes every format into {@code dir} (created if needed), UTF-8, without colour. Returns the
   * files written, in {@link Format} order.
   */
  public static List<Path> writeAll(Analysis analysis, Path dir, ReportOptions options)
      throws IOException {
    Files.createDirectories(dir);
    ReportOptions files = options.withColor(false);
    List<Path> written = new ArrayList<>();
    for (Format format : Format.values()) {
      Path file = dir.resolve(format.fileName());
      try (Writer out =
          new BufferedWriter(
              new java.io.OutputStreamWriter(
                  Files.newOutputStream(file), StandardCharsets.UTF_8))) {
        write(analysis, format, out, files);
      }
      written.add(file);
    }
    return written;
  }
}
