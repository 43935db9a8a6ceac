package dev.mlsec.discover;

import java.util.Locale;

/** Component and asset ids made from names found in files: {@code [a-z0-9][a-z0-9-]*}. */
public final class Ids {
  private static final int MAX = 60;

  private Ids() {}

  /**
   * {@code "Org/Model_v2.1"} becomes {@code org-model-v2-1}, {@code AbaloneTrain} {@code
   * abalone-train}; nothing usable becomes {@code x}.
   */
  public static String slug(String name) {
    StringBuilder b = new StringBuilder();
    // CamelCase words stay words: AbaloneTrain -> abalone-train
    String words = name.replaceAll("([a-z])([A-Z])", "$1-$2");
    for (char c : words.toLowerCase(Locale.ROOT).toCharArray()) {
      boolean ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
      if (ok) b.append(c);
      else if (b.length() > 0 && b.charAt(b.length() - 1) != '-') b.append('-');
      if (b.length() >= MAX) break;
    }
    while (b.length() > 0 && b.charAt(b.length() - 1) == '-') b.setLength(b.length() - 1);
    return b.length() == 0 ? "x" : b.toString();
  }
}
