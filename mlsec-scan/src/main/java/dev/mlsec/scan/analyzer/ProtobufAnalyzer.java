package dev.mlsec.scan.analyzer;

import dev.mlsec.scan.FileFormat;
import dev.mlsec.scan.format.Hdf5;
import dev.mlsec.scan.format.KerasConfig;
import dev.mlsec.scan.format.Protobuf;
import dev.mlsec.scan.io.Blob;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * ONNX models and TensorFlow SavedModels, recognized by reading them as protobuf; a small one is
 * also searched for embedded Keras configs ({@code keras_metadata.pb}).
 */
final class ProtobufAnalyzer implements FormatAnalyzer {

  @Override
  public FileFormat format() {
    return FileFormat.ONNX;
  }

  /** Protobuf has no magic: the wire format itself is the test, in {@link #analyze}. */
  @Override
  public boolean sniff(byte[] head, Blob blob) {
    return true;
  }

  @Override
  public FileFormat analyze(Dispatcher d, Blob b, String member, int depth) throws IOException {
    FileFormat pb = Protobuf.analyze(d.ctx(), b, member);
    if (pb != null && b.size() <= d.ctx().limits().maxHeaderBytes()) {
      // SavedModel metadata holds Keras configs: their TorchModuleWrapper modules are scanned too
      List<KerasConfig.Payload> payloads = new ArrayList<>();
      Hdf5.analyze(d.ctx(), b, member, payloads);
      d.analyzeEmbedded(payloads, member, depth);
    }
    return pb;
  }
}
