package dev.mlsec.catalog;

import java.util.Collection;
import java.util.Optional;

/** Did-you-mean suggestions: the closest known word by edit distance, when it is close enough. */
public final class Spelling {
  private Spelling() {}

  /** The closest candidate within a distance of about a third of the word, if any. */
  public static Optional<String> closest(String word, Collection<String> candidates) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String c : candidates) {
      int d =
          distance(word.toLowerCase(java.util.Locale.ROOT), c.toLowerCase(java.util.Locale.ROOT));
      if (d < bestDistance || (d == bestDistance && best != null && c.compareTo(best) < 0)) {
        best = c;
        bestDistance = d;
      }
    }
    if (best == null) return Optional.empty();
    int limit = Math.max(2, Math.max(word.length(), best.length()) / 3);
    return bestDistance <= limit ? Optional.of(best) : Optional.empty();
  }

  /** "did you mean X?" or a list of what is allowed when nothing is close. */
  public static String hint(String word, Collection<String> candidates) {
    return closest(word, candidates)
        .map(c -> "did you mean '" + c + "'?")
        .orElseGet(
            () ->
                candidates.size() <= 12
                    ? "expected one of: " + String.join(", ", candidates.stream().sorted().toList())
                    : "");
  }

  static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) prev[j] = j;
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
