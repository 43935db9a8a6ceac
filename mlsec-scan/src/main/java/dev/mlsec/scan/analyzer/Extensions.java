package dev.mlsec.scan.analyzer;

import dev.mlsec.scan.Format;
import dev.mlsec.scan.Level;
import dev.mlsec.scan.Rule;
import dev.mlsec.scan.ScanContext;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** What a file name's extension promises, checked against the format found by content. */
final class Extensions {
  private static final Map<String, Set<Format>> EXPECTED = new HashMap<>();
  private static final Set<String> NO_CODE =
      Set.of("safetensors", "npy", "gguf", "onnx", "h5", "hdf5", "json", "txt", "csv", "png");
  private static final Set<Format> CODE =
      Set.of(Format.PICKLE, Format.PYTORCH_LEGACY, Format.PYTORCH_ZIP, Format.TORCHSCRIPT);

  private Extensions() {}

  private static void expect(String exts, Format... formats) {
    for (String x : exts.split(",")) EXPECTED.put(x, Set.of(formats));
  }

  static {
    Format[] compressed = {
      Format.PICKLE,
      Format.GZIP,
      Format.BZIP2,
      Format.XZ,
      Format.LZMA,
      Format.ZLIB,
      Format.LZ4,
      Format.JOBLIB_ZF
    };
    expect("pkl,pickle,joblib", compressed);
    expect(
        "pt,pth,ckpt",
        Format.PICKLE,
        Format.PYTORCH_ZIP,
        Format.PYTORCH_LEGACY,
        Format.TORCHSCRIPT,
        Format.ZIP);
    expect("npy", Format.NUMPY);
    expect("npz", Format.NUMPY_ZIP, Format.ZIP);
    expect("safetensors", Format.SAFETENSORS);
    expect("gguf", Format.GGUF);
    expect("onnx", Format.ONNX);
    expect("h5,hdf5", Format.HDF5, Format.KERAS_H5);
    expect("keras", Format.KERAS_ZIP, Format.ZIP);
    expect("tar", Format.TAR);
    expect("zip", Format.ZIP, Format.NUMPY_ZIP, Format.KERAS_ZIP, Format.PYTORCH_ZIP);
    expect("gz", Format.GZIP);
    expect("lz4", Format.LZ4);
    expect("7z", Format.SEVEN_ZIP);
    expect("json", Format.JSON, Format.UNKNOWN);
  }

  static void check(ScanContext ctx, String name, Format found, String member) {
    if (name == null || name.isEmpty()) return;
    String n = name.toLowerCase(Locale.ROOT);
    int dot = n.lastIndexOf('.');
    int slash = n.lastIndexOf('/');
    if (dot <= slash + 1) return;
    String ext = n.substring(dot + 1);
    Set<Format> ok = EXPECTED.get(ext);
    if (ok == null || ok.contains(found)) return;
    Level level =
        NO_CODE.contains(ext) && CODE.contains(found)
            ? Level.HIGH
            : found == Format.UNKNOWN ? Level.MEDIUM : Level.LOW;
    ctx.report(
        Rule.NAME_MISMATCH,
        level,
        -1,
        member,
        List.of(),
        "the name says ." + ext + " but the content is " + found.id());
  }
}
