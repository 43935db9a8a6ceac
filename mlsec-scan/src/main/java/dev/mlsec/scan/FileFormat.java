package dev.mlsec.scan;

/** Formats recognized by content. The id is what every output shows. */
public enum FileFormat {
  PICKLE("pickle"),
  PYTORCH_ZIP("pytorch-zip"),
  PYTORCH_LEGACY("pytorch-legacy"),
  TORCHSCRIPT("torchscript"),
  JOBLIB("joblib"),
  NUMPY("npy"),
  NUMPY_ZIP("npz"),
  ZIP("zip"),
  TAR("tar"),
  GZIP("gzip"),
  BZIP2("bzip2"),
  XZ("xz"),
  LZMA("lzma"),
  ZLIB("zlib"),
  LZ4("lz4"),
  ZSTD("zstd"),
  JOBLIB_ZF("joblib-zf"),
  SEVEN_ZIP("7z"),
  HDF5("hdf5"),
  KERAS_H5("keras-h5"),
  KERAS_ZIP("keras"),
  ONNX("onnx"),
  SAFETENSORS("safetensors"),
  GGUF("gguf"),
  SAVED_MODEL("tf-savedmodel"),
  JSON("json"),
  UNKNOWN("unknown"),
  DIRECTORY("directory");

  private final String id;

  FileFormat(String id) {
    this.id = id;
  }

  public String id() {
    return id;
  }
}
