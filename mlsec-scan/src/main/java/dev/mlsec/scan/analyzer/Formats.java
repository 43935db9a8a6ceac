package dev.mlsec.scan.analyzer;

import java.util.List;

/**
 * The formats in the order they are tried. Formats with a magic number come first; formats that can
 * only be recognized by reading them (protobuf, header-less pickles) come last.
 */
public final class Formats {
  private Formats() {}

  public static final List<FormatAnalyzer> ORDER =
      List.of(
          new ZipAnalyzer(),
          new SevenZipAnalyzer(),
          new NpyAnalyzer(),
          new GgufAnalyzer(),
          new Hdf5Analyzer(),
          new Decompression(),
          new TarAnalyzer(),
          new SafetensorsAnalyzer(),
          new PickleAnalyzer(),
          new JsonAnalyzer(),
          new ProtobufAnalyzer(),
          new EmbeddedKerasAnalyzer(),
          new HeaderlessPickleAnalyzer());
}
