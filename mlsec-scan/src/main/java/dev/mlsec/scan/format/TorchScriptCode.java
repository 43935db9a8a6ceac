package dev.mlsec.scan.format;

import dev.mlsec.scan.ScanContext;
import dev.mlsec.scan.ScanRule;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Text scan of a TorchScript archive's {@code code/**.py} members. TorchScript's restricted Python
 * cannot import or reach the OS, so such names only appear in a tampered archive; custom operator
 * namespaces need native code the loading process registers.
 */
public final class TorchScriptCode {
  private TorchScriptCode() {}

  /** Operator namespaces that ship with torch itself. */
  private static final Set<String> BUILTIN_OPS =
      Set.of(
          "aten",
          "prim",
          "quantized",
          "_caffe2",
          "_quantized",
          "quantized_decomposed",
          "profiler",
          "cuda",
          "mkldnn",
          "mkl",
          "onednn",
          "xnnpack",
          "_c10d_functional",
          "c10d",
          "c10d_functional",
          "_dtensor",
          "sparse",
          "fbgemm",
          "torchvision",
          "torchaudio",
          "image");

  private static final Pattern OPS = Pattern.compile("\\bops\\.([A-Za-z_][A-Za-z0-9_]*)\\.");

  /** Names a normal export never contains: each reaches outside the model when the code runs. */
  private static final Pattern ESCAPE =
      Pattern.compile(
          "\\b(__import__|__builtins__|builtins|importlib|subprocess|os\\.[a-z_]+"
              + "|sys\\.[a-z_]+|eval\\s*\\(|exec\\s*\\(|compile\\s*\\(|open\\s*\\("
              + "|torch\\.load\\s*\\(|pickle\\.|marshal\\."
              + "|getattr\\s*\\(\\s*(?:os|sys|torch|builtins|subprocess|importlib|__builtins__)\\b)");

  /** True for a member TorchScript compiles when the archive is loaded. */
  public static boolean isCode(String name) {
    String n = name.replace('\\', '/');
    return n.endsWith(".py") && (n.startsWith("code/") || n.contains("/code/"));
  }

  public static void scan(ScanContext ctx, byte[] data, String member) {
    String text = new String(data, StandardCharsets.UTF_8);
    int line = 1;
    int start = 0;
    long offset = 0;
    while (start <= text.length()) {
      int end = text.indexOf('\n', start);
      if (end < 0) end = text.length();
      String l = text.substring(start, end);
      String code = stripComment(l);
      Matcher m = ESCAPE.matcher(code);
      while (m.find())
        ctx.report(
            ScanRule.TORCHSCRIPT_ESCAPE,
            offset + m.start(),
            member,
            List.of(),
            "line " + line + ": '" + m.group(1).strip() + "' in TorchScript code");
      Matcher o = OPS.matcher(code);
      while (o.find())
        if (!BUILTIN_OPS.contains(o.group(1)))
          ctx.report(
              ScanRule.TORCHSCRIPT_CUSTOM_OP,
              offset + o.start(),
              member,
              List.of(),
              "line "
                  + line
                  + ": custom operator namespace torch.ops."
                  + o.group(1)
                  + " needs native code registered by the loader");
      line++;
      start = end + 1;
      offset += l.getBytes(StandardCharsets.UTF_8).length + 1;
    }
  }

  /** Drops a '#' comment; quotes are tracked so a '#' in a string literal is kept. */
  private static String stripComment(String l) {
    char quote = 0;
    for (int i = 0; i < l.length(); i++) {
      char c = l.charAt(i);
      if (quote != 0) {
        if (c == '\\') i++;
        else if (c == quote) quote = 0;
      } else if (c == '"' || c == '\'') quote = c;
      else if (c == '#') return l.substring(0, i);
    }
    return l;
  }
}
