package dev.mlsec.scan.analyzer;

import dev.mlsec.scan.FileFormat;
import dev.mlsec.scan.format.ChatTemplates;
import dev.mlsec.scan.format.Json;
import dev.mlsec.scan.format.KerasConfig;
import dev.mlsec.scan.format.LoaderConfigs;
import dev.mlsec.scan.format.LoaderConventions;
import dev.mlsec.scan.format.PipelineConfigs;
import dev.mlsec.scan.format.ServingArchives;
import dev.mlsec.scan.format.SparkMl;
import dev.mlsec.scan.io.Blob;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** A JSON document (a Keras {@code config.json} among others), up to the header limit. */
final class JsonAnalyzer implements FormatAnalyzer {

  @Override
  public FileFormat format() {
    return FileFormat.JSON;
  }

  @Override
  public boolean sniff(byte[] head, Blob b) {
    for (byte x : head) if (x != ' ' && x != '\n' && x != '\r' && x != '\t') return x == '{';
    return false;
  }

  @Override
  public FileFormat analyze(Dispatcher d, Blob b, String member, int depth) throws IOException {
    d.ctx().format(FileFormat.JSON);
    if (b.size() > d.ctx().limits().maxHeaderBytes()) {
      // a JSON loader reads it whole: not read here, so not decided
      d.ctx()
          .limit(
              member,
              0,
              "JSON of "
                  + b.size()
                  + " bytes exceeds the header limit of "
                  + d.ctx().limits().maxHeaderBytes());
      return FileFormat.JSON;
    }
    List<KerasConfig.Payload> payloads = new ArrayList<>();
    byte[] bytes = b.bytes(0, (int) b.size());
    Object root;
    try {
      root = Json.parse(bytes, 0, bytes.length).root();
    } catch (Json.TooLarge e) {
      // a JSON loader may read it (json.loads nests up to the recursion limit): not decided
      d.ctx().limit(member, 0, e.getMessage());
      return FileFormat.JSON;
    } catch (IOException e) {
      return FileFormat.JSON; // opens like JSON but is none: nothing a JSON loader would read
    }
    KerasConfig.analyzeTree(d.ctx(), root, member, 0, payloads);
    // a tokenizer_config.json / chat_template.json: its chat templates are judged as GGUF's
    ChatTemplates.judgeJson(d.ctx(), member, root);
    // config.json auto_map: the loader imports the repository's own modules
    LoaderConfigs.judgeJson(d.ctx(), member, root);
    // model_index.json components, TorchServe manifests, skops schemas: modules the loader imports
    PipelineConfigs.judgeJson(d.ctx(), member, member, root);
    ServingArchives.judgeJson(d.ctx(), member, root);
    LoaderConventions.judgeJson(d.ctx(), member, root);
    // Spark ML stage metadata: a class outside Spark is imported; paramMap pickles are members
    SparkMl.judgeJson(d.ctx(), member, root, payloads);
    // the embedded model is scanned as a file of its own (a torch zip, with its pickles)
    d.analyzeEmbedded(payloads, member, depth);
    return FileFormat.JSON;
  }
}
