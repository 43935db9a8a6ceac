package dev.mlsec.report;

import dev.mlsec.analysis.Analysis;
import java.io.IOException;
import java.io.Writer;

/** Renders one analysis in one format. Implementations are stateless. */
public interface ReportWriter {
  void write(Analysis analysis, Writer out, ReportOptions options) throws IOException;
}
