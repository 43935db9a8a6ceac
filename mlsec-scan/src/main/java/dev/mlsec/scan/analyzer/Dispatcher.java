package dev.mlsec.scan.analyzer;

import dev.mlsec.scan.FileFormat;
import dev.mlsec.scan.ScanContext;
import dev.mlsec.scan.format.KerasConfig;
import dev.mlsec.scan.io.Blob;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * Sniffs bytes by content and hands them to the first {@link FormatAnalyzer} that takes them;
 * archives and compressions call back here for their members, so the walk is recursive.
 */
public final class Dispatcher {
  static final int HEAD = 1024;
  private final ScanContext ctx;
  private final List<FormatAnalyzer> formats;

  public Dispatcher(ScanContext ctx) {
    this(ctx, Formats.ORDER);
  }

  Dispatcher(ScanContext ctx, List<FormatAnalyzer> formats) {
    this.ctx = ctx;
    this.formats = formats;
  }

  public ScanContext ctx() {
    return ctx;
  }

  /**
   * Analyzes a random-access blob; {@code name} (a file or entry name, may be empty) is checked
   * against the format found. Returns the format found.
   */
  public FileFormat analyze(Blob b, String member, String name, int depth) throws IOException {
    ctx.checkTime();
    FileFormat f = sniffAndAnalyze(b, member, depth);
    // a template may open with '{{' or '{%', which the JSON sniff takes for an object
    if (f == FileFormat.UNKNOWN || f == FileFormat.JSON) templateFile(b, member, name);
    if (f == FileFormat.UNKNOWN) mlmodelFile(b, member, name);
    if (f == FileFormat.UNKNOWN) textConfigFile(b, member, name);
    Extensions.check(ctx, name, f, member);
    return f;
  }

  /**
   * A {@code .jinja} file (transformers' {@code chat_template.jinja}, which it renders as the chat
   * template) is judged as a GGUF chat template; one too large to read is a limit, not clean.
   */
  private void templateFile(Blob b, String member, String name) throws IOException {
    if (name == null || !name.toLowerCase(java.util.Locale.ROOT).endsWith(".jinja")) return;
    byte[] bytes = withinHeaderLimit(b, member, "template file");
    if (bytes == null) return;
    String text = new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
    dev.mlsec.scan.format.ChatTemplates.judgeText(ctx, member, name, text);
  }

  /** An MLflow {@code MLmodel} (YAML, found by its fixed name) may name loader code to import. */
  private void mlmodelFile(Blob b, String member, String name) throws IOException {
    if (name == null) return;
    String last = name.substring(name.lastIndexOf('/') + 1);
    if (!last.equals(dev.mlsec.scan.format.LoaderConfigs.MLMODEL)) return;
    byte[] bytes = withinHeaderLimit(b, member, "MLmodel file");
    if (bytes == null) return;
    dev.mlsec.scan.format.LoaderConfigs.judgeMlmodel(ctx, member, bytes);
    dev.mlsec.scan.format.MlflowCodePaths.judgeMlmodel(ctx, member, bytes);
  }

  /**
   * YAML and environment files (Hydra configs, conda.yaml, requirements.txt) and a
   * sentence-transformers {@code modules.json} (a JSON list, which the JSON sniff leaves), found by
   * name and read as text.
   */
  private void textConfigFile(Blob b, String member, String name) throws IOException {
    if (name == null || name.isEmpty()) return;
    String last = name.substring(name.lastIndexOf('/') + 1);
    boolean modules = last.equals(dev.mlsec.scan.format.PipelineConfigs.MODULES_JSON);
    if (!modules
        && !dev.mlsec.scan.format.YamlConfigs.isYaml(last)
        && !dev.mlsec.scan.format.YamlConfigs.isEnvironment(last)) return;
    byte[] bytes = withinHeaderLimit(b, member, "config file");
    if (bytes == null) return;
    if (!modules) {
      dev.mlsec.scan.format.YamlConfigs.judge(ctx, member, last, bytes);
      return;
    }
    try {
      Object root = dev.mlsec.scan.format.Json.parse(bytes, 0, bytes.length).root();
      dev.mlsec.scan.format.PipelineConfigs.judgeJson(ctx, member, last, root);
    } catch (IOException e) {
      // not JSON: nothing sentence-transformers would read
    }
  }

