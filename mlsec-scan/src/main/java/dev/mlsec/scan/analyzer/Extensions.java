package dev.mlsec.scan.analyzer;

import dev.mlsec.scan.FileFormat;
import dev.mlsec.scan.Level;
import dev.mlsec.scan.ScanContext;
import dev.mlsec.scan.ScanRule;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** What a file name's extension promises, checked against the format found by content. */
final class Extensions {
  private static final Map<String, Set<FileFormat>> EXPECTED = new HashMap<>();
  private static final Set<String> NO_CODE =
      Set.of("safetensors", "npy", "gguf", "onnx", "h5", "hdf5", "json", "txt", "csv", "png");
  private static final Set<FileFormat> CODE =
      Set.of(
          FileFormat.PICKLE,
          FileFormat.PYTORCH_LEGACY,
          FileFormat.PYTORCH_ZIP,
          FileFormat.TORCHSCRIPT);

  private Extensions() {}

  private static void expect(String exts, FileFormat... formats) {
    for (String x : exts.split(",")) EXPECTED.put(x, Set.of(formats));
  }

  static {
    FileFormat[] compressed = {
      FileFormat.PICKLE,
      FileFormat.GZIP,
      FileFormat.BZIP2,
      FileFormat.XZ,
      FileFormat.LZMA,
      FileFormat.ZLIB,
      FileFormat.LZ4,
      FileFormat.ZSTD,
      FileFormat.JOBLIB_ZF
    };
    expect("pkl,pickle,joblib", compressed);
    expect(
        "pt,pth,ckpt",
        FileFormat.PICKLE,
        FileFormat.PYTORCH_ZIP,
        FileFormat.PYTORCH_LEGACY,
        FileFormat.TORCHSCRIPT,
        FileFormat.ZIP);
    expect("npy", FileFormat.NUMPY);
    expect("npz", FileFormat.NUMPY_ZIP, FileFormat.ZIP);
    expect("safetensors", FileFormat.SAFETENSORS);
    expect("gguf", FileFormat.GGUF);
    expect("onnx", FileFormat.ONNX);
    expect("h5,hdf5", FileFormat.HDF5, FileFormat.KERAS_H5);
    expect("keras", FileFormat.KERAS_ZIP, FileFormat.ZIP);
    expect("tar", FileFormat.TAR);
    expect(
        "zip", FileFormat.ZIP, FileFormat.NUMPY_ZIP, FileFormat.KERAS_ZIP, FileFormat.PYTORCH_ZIP);
    expect("gz", FileFormat.GZIP);
    expect("lz4", FileFormat.LZ4);
    expect("zst,zstd", FileFormat.ZSTD);
    expect("7z", FileFormat.SEVEN_ZIP);
    expect("json", FileFormat.JSON, FileFormat.UNKNOWN);
  }

  static void check(ScanContext ctx, String name, FileFormat found, String member) {
    if (name == null || name.isEmpty()) return;
    String n = name.toLowerCase(Locale.ROOT);
    int dot = n.lastIndexOf('.');
    int slash = n.lastIndexOf('/');
    if (dot <= slash + 1) return;
    String ext = n.substring(dot + 1);
    Set<FileFormat> ok = EXPECTED.get(ext);
    if (ok == null || ok.contains(found)) return;
    Level level =
        NO_CODE.contains(ext) && CODE.contains(found)
            ? Level.HIGH
            : found == FileFormat.UNKNOWN ? Level.MEDIUM : Level.LOW;
    ctx.report(
        ScanRule.NAME_MISMATCH,
        level,
        -1,
        member,
        List.of(),
        "the name says ." + ext + " but the content is " + found.id());
  }
}
