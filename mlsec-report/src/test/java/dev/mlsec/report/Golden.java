package dev.mlsec.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Compares output with a file under src/test/resources/golden; {@code -Dmlsec.regenerate=true}
 * rewrites the file instead (then review the diff before committing). The same flag regenerates
 * every golden file and generated document of every module: {@code ./mvnw -B -q test
 * -Dmlsec.regenerate=true}.
 */
public final class Golden {
  private static final Path DIR = Path.of("src/test/resources/golden");

  /** The flag, one for the whole build. */
  public static final String REGENERATE = "mlsec.regenerate";

  /** The inlined style sheet and script of an HTML report; a golden keeps only their hash. */
  private static final Pattern INLINED =
      Pattern.compile("(<style>|<script>)(.*?)(</style>|</script>)", Pattern.DOTALL);

  private Golden() {}

  public static boolean regenerating() {
    return Boolean.getBoolean(REGENERATE);
  }

  public static void check(String name, String actual) throws IOException {
    Path file = DIR.resolve(name);
    String kept = name.endsWith(".html") ? hashInlined(actual) : actual;
    if (regenerating()) {
      Files.createDirectories(file.getParent());
      Files.writeString(file, kept, StandardCharsets.UTF_8);
      return;
    }
    assertThat(file).as("golden file %s is missing: run with -D%s=true", file, REGENERATE).exists();
    assertThat(kept)
        .as("output differs from %s (run with -D%s=true to accept)", file, REGENERATE)
        .isEqualTo(Files.readString(file, StandardCharsets.UTF_8));
  }

  /**
   * The HTML with the body of every plain {@code <style>} and {@code <script>} element replaced by
   * one line naming its SHA-256 and length: a change to the report's CSS or JS still shows in the
   * golden, as one line rather than the whole file again.
   */
  static String hashInlined(String html) {
    Matcher m = INLINED.matcher(html);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String body = m.group(2);
      String line =
          "/* inlined: sha256 "
              + sha256(body)
              + ", "
              + body.getBytes(StandardCharsets.UTF_8).length
              + " bytes */";
      m.appendReplacement(out, Matcher.quoteReplacement(m.group(1) + line + m.group(3)));
    }
    m.appendTail(out);
    return out.toString();
  }

  private static String sha256(String s) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  /**
   * Checks the part of a document between two marker lines against {@code content}, or rewrites it
   * when regenerating.
   */
  public static void checkRegion(Path doc, String begin, String end, String content)
      throws IOException {
    String text = Files.readString(doc, StandardCharsets.UTF_8);
    int b = text.indexOf(begin);
    int e = text.indexOf(end);
    assertThat(b).as("%s has no line %s", doc, begin).isNotNegative();
    assertThat(e).as("%s has no line %s after %s", doc, end, begin).isGreaterThan(b);
    int from = text.indexOf('\n', b) + 1;
    if (regenerating()) {
      Files.writeString(doc, text.substring(0, from) + content + text.substring(e));
      return;
    }
    assertThat(text.substring(from, e))
        .as("%s is stale: run the tests with -D%s=true", doc, REGENERATE)
        .isEqualTo(content);
  }
}