  /**
   * All of a small text file read whole, or null after noting a limit when it is larger than the
   * header limit (a file too large to read is a limit, not clean).
   */
  private byte[] withinHeaderLimit(Blob b, String member, String what) throws IOException {
    if (b.size() > ctx.limits().maxHeaderBytes()) {
      ctx.limit(member, 0, what + " is larger than the header limit");
      return null;
    }
    return b.bytes(0, (int) b.size());
  }

  private FileFormat sniffAndAnalyze(Blob b, String member, int depth) throws IOException {
    byte[] h = b.bytes(0, HEAD);
    if (h.length == 0) return FileFormat.UNKNOWN;
    for (FormatAnalyzer a : formats) {
      if (!a.sniff(h, b)) continue;
      FileFormat f = a.analyze(this, b, member, depth);
      if (f != null) return f;
    }
    return FileFormat.UNKNOWN;
  }

  /**
   * Analyzes sequential bytes (a decompressed stream): streaming formats read it through, others
   * are buffered up to the limit and analyzed as a blob.
   */
  public FileFormat analyzeStream(InputStream raw, String member, String name, int depth)
      throws IOException {
    // large reads pass through; 8 KB is enough for the head and costs a member little
    BufferedInputStream in = new BufferedInputStream(raw, 8 * 1024);
    in.mark(HEAD);
    byte[] h = in.readNBytes(HEAD);
    in.reset();
    if (h.length == 0) {
      Extensions.check(ctx, name, FileFormat.UNKNOWN, member);
      return FileFormat.UNKNOWN;
    }
    for (FormatAnalyzer a : formats) {
      if (a instanceof FormatAnalyzer.Streaming s && s.streams(h)) {
        FileFormat f = s.analyzeStream(this, in, member, depth);
        Extensions.check(ctx, name, f, member);
        return f;
      }
    }
    byte[] all = buffer(in, member);
    if (all == null) return FileFormat.UNKNOWN;
    return analyze(Blob.of(all), member, name, depth);
  }

  /**
   * Reads a whole stream into memory, up to the buffer limit; null (and a limit finding) when it is
   * larger.
   */
  byte[] buffer(InputStream in, String member) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buf = new byte[64 * 1024];
    int n;
    while ((n = in.read(buf)) > 0) {
      if (out.size() + n > ctx.limits().maxBufferedBytes()) {
        ctx.limit(
            member,
            -1,
            "member needs random access and is larger than the buffer limit of "
                + ctx.limits().maxBufferedBytes()
                + " bytes");
        return null;
      }
      out.write(buf, 0, n);
    }
    return out.toByteArray();
  }

  /**
   * True (and a limit finding) when one more level of archive or compression would pass the nesting
   * limit; {@code what} names the kind of nesting in the message.
   */
  boolean nestingReached(int depth, String member, String what) {
    if (depth < ctx.limits().maxNesting()) return false;
    ctx.limit(member, 0, what + "nesting limit of " + ctx.limits().maxNesting() + " reached");
    return true;
  }

  /** Scans the models a Keras config embeds (decoded TorchModuleWrapper modules) as members. */
  void analyzeEmbedded(List<KerasConfig.Payload> payloads, String member, int depth)
      throws IOException {
    for (KerasConfig.Payload p : payloads) {
      String where = join(member, p.name());
      if (nestingReached(depth + 1, where, "embedded model ")) continue;
      // torch.load reads whatever it is given: bytes we cannot name are not judged clean
      if (analyze(Blob.of(p.data()), where, "", depth + 1) == FileFormat.UNKNOWN)
        ctx.unreadable(where, 0, "embedded model is neither a torch.save nor a pickle");
    }
  }

  /**
   * The member path of {@code child} inside {@code parent}, nested entries joined by {@code !/}.
   */
  public static String join(String parent, String child) {
    return parent.isEmpty() ? child : parent + "!/" + child;
  }
}
